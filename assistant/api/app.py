"""The FastAPI application factory."""

from __future__ import annotations

import logging
from contextlib import asynccontextmanager

from fastapi import FastAPI

from assistant import __version__
from assistant.api.errors import install_error_handlers
from assistant.api.middleware import RequestContextMiddleware
from assistant.api.routes import (
    admin,
    alerts,
    analytics,
    audit_admin,
    chat,
    drafts,
    health,
    leads,
    notes,
    scopes,
    subjects,
    summaries,
    web,
)
from assistant.api.abuse_guard import install_abuse_guard
from assistant.api.security import install_security
from assistant.periodic import IndexTask, RetentionTask
from assistant.ratelimit import install_rate_limits
from assistant.services import Services, build_services
from assistant.settings import Settings, get_settings

log = logging.getLogger("assistant")


def create_app(settings: Settings | None = None, *, services: Services | None = None,
               guards: bool = True) -> FastAPI:
    """The app. `guards=False` leaves out abuse checks, rate limits and security headers, for tests
    that install them with their own limits."""
    settings = settings or (services.settings if services else get_settings())
    services = services or build_services(settings)
    retention = RetentionTask(services)
    indexing = IndexTask(services)

    @asynccontextmanager
    async def lifespan(_app: FastAPI):
        retention.start()
        indexing.start()
        start_spool = getattr(services.audit, "start", None)
        if start_spool is not None:
            start_spool(interval_s=5)  # replays audit records spooled while the database was away
        try:
            yield
        finally:
            retention.stop()
            indexing.stop()
            services.close()
            stop_spool = getattr(services.audit, "stop", None)
            if stop_spool is not None:
                stop_spool()

    app = FastAPI(
        title="LUA assistant — the privacy-guarded AI layer of a CRM",
        version=__version__,
        docs_url="/docs",
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.services = services
    install_error_handlers(app)
    app.add_middleware(
        RequestContextMiddleware, max_body_bytes=settings.max_body_bytes, metrics=services.metrics
    )
    # Added last = outermost: security headers wrap everything, then rate limits, then abuse checks.
    if guards:
        install_abuse_guard(app, services)
        install_rate_limits(app, settings)
        install_security(app, settings)
    for module in (health, leads, summaries, drafts, chat, notes, analytics, admin, scopes, audit_admin,
                   subjects, alerts, web):
        app.include_router(module.router)
    app.include_router(admin.mine)
    return app

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
)
from assistant.periodic import RetentionTask
from assistant.services import Services, build_services
from assistant.settings import Settings, get_settings

log = logging.getLogger("assistant")


def create_app(settings: Settings | None = None, *, services: Services | None = None) -> FastAPI:
    settings = settings or (services.settings if services else get_settings())
    services = services or build_services(settings)
    retention = RetentionTask(services)

    @asynccontextmanager
    async def lifespan(_app: FastAPI):
        retention.start()
        try:
            yield
        finally:
            retention.stop()

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
    for module in (health, leads, summaries, drafts, chat, notes, analytics, admin, scopes, audit_admin, subjects):
        app.include_router(module.router)
    return app

"""The service as `make load` runs it: the real app (fake model provider) on 127.0.0.1, with this
issue's security middleware installed when create_app does not install it yet."""

from __future__ import annotations

import argparse
import logging

import uvicorn

from assistant.api.app import create_app
from assistant.settings import Settings


def build_app(settings: Settings):
    from assistant.api.abuse_guard import install_abuse_guard
    from assistant.api.routes import alerts
    from assistant.api.security import install_security
    from assistant.ratelimit import RateLimits, install_rate_limits
    from guardrails.abuse import AbuseDetector, AbuseLimits

    app = create_app(settings)
    services = app.state.services
    if type(services.audit).__name__ != "SpoolingAuditSink":  # not wired by the lead yet
        from guardrails.spool import SpoolingAuditSink

        services.audit = SpoolingAuditSink(services.audit, settings.data_dir / "audit.spool")
    if not any(getattr(r, "path", "") == "/v1/admin/alerts" for r in app.routes):  # not wired by the lead yet
        app.include_router(alerts.router)
        install_abuse_guard(app, app.state.services, detector=AbuseDetector(AbuseLimits()))
        # Budgets sized for the load run (50 sessions of two tenants); the walls stay on.
        install_rate_limits(app, settings, limits=RateLimits(user_per_minute=10_000, tenant_per_minute=100_000,
                                                              tenant_concurrency=64))
        install_security(app, settings)
    return app


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    settings = Settings()
    uvicorn.run(build_app(settings), host="127.0.0.1", port=args.port, log_level="warning", access_log=False)


if __name__ == "__main__":
    main()

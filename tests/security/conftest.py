"""The app as the lead will wire it, with this issue's middleware installed by the tests themselves."""

from __future__ import annotations

import pytest

from tests.fixtures import make_settings, shared_redactor


def build_secure_app(crm, tmp_path, *, model=None, limits=None, abuse_limits=None, settings_over=None,
                     security=True, rate_limits=True, abuse=True):

    from assistant.api.abuse_guard import install_abuse_guard
    from assistant.api.app import create_app
    from assistant.api.security import install_security
    from assistant.llm_factory import build_egress_guard
    from assistant.ratelimit import RateLimits, install_rate_limits
    from assistant.services import build_services
    from connectors.llm.fake import FakeChatModel, demo_reply
    from guardrails.abuse import AbuseDetector

    settings = make_settings(tmp_path, database_url=crm.url, **(settings_over or {}))
    services = build_services(settings)
    model = model or FakeChatModel(script=[demo_reply], repeat_last=True)
    services.redactor_factory = shared_redactor
    services.egress_factory = lambda: build_egress_guard(settings, models={"fake": model})
    services.fake_model = model  # type: ignore[attr-defined]
    app = create_app(settings, services=services, guards=False)
    # Inner to outer, as the lead wires it: abuse guard, rate limits, then headers/CORS outermost.
    if abuse:
        app.state.abuse = install_abuse_guard(app, services, detector=AbuseDetector(abuse_limits))
    if rate_limits:
        app.state.limiter = install_rate_limits(app, settings, limits=limits or RateLimits())
    if security:
        install_security(app, settings)
    return app, settings, services


@pytest.fixture
def secure_client(tiny_crm, tmp_path):
    from fastapi.testclient import TestClient

    app, settings, services = build_secure_app(tiny_crm, tmp_path)
    with TestClient(app) as client:
        yield client, tiny_crm, settings, services


def auth(crm, settings, who: str) -> dict[str, str]:
    from tests.fixtures import token_for

    return {"Authorization": f"Bearer {token_for(crm, settings, who)}"}

"""The app as the lead will wire it, with this issue's middleware installed by the tests themselves."""

from __future__ import annotations

import os
import uuid

import pytest

from tests.fixtures import make_settings, shared_redactor


def build_secure_app(crm, tmp_path, *, model=None, limits=None, abuse_limits=None, settings_over=None,
                     security=True, rate_limits=True, abuse=True, redis_url: str | None = None):

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
        # redis_url: the Redis-backed limiter under a prefix of its own (tests never share counters)
        app.state.limiter = install_rate_limits(app, settings, limits=limits or RateLimits(), redis_url=redis_url,
                                                redis_prefix=f"lua:test:{uuid.uuid4().hex}:")
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


@pytest.fixture
def redis_url() -> str:
    """LUA_TEST_REDIS_URL (CI sets it; use a database number of its own, e.g. /15) after a ping;
    skipped when unset locally, a failure in CI."""
    url = os.environ.get("LUA_TEST_REDIS_URL", "")
    if not url:
        if os.environ.get("CI"):
            pytest.fail("LUA_TEST_REDIS_URL must be set in CI (.ci/run sets it)")
        pytest.skip("LUA_TEST_REDIS_URL not set")
    redis = pytest.importorskip("redis")
    try:
        redis.Redis.from_url(url, socket_connect_timeout=0.5).ping()
    except Exception as exc:  # noqa: BLE001 - any failure to reach it
        if os.environ.get("CI"):
            pytest.fail(f"Redis at LUA_TEST_REDIS_URL unreachable: {type(exc).__name__}")
        pytest.skip("Redis at LUA_TEST_REDIS_URL unreachable")
    return url

"""Security headers on every response (also errors), HSTS only over TLS, CORS only for configured origins."""

from __future__ import annotations

from types import SimpleNamespace

from fastapi.testclient import TestClient

from assistant.api.security import SecurityPolicy, security_headers
from tests.security.conftest import auth, build_secure_app


def test_headers_on_ok_error_and_unauthenticated_responses(secure_client):
    client, crm, settings, _ = secure_client
    for resp in (client.get("/health"), client.get("/v1/leads"),
                 client.get("/v1/leads", headers=auth(crm, settings, "a:rep")),
                 client.get("/v1/leads/999999", headers=auth(crm, settings, "a:rep"))):
        h = resp.headers
        assert "frame-ancestors 'self'" in h["content-security-policy"], resp.status_code
        assert "default-src 'self'" in h["content-security-policy"]
        assert h["x-content-type-options"] == "nosniff"
        assert h["x-frame-options"] == "SAMEORIGIN"
        assert h["referrer-policy"] == "no-referrer"
        assert "strict-transport-security" not in h  # plain HTTP: no HSTS
    assert client.get("/v1/leads", headers=auth(crm, settings, "a:rep")).headers["cache-control"] == "no-store"


def test_hsts_only_when_served_over_tls():
    tls = SecurityPolicy.from_settings(SimpleNamespace(ssl_certfile="/etc/cert.pem", cors_origins=[]))
    names = dict(security_headers(tls, path="/v1/leads", scheme="https"))
    assert names[b"strict-transport-security"].startswith(b"max-age=31536000")
    assert b"strict-transport-security" not in dict(security_headers(tls, path="/v1/leads", scheme="http"))
    plain = SecurityPolicy.from_settings(SimpleNamespace())
    assert b"strict-transport-security" not in dict(security_headers(plain, path="/", scheme="https"))


def test_frame_ancestors_comes_from_settings():
    policy = SecurityPolicy.from_settings(SimpleNamespace(frame_ancestors="https://crm.example"))
    csp = dict(security_headers(policy, path="/v1/chat", scheme="http"))[b"content-security-policy"]
    assert csp.endswith(b"frame-ancestors https://crm.example")
    assert b"x-frame-options" not in dict(security_headers(policy, path="/v1/chat", scheme="http"))
    spaced = SecurityPolicy.from_settings(SimpleNamespace(cors_origins="https://a.example https://b.example"))
    assert spaced.cors_origins == ("https://a.example", "https://b.example")


def _cors_app(tiny_crm, tmp_path, origins):
    app, settings, _ = build_secure_app(tiny_crm, tmp_path, rate_limits=False, abuse=False, security=False)
    from assistant.api.security import install_security

    install_security(app, settings, policy=SecurityPolicy(cors_origins=tuple(origins)))
    return app, settings


def test_cors_allows_only_configured_origins(tiny_crm, tmp_path):
    app, settings = _cors_app(tiny_crm, tmp_path, ["https://crm.example"])
    with TestClient(app) as client:
        pre = {"Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "authorization,content-type"}
        ok = client.options("/v1/chat", headers={"Origin": "https://crm.example", **pre})
        assert ok.status_code == 200
        assert ok.headers["access-control-allow-origin"] == "https://crm.example"
        assert "access-control-allow-credentials" not in ok.headers
        bad = client.options("/v1/chat", headers={"Origin": "https://evil.example", **pre})
        assert bad.status_code == 400 and "access-control-allow-origin" not in bad.headers
        simple = client.get("/health", headers={"Origin": "https://evil.example"})
        assert "access-control-allow-origin" not in simple.headers
        assert client.get("/v1/leads", headers={"Origin": "https://crm.example", **auth(tiny_crm, settings, "a:rep")}
                          ).headers["access-control-allow-origin"] == "https://crm.example"


def test_no_origins_configured_means_no_cors(secure_client):
    client, *_ = secure_client
    r = client.options("/v1/chat", headers={"Origin": "https://crm.example", "Access-Control-Request-Method": "POST"})
    assert "access-control-allow-origin" not in r.headers

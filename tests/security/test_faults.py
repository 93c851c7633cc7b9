"""Injected faults through the whole app: a provider that times out, fails with a 5xx or breaks
mid-stream gives a clear error in the one shape, an audit record, and the next request works
(no restart). Forged tokens get no identity in the rate-limit and abuse walls either."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time

import jwt
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from connectors.llm.errors import ModelTimeout, ModelUnavailable, ModelStreamBroken
from connectors.llm.fake import FakeChatModel, FakeStream, demo_reply
from guardrails.audit.models import AuditRecord
from tests.security.conftest import auth, build_secure_app


@pytest.mark.parametrize("fault, status", [
    (ModelTimeout("timed out"), 504),
    (ModelUnavailable("HTTP 500 from provider"), 503),
])
def test_provider_fault_is_a_clear_error_then_recovers(tiny_crm, tmp_path, fault, status):
    # The breaker and retries are egress's; here enough faults to exhaust the retries once.
    model = FakeChatModel(script=[fault] * 3 + [demo_reply], repeat_last=True)
    app, settings, services = build_secure_app(tiny_crm, tmp_path, model=model,
                                               settings_over={"llm_retry_attempts": 1, "llm_breaker_failures": 50})
    body = {"message": "What did she ask for?", "lead_id": tiny_crm.leads["a:rep_lead"]}
    with TestClient(app) as client:
        rep = auth(tiny_crm, settings, "a:rep")
        bad = client.post("/v1/chat", json=body, headers=rep)
        assert bad.status_code == status, bad.text
        err = bad.json()["error"]
        assert err["code"] and err["message"] and err["request_id"] == bad.headers["x-request-id"]
        codes = [client.post("/v1/chat", json=body, headers=rep).status_code for _ in range(3)]
        assert codes[-1] == 200, codes  # recovered without a restart
    with services.factory() as s:
        outcomes = s.scalars(select(AuditRecord.outcome).where(AuditRecord.request_id == err["request_id"])).all()
    assert "error" in outcomes


def test_stream_broken_mid_way_ends_with_an_error_event_then_recovers(tiny_crm, tmp_path):
    model = FakeChatModel(script=[FakeStream(["The", " customer"], ModelStreamBroken("reset")), demo_reply],
                          repeat_last=True)
    app, settings, _ = build_secure_app(tiny_crm, tmp_path, model=model,
                                        settings_over={"llm_retry_attempts": 1, "llm_breaker_failures": 50})
    body = {"message": "What next?", "lead_id": tiny_crm.leads["a:rep_lead"], "stream": True}
    with TestClient(app) as client:
        rep = auth(tiny_crm, settings, "a:rep")
        r = client.post("/v1/chat", json=body, headers=rep)
        # Broken before the answer starts → 502 in the error shape; after → an SSE error event.
        if r.status_code == 200:
            assert "error" in r.text
        else:
            assert r.status_code == 502 and r.json()["error"]["code"]
        again = client.post("/v1/chat", json={**body, "stream": False}, headers=rep)
        assert again.status_code == 200, again.text


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def test_rs256_server_rejects_hs256_signed_with_its_public_key(tiny_crm, tmp_path):
    """The classic algorithm confusion: the attacker HMACs with the server's public key."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    public_pem = key.public_key().public_bytes(serialization.Encoding.PEM,
                                               serialization.PublicFormat.SubjectPublicKeyInfo)
    app, settings, _ = build_secure_app(tiny_crm, tmp_path, settings_over={
        "jwt_algorithm": "RS256", "jwt_public_key": public_pem.decode()})
    now = int(time.time())
    claims = {"iss": settings.jwt_issuer, "aud": settings.jwt_audience, "iat": now, "exp": now + 600,
              "sub": str(tiny_crm.users["a:admin"]), "tenant": "tenant-a", "role": "admin"}
    signing_input = f"{_b64(json.dumps({'alg': 'HS256', 'typ': 'JWT'}).encode())}.{_b64(json.dumps(claims).encode())}"
    forged = signing_input + "." + _b64(hmac.new(public_pem, signing_input.encode(), hashlib.sha256).digest())
    none = jwt.encode(claims, None, algorithm="none")
    good = jwt.encode(claims, key, algorithm="RS256")
    with TestClient(app) as client:
        for token in (forged, none):
            r = client.get("/v1/leads", headers={"Authorization": f"Bearer {token}"})
            assert r.status_code == 401 and r.json()["error"]["code"] == "unauthenticated"
        assert client.get("/v1/leads", headers={"Authorization": f"Bearer {good}"}).status_code == 200


def test_forged_tokens_do_not_spend_a_tenants_budget(tiny_crm, tmp_path):
    from assistant.ratelimit import RateLimits

    app, settings, _ = build_secure_app(tiny_crm, tmp_path, limits=RateLimits(user_per_minute=2, anonymous_per_minute=100))
    now = int(time.time())
    claims = {"iss": settings.jwt_issuer, "aud": settings.jwt_audience, "iat": now, "exp": now + 600,
              "sub": str(tiny_crm.users["a:rep"]), "tenant": "tenant-a", "role": "sales_rep"}
    forged = jwt.encode(claims, None, algorithm="none")
    with TestClient(app) as client:
        assert {client.get("/v1/leads", headers={"Authorization": f"Bearer {forged}"}).status_code
                for _ in range(5)} == {401}
        rep = auth(tiny_crm, settings, "a:rep")
        assert [client.get("/v1/leads", headers=rep).status_code for _ in range(2)] == [200, 200]

"""Authentication: only a valid, unexpired token for a live user of an existing tenant passes."""

from __future__ import annotations

import time

import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from tests.fixtures import make_settings, token_for


def _claims(crm, who="a:rep", **over):
    now = int(time.time())
    c = {"iss": "lua-crm", "aud": "lua-assistant", "iat": now, "exp": now + 600,
         "sub": str(crm.users[who]), "tenant": "tenant-a", "role": "sales_rep",
         "branches": [crm.branches["a:riyadh"]]}
    c.update(over)
    return c


def _get(client, token):
    headers = {"Authorization": f"Bearer {token}"} if token is not None else {}
    return client.get("/v1/leads", headers=headers)


def _assert_401(resp):
    assert resp.status_code == 401, resp.text
    body = resp.json()
    assert body["error"]["code"] == "unauthenticated"
    assert resp.headers.get("www-authenticate") == "Bearer"


def test_valid_token_passes(app_client):
    client, crm, settings, _ = app_client
    assert _get(client, token_for(crm, settings, "a:rep")).status_code == 200


@pytest.mark.parametrize("case", ["missing", "garbage", "expired", "wrong_secret", "alg_none",
                                  "wrong_audience", "wrong_issuer", "unknown_tenant", "user_of_other_tenant",
                                  "unknown_role", "no_sub", "non_numeric_sub", "hs_rs_swap"])
def test_bad_tokens_are_rejected(app_client, case):
    client, crm, settings, _ = app_client
    secret = settings.jwt_secret
    if case == "missing":
        token = None
    elif case == "garbage":
        token = "not.a.token"
    elif case == "expired":
        token = jwt.encode(_claims(crm, exp=int(time.time()) - 3600), secret, algorithm="HS256")
    elif case == "wrong_secret":
        token = jwt.encode(_claims(crm), "another-secret-that-is-long-enough-000", algorithm="HS256")
    elif case == "alg_none":
        token = jwt.encode(_claims(crm), None, algorithm="none")
    elif case == "wrong_audience":
        token = jwt.encode(_claims(crm, aud="someone-else"), secret, algorithm="HS256")
    elif case == "wrong_issuer":
        token = jwt.encode(_claims(crm, iss="evil"), secret, algorithm="HS256")
    elif case == "unknown_tenant":
        token = jwt.encode(_claims(crm, tenant="nope"), secret, algorithm="HS256")
    elif case == "user_of_other_tenant":
        token = jwt.encode(_claims(crm, sub=str(crm.users["b:rep"])), secret, algorithm="HS256")
    elif case == "unknown_role":
        token = jwt.encode(_claims(crm, role="superuser"), secret, algorithm="HS256")
    elif case == "no_sub":
        c = _claims(crm)
        del c["sub"]
        token = jwt.encode(c, secret, algorithm="HS256")
    elif case == "non_numeric_sub":
        token = jwt.encode(_claims(crm, sub="1 OR 1=1"), secret, algorithm="HS256")
    elif case == "hs_rs_swap":
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        token = jwt.encode(_claims(crm), key, algorithm="RS256")
    _assert_401(_get(client, token))


def test_rs256_with_configured_public_key(tiny_crm, tmp_path):
    from fastapi.testclient import TestClient

    from assistant.api.app import create_app

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem_pub = key.public_key().public_bytes(serialization.Encoding.PEM,
                                            serialization.PublicFormat.SubjectPublicKeyInfo).decode()
    pem_priv = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                 serialization.NoEncryption()).decode()
    settings = make_settings(tmp_path, database_url=tiny_crm.url, jwt_algorithm="RS256", jwt_public_key=pem_pub)
    with TestClient(create_app(settings)) as client:
        good = jwt.encode(_claims(tiny_crm), pem_priv, algorithm="RS256")
        assert _get(client, good).status_code == 200
        # An HS256 token signed with the public key as secret (the classic swap) is refused.
        forged = jwt.encode(_claims(tiny_crm), "x" * 40, algorithm="HS256")
        _assert_401(_get(client, forged))


def test_forged_branches_in_token_are_limited_to_the_tenant(app_client):
    """A token naming another tenant's branch id gains nothing: branches are intersected."""
    client, crm, settings, _ = app_client
    claims = _claims(crm, who="a:manager", sub=str(crm.users["a:manager"]), role="manager",
                     branches=[crm.branches["b:riyadh"], crm.branches["b:tallinn"]])
    token = jwt.encode(claims, settings.jwt_secret, algorithm="HS256")
    resp = _get(client, token)
    assert resp.status_code == 200
    assert resp.json()["total"] == 0

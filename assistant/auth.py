"""Bearer JWT authentication: verify the token, then bind it to a live user of its tenant.

Algorithms are pinned to the configured one (no `none`, no HS/RS swap); `exp`, `aud`, `iss`
and `sub` are required. The tenant comes from the token only and must exist, and the user
must exist in that tenant and be active, so a token for a deleted user stops working at once.
"""

from __future__ import annotations

import time
from functools import lru_cache

import jwt
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from assistant.settings import Settings
from connectors.crm.db import tenant_session
from connectors.crm.models import Branch, Tenant, User
from guardrails.errors import Unauthenticated
from guardrails.principal import ROLES, Principal

REQUIRED_CLAIMS = ["exp", "iat", "aud", "iss", "sub", "tenant", "role"]


@lru_cache(maxsize=4)
def _jwks_client(url: str) -> jwt.PyJWKClient:
    return jwt.PyJWKClient(url, cache_keys=True, lifespan=300)


def _verification_key(settings: Settings, token: str):
    if settings.jwt_algorithm == "HS256":
        return settings.jwt_secret
    if settings.jwt_public_key:
        return settings.jwt_public_key
    return _jwks_client(settings.jwt_jwks_url).get_signing_key_from_jwt(token).key


def decode_token(token: str, settings: Settings) -> dict:
    """Verify signature and registered claims; any failure is one 401 without detail leakage."""
    try:
        return jwt.decode(
            token,
            _verification_key(settings, token),
            algorithms=[settings.jwt_algorithm],
            audience=settings.jwt_audience,
            issuer=settings.jwt_issuer,
            options={"require": REQUIRED_CLAIMS},
            leeway=30,
        )
    except jwt.ExpiredSignatureError as exc:
        raise Unauthenticated("The token has expired.") from exc
    except (jwt.PyJWTError, ValueError, TypeError) as exc:
        raise Unauthenticated("The token is not valid.") from exc


def principal_from_claims(claims: dict, factory: sessionmaker[Session]) -> Principal:
    role = claims.get("role")
    if role not in ROLES:
        raise Unauthenticated("The token is not valid.")
    try:
        user_id = int(claims["sub"])
        token_branches = {int(b) for b in claims.get("branches") or []}
    except (TypeError, ValueError) as exc:
        raise Unauthenticated("The token is not valid.") from exc
    with factory() as session:
        tenant = session.scalar(select(Tenant).where(Tenant.slug == str(claims["tenant"])))
    if tenant is None:
        raise Unauthenticated("The token is not valid.")
    # Users and branches are tenant rows: read them through the tenant-scoped session (and RLS).
    with tenant_session(factory, tenant.id) as session:
        user = session.scalar(select(User).where(User.id == user_id, User.active.is_(True)))
        if user is None:
            raise Unauthenticated("The token is not valid.")
        tenant_branches = set(session.scalars(select(Branch.id)))
    # Branches the token grants, limited to this tenant's branches (a forged id elsewhere is ignored).
    return Principal(
        tenant_id=tenant.id,
        tenant_slug=tenant.slug,
        user_id=user.id,
        role=role,
        branch_ids=frozenset(token_branches & tenant_branches),
        language=user.preferred_language or "en",
    )


def issue_token(*, settings: Settings, tenant_slug: str, user: User, ttl_seconds: int | None = None,
                private_key: str | None = None) -> str:
    """A development token (HS256), or RS256 when a private key is given (tests)."""
    now = int(time.time())
    claims = {
        "iss": settings.jwt_issuer,
        "aud": settings.jwt_audience,
        "iat": now,
        "exp": now + (ttl_seconds or settings.jwt_ttl_seconds),
        "sub": str(user.id),
        "tenant": tenant_slug,
        "role": user.role,
        "branches": [user.branch_id] if user.branch_id else [],
    }
    if private_key:
        return jwt.encode(claims, private_key, algorithm="RS256")
    return jwt.encode(claims, settings.jwt_secret, algorithm="HS256")

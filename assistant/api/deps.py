"""FastAPI dependencies, as `Annotated` aliases. The only place `Depends` appears."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.orm import Session

from assistant.auth import decode_token, principal_from_claims
from assistant.services import Services
from connectors.crm.db import tenant_session
from guardrails.errors import Forbidden, Unauthenticated
from guardrails.principal import Principal

_bearer = HTTPBearer(auto_error=False)


def get_services(request: Request) -> Services:
    return request.app.state.services


ServicesDep = Annotated[Services, Depends(get_services)]


def get_principal(
    services: ServicesDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Principal:
    if credentials is None or credentials.scheme.lower() != "bearer" or not credentials.credentials:
        raise Unauthenticated()
    claims = decode_token(credentials.credentials, services.settings)
    return principal_from_claims(claims, services.factory)


PrincipalDep = Annotated[Principal, Depends(get_principal)]


def get_admin(principal: PrincipalDep) -> Principal:
    if not principal.is_admin:
        raise Forbidden("This needs the admin role.")
    return principal


AdminDep = Annotated[Principal, Depends(get_admin)]


def get_tenant_session(services: ServicesDep, principal: PrincipalDep) -> Iterator[Session]:
    with tenant_session(services.factory, principal.tenant_id) as session:
        yield session


SessionDep = Annotated[Session, Depends(get_tenant_session)]


def request_id(request: Request) -> str:
    return getattr(request.state, "request_id", "") or ""


RequestIdDep = Annotated[str, Depends(request_id)]

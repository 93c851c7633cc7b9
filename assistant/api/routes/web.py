"""The web UI: chat panel, analytics view and admin console, served by the API app itself.

Static files only (no build step, no CDN). Every page and asset is sent with a strict Content
Security Policy: scripts and styles from this origin only, no inline code, and `frame-ancestors`
from the `frame_ancestors` setting so that only the allowed CRM pages may embed the panel.

The development login (`/v1/dev/users`, `/v1/dev/login`) exists only when the environment is
`development` or `test`; in production it is the same 404 as an unknown path, and the CRM hands
the panel a token instead (postMessage from an allowed parent origin, or a `#token=` fragment).
"""

from __future__ import annotations

import logging
import mimetypes
import re
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Path as PathParam
from fastapi.responses import FileResponse, JSONResponse, RedirectResponse
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import select

from assistant.api.deps import ServicesDep
from assistant.auth import issue_token
from assistant.services import Services
from connectors.crm.db import system_session
from connectors.crm.models import Tenant, User
from guardrails.errors import NotFound

log = logging.getLogger("assistant.web")

WEB_ROOT = Path(__file__).resolve().parents[2] / "web"
PAGES = {"": "index.html", "chat": "index.html", "analytics": "index.html", "admin": "index.html"}
DEV_ENVIRONMENTS = ("development", "test")
DEV_TOKEN_TTL_S = 15 * 60  # short-lived: a development convenience, never a session
_ASSET = r"^[A-Za-z0-9_.\-/]{1,200}$"
_SOURCE = re.compile(r"'self'|'none'|https?://(\*\.)?[A-Za-z0-9.-]+(:\d{1,5})?")

router = APIRouter(tags=["web"])
mimetypes.add_type("text/javascript", ".js")
mimetypes.add_type("text/css", ".css")


def frame_ancestors(services: Services) -> str:
    """Space-separated origins allowed to embed the UI (LUA_FRAME_ANCESTORS); `'self'` by default.

    Only CSP source expressions that are origins survive: a stray `;` or newline in the setting must
    not be able to add directives to (or split) the header.
    """
    raw = str(getattr(services.settings, "frame_ancestors", "") or "").split()
    kept = [tok for tok in raw if _SOURCE.fullmatch(tok)]
    if len(kept) != len(raw):
        log.warning("frame_ancestors: ignored %d invalid source(s)", len(raw) - len(kept))
    return " ".join(kept) or "'self'"


def csp_header(services: Services) -> str:
    return "; ".join([
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data: blob:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        f"frame-ancestors {frame_ancestors(services)}",
    ])


def _headers(services: Services) -> dict[str, str]:
    return {
        "Content-Security-Policy": csp_header(services),
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
    }


@router.get("/ui", include_in_schema=False)
def ui_root() -> RedirectResponse:
    return RedirectResponse("/ui/", status_code=307)


@router.get("/ui/config.json", include_in_schema=False)
def ui_config(services: ServicesDep) -> JSONResponse:
    """What the page needs before sign-in: whether the dev login exists, which parents may embed it."""
    body = {"dev_login": services.settings.environment in DEV_ENVIRONMENTS,
            "frame_ancestors": frame_ancestors(services).split()}
    return JSONResponse(body, headers={"Cache-Control": "no-store"})


@router.get("/ui/", include_in_schema=False)
@router.get("/ui/{page}", include_in_schema=False)
def ui_page(services: ServicesDep, page: str = "") -> FileResponse:
    name = PAGES.get(page)
    if name is None:
        raise NotFound("No such page.")
    headers = _headers(services) | {"Cache-Control": "no-store"}
    return FileResponse(WEB_ROOT / name, media_type="text/html; charset=utf-8", headers=headers)


@router.get("/ui/static/{asset:path}", include_in_schema=False)
def ui_asset(asset: Annotated[str, PathParam(pattern=_ASSET)], services: ServicesDep) -> FileResponse:
    path = (WEB_ROOT / asset).resolve()
    # Only files under assistant/web, never a path that climbs out of it, never the HTML shells.
    allowed_type = path.suffix in (".js", ".css", ".svg", ".md") or path.name == "LICENSE"
    if WEB_ROOT not in path.parents or not path.is_file() or not allowed_type:
        raise NotFound("No such file.")
    media = mimetypes.guess_type(path.name)[0] or "text/plain"
    if media.startswith("text/"):
        media += "; charset=utf-8"
    headers = _headers(services) | {"Cache-Control": "no-cache"}
    return FileResponse(path, media_type=media, headers=headers)


# --- development login -------------------------------------------------------------------------

def _require_dev(services: Services) -> None:
    if services.settings.environment not in DEV_ENVIRONMENTS:
        raise NotFound("Not found.")


class DevUserOut(BaseModel):
    user_id: int
    tenant: str
    name: str
    role: str
    branch_id: int | None
    language: str


class DevLoginIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    user_id: int = Field(ge=1, le=2**31 - 1)


@router.get("/v1/dev/users", tags=["development"])
def dev_users(services: ServicesDep) -> dict[str, Any]:
    """Demo users to log in as (development and test environments only)."""
    _require_dev(services)
    with system_session(services.factory) as s:
        rows = s.execute(select(User, Tenant.slug).join(Tenant, Tenant.id == User.tenant_id)
                         .where(User.active.is_(True)).order_by(Tenant.slug, User.role, User.id).limit(200)).all()
        items = [DevUserOut(user_id=u.id, tenant=slug, name=u.full_name, role=u.role, branch_id=u.branch_id,
                            language=u.preferred_language or "en").model_dump() for u, slug in rows]
    return {"items": items}


@router.post("/v1/dev/login", tags=["development"])
def dev_login(body: DevLoginIn, services: ServicesDep) -> dict[str, Any]:
    """A short-lived token for one demo user (development and test environments only)."""
    _require_dev(services)
    with system_session(services.factory) as s:
        row = s.execute(select(User, Tenant.slug).join(Tenant, Tenant.id == User.tenant_id)
                        .where(User.id == body.user_id, User.active.is_(True))).first()
        if row is None:
            raise NotFound("No such user.")
        user, slug = row
        s.expunge(user)
    token = issue_token(settings=services.settings, tenant_slug=slug, user=user, ttl_seconds=DEV_TOKEN_TTL_S)
    log.info("dev login role=%s", user.role)
    return {"token": token, "expires_in": DEV_TOKEN_TTL_S, "user_id": user.id, "role": user.role,
            "tenant": slug, "name": user.full_name, "language": user.preferred_language or "en"}

"""Admin API for AI scopes: read, replace (JSON or YAML), history, preview, simulate.

Admin role only; the tenant always comes from the token. A rejected document leaves the
version in force untouched. Preview returns the redacted prompt, never the raw values.
"""

from __future__ import annotations

import json
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel, ConfigDict, Field, model_validator
from sqlalchemy import select
from starlette.concurrency import run_in_threadpool

from assistant.api.deps import AdminDep, ServicesDep
from assistant.services import Services
from connectors.crm.db import tenant_session
from connectors.crm.models import Branch, Lead, User
from guardrails.errors import InvalidInput, LuaError, NotFound
from guardrails.principal import Principal
from guardrails.scopes import ScopeEngine, Task
from guardrails.scopes import store
from guardrails.scopes.document import load_yaml, to_yaml
from guardrails.scopes.preview import ContextBuilder, build_preview
from guardrails.scopes.simulate import simulate

router = APIRouter(prefix="/v1/admin/scopes", tags=["scopes"])

YAML_TYPES = ("application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml")
_GET_KEYS = {"version", "document", "author_user_id", "created_at", "is_default", "diff"}


class UnsupportedMediaType(LuaError):
    status_code = 415
    code = "unsupported_media_type"
    default_message = "Send the scope as application/json or application/yaml."


def engine_for(request: Request, services: Services) -> ScopeEngine:
    """The service's ScopeEngine (`services.scopes` once wired), else one per app."""
    engine = getattr(services, "scopes", None)
    if engine is None:
        engine = getattr(request.app.state, "scope_engine", None)
        if engine is None:
            engine = request.app.state.scope_engine = ScopeEngine(
                services.factory, restricted_contact_ids=_subjects_hook())
    return engine


def _subjects_hook():
    try:  # issue 7 provides it; until then no subject is restricted
        from guardrails.subjects import restricted_contact_ids
    except ImportError:
        return None
    return restricted_contact_ids


def _view(stored: store.StoredScope) -> dict[str, Any]:
    return {"version": stored.version, "is_default": stored.is_default, "author_user_id": stored.author_user_id,
            "created_at": stored.created_at.isoformat() if stored.created_at else None,
            "document": stored.document.as_data()}


def _branch_ids(session) -> set[int]:
    return set(session.scalars(select(Branch.id)))


@router.get("")
def get_scope(admin: AdminDep, services: ServicesDep,
              format: Annotated[Literal["json", "yaml"], Query()] = "json") -> Any:
    with tenant_session(services.factory, admin.tenant_id) as session:
        stored = store.load(session, admin.tenant_id)
    if format == "yaml":
        header = f"# AI scope of this organisation, version {stored.version}\n"
        return Response(header + to_yaml(stored.document), media_type="application/yaml")
    return _view(stored)


@router.put("")
async def put_scope(request: Request, admin: AdminDep, services: ServicesDep,
                    base_version: Annotated[int | None, Query(ge=0)] = None) -> dict[str, Any]:
    """Replace the whole document; it becomes the next version (JSON, or YAML for import)."""
    raw = await request.body()
    ctype = request.headers.get("content-type", "application/json").split(";")[0].strip().lower()
    if ctype in YAML_TYPES:
        data, source = load_yaml(raw.decode("utf-8", errors="replace")), "yaml"
    elif ctype in ("application/json", ""):
        try:
            data, source = json.loads(raw or b"null"), "api"
        except (json.JSONDecodeError, UnicodeDecodeError):
            raise InvalidInput("The body is not valid JSON.", details=[
                {"path": "", "message": "Not valid JSON.", "type": "json_error"}]) from None
    else:
        raise UnsupportedMediaType()
    if isinstance(data, dict) and "document" in data and set(data) <= _GET_KEYS:
        data = data["document"]  # the GET view sent back as is
    engine = engine_for(request, services)
    return await run_in_threadpool(_save, services, engine, admin, data, source, base_version)


def _save(services: Services, engine: ScopeEngine, admin: Principal, data: Any, source: str,
          base_version: int | None) -> dict[str, Any]:
    with tenant_session(services.factory, admin.tenant_id) as session:
        document = engine.validate(data, known_branches=_branch_ids(session))
        stored = store.save(session, tenant_id=admin.tenant_id, document=document,
                            author_user_id=admin.user_id, source=source, base_version=base_version)
        _total, rows = store.history(session, admin.tenant_id, limit=1)
    view = _view(stored)
    view["diff"] = rows[0].diff if rows else []
    return view


@router.get("/history")
def scope_history(admin: AdminDep, services: ServicesDep,
                  limit: Annotated[int, Query(ge=1, le=200)] = 50,
                  offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0) -> dict[str, Any]:
    with tenant_session(services.factory, admin.tenant_id) as session:
        total, rows = store.history(session, admin.tenant_id, limit=limit, offset=offset)
        items = [{"version": r.version, "author_user_id": r.author_user_id, "created_at": r.created_at.isoformat(),
                  "source": r.source, "diff": r.diff} for r in rows]
    return {"total": total, "items": items}


class PreviewRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    role: Literal["sales_rep", "manager", "admin"] | None = None
    user_id: int | None = Field(default=None, ge=1, le=2**31 - 1)
    capability: str = Field(min_length=1, max_length=40)
    lead_id: int | None = Field(default=None, ge=1, le=2**31 - 1)
    channel: str | None = Field(default=None, max_length=20)
    language: Literal["en", "ar"] | None = None
    document: dict[str, Any] | None = None  # a proposed document to preview before saving it

    @model_validator(mode="after")
    def _one_subject(self) -> "PreviewRequest":
        if (self.role is None) == (self.user_id is None):
            raise ValueError("give exactly one of role or user_id")
        return self


def _lead_summary_texts(ctx, language: str) -> tuple[str, str]:
    """The lead summary's own prompt assembly (instructions + the fenced <crm_data> block)."""
    from assistant.capabilities import lead_summary as ls
    from assistant.capabilities.grounding import crm_block

    return ls.SYSTEM + ls.LANGUAGE_RULE.get(language, ls.LANGUAGE_RULE["en"]), crm_block(ctx).text


# The prompt assembly of each capability that reads a lead; others fall back to the lead summary's.
PREVIEW_BUILDERS: dict[str, ContextBuilder] = {"lead_summary": _lead_summary_texts}


def _subject(session, admin: Principal, body: PreviewRequest, lead: Lead | None) -> Principal:
    if body.user_id is not None:
        user = session.scalar(select(User).where(User.id == body.user_id))
        if user is None:
            raise NotFound("No such user.")
        return Principal(tenant_id=admin.tenant_id, tenant_slug=admin.tenant_slug, user_id=user.id,
                         role=user.role, branch_ids=frozenset({user.branch_id}) if user.branch_id else frozenset(),
                         language=user.preferred_language or "en")
    # A role alone: a user of that role who owns the lead (or sees every branch, without a lead),
    # so the preview shows what the AI scope, not the CRM, takes away.
    if lead is not None:
        return Principal(tenant_id=admin.tenant_id, tenant_slug=admin.tenant_slug, user_id=lead.owner_id or 0,
                         role=body.role or "", branch_ids=frozenset({lead.branch_id}) if lead.branch_id else frozenset(),
                         language=admin.language)
    return Principal(tenant_id=admin.tenant_id, tenant_slug=admin.tenant_slug, user_id=admin.user_id,
                     role=body.role or "", branch_ids=frozenset(_branch_ids(session)), language=admin.language)


@router.post("/preview")
def preview_scope(body: PreviewRequest, request: Request, admin: AdminDep, services: ServicesDep) -> dict[str, Any]:
    """What the AI would receive for this role or user, capability and lead; and what is refused."""
    engine = engine_for(request, services)
    with tenant_session(services.factory, admin.tenant_id) as session:
        proposed = engine.validate(body.document, known_branches=_branch_ids(session)) if body.document else None
        lead = None
        if body.lead_id is not None:
            lead = session.scalar(select(Lead).where(Lead.id == body.lead_id))
            if lead is None:
                raise NotFound("No such lead.")
        subject = _subject(session, admin, body, lead)
        task = Task(body.capability, lead_id=body.lead_id, channel=body.channel)
        if proposed is not None:
            decision, scope = engine.decide_with(proposed, subject, task, session=session)
        else:
            decision, scope = engine.decide(subject, task)
        builder = PREVIEW_BUILDERS.get(body.capability, _lead_summary_texts)
        out = build_preview(session, principal=subject, decision=decision, scope=scope, lead_id=body.lead_id,
                            redactor=services.redactor if decision.allowed and lead else None,
                            vault_key=services.settings.vault_key.encode("utf-8"), builder=builder,
                            language=body.language or subject.language)
    out["subject"] = {"user_id": subject.user_id if body.user_id else None, "role": subject.role,
                      "branch_ids": sorted(subject.branch_ids)}
    out["proposed"] = proposed is not None
    return out


class SimulateRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    document: dict[str, Any]
    days: int = Field(default=30, ge=1, le=365)


@router.post("/simulate")
def simulate_scope(body: SimulateRequest, request: Request, admin: AdminDep, services: ServicesDep) -> dict[str, Any]:
    """How many of the last N days' audited requests the proposed document would have refused."""
    engine = engine_for(request, services)
    with tenant_session(services.factory, admin.tenant_id) as session:
        try:
            proposed = engine.validate(body.document, known_branches=_branch_ids(session))
        except InvalidInput as exc:
            for d in exc.details:
                d["path"] = "document" + ("." + d["path"] if d["path"] else "")
            raise
        return simulate(session, tenant_id=admin.tenant_id, document=proposed, days=body.days).as_dict()

"""Data-subject rights (admins, own tenant): access/export, erasure, restriction, rectification,
and the access report. Unknown and other tenants' contacts get the same 404. Every action is audited."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Query
from pydantic import BaseModel, ConfigDict

from assistant.api.deps import AdminDep, RequestIdDep, ServicesDep
from connectors.crm.db import tenant_session
from guardrails.audit import AuditEvent
from guardrails.audit.events import new_request_id
from guardrails.errors import LuaError
from guardrails.principal import Principal
from guardrails.subjects import default_stores, lift_restriction, restrict
from guardrails.subjects.restriction import is_restricted
from guardrails.subjects.rights import access_report, erase_subject, export_subject, require_profile

router = APIRouter(prefix="/v1/admin", tags=["data subjects"])

ContactId = Annotated[int, Path(ge=1, le=2**31 - 1)]


class RestrictionIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    basis: Literal["subject_request", "accuracy_contested", "objection", "legal_claim"] = "subject_request"


def _stores(services) -> tuple:
    stores = getattr(services, "subject_stores", None)
    if stores:
        return tuple(stores)
    return default_stores(vault_key=services.settings.vault_key.encode("utf-8"))


def _audit(services, admin: Principal, request_id: str, capability: str, contact_id: int, *,
           outcome: str = "ok", reason: str | None = None, counts: dict[str, int] | None = None) -> None:
    services.audit.write(AuditEvent(
        tenant_id=admin.tenant_id, capability=capability, outcome=outcome,  # type: ignore[arg-type]
        request_id=request_id or new_request_id(), user_id=admin.user_id, role=admin.role, reason=reason,
        record_refs=(f"contact:{contact_id}",) if outcome == "ok" else (),
        params_sent={k: int(v) for k, v in (counts or {}).items()},
    ))


def _run(services, admin: Principal, request_id: str, capability: str, contact_id: int, action):
    """Run `action(session)` in its own committed transaction, then audit it (refusals too)."""
    try:
        with tenant_session(services.factory, admin.tenant_id) as session:
            result = action(session)
    except LuaError as exc:
        _audit(services, admin, request_id, capability, contact_id, outcome="refused", reason=exc.code)
        raise
    except Exception as exc:
        _audit(services, admin, request_id, capability, contact_id, outcome="error", reason=type(exc).__name__)
        raise
    return result


@router.get("/subjects/{contact_id}")
def subject_access(contact_id: ContactId, admin: AdminDep, services: ServicesDep,
                   request_id: RequestIdDep) -> dict[str, Any]:
    """Everything the AI layer holds about the contact, as one JSON document (access and portability)."""
    doc = _run(services, admin, request_id, "subject_access", contact_id,
               lambda s: export_subject(s, tenant_id=admin.tenant_id, contact_id=contact_id, stores=_stores(services)))
    _audit(services, admin, request_id, "subject_access", contact_id)
    return doc


@router.post("/subjects/{contact_id}/erasure")
def subject_erasure(contact_id: ContactId, admin: AdminDep, services: ServicesDep,
                    request_id: RequestIdDep) -> dict[str, Any]:
    """Erase the contact from every AI store; audit references are shredded, the chain still verifies."""
    report = _run(services, admin, request_id, "subject_erasure", contact_id,
                  lambda s: erase_subject(s, tenant_id=admin.tenant_id, contact_id=contact_id,
                                          stores=_stores(services)))
    _audit(services, admin, request_id, "subject_erasure", contact_id, counts=report.erased)
    return report.as_dict()


@router.get("/subjects/{contact_id}/restriction")
def restriction_status(contact_id: ContactId, admin: AdminDep, services: ServicesDep,
                       request_id: RequestIdDep) -> dict[str, Any]:
    def action(s):
        require_profile(s, tenant_id=admin.tenant_id, contact_id=contact_id)
        return is_restricted(s, admin.tenant_id, contact_id)

    restricted = _run(services, admin, request_id, "subject_restriction_status", contact_id, action)
    return {"contact_id": contact_id, "restricted": restricted}


@router.put("/subjects/{contact_id}/restriction")
def subject_restriction(contact_id: ContactId, admin: AdminDep, services: ServicesDep, request_id: RequestIdDep,
                        body: RestrictionIn | None = None) -> dict[str, Any]:
    """Restrict processing: from the next request on, no capability reads this contact's records."""
    basis = (body or RestrictionIn()).basis

    def action(s):
        require_profile(s, tenant_id=admin.tenant_id, contact_id=contact_id)
        return restrict(s, tenant_id=admin.tenant_id, contact_id=contact_id, user_id=admin.user_id, basis=basis)

    created = _run(services, admin, request_id, "subject_restriction", contact_id, action)
    _audit(services, admin, request_id, "subject_restriction", contact_id, counts={"created": int(created)})
    return {"contact_id": contact_id, "restricted": True, "created": created}


@router.delete("/subjects/{contact_id}/restriction")
def subject_restriction_lift(contact_id: ContactId, admin: AdminDep, services: ServicesDep,
                             request_id: RequestIdDep) -> dict[str, Any]:
    def action(s):
        require_profile(s, tenant_id=admin.tenant_id, contact_id=contact_id)
        return lift_restriction(s, tenant_id=admin.tenant_id, contact_id=contact_id)

    lifted = _run(services, admin, request_id, "subject_restriction_lift", contact_id, action)
    _audit(services, admin, request_id, "subject_restriction_lift", contact_id, counts={"lifted": int(lifted)})
    return {"contact_id": contact_id, "restricted": False, "lifted": lifted}


@router.post("/subjects/{contact_id}/rectification")
def subject_rectification(contact_id: ContactId, admin: AdminDep, services: ServicesDep,
                          request_id: RequestIdDep) -> dict[str, Any]:
    """After the CRM record was corrected: re-index the contact's items (vectors) through the hook."""
    hook = getattr(services, "reindex_contact", None)

    def action(s):
        require_profile(s, tenant_id=admin.tenant_id, contact_id=contact_id)
        return int(hook(tenant_id=admin.tenant_id, contact_id=contact_id)) if hook else 0

    reindexed = _run(services, admin, request_id, "subject_rectification", contact_id, action)
    _audit(services, admin, request_id, "subject_rectification", contact_id, counts={"reindexed": reindexed})
    return {"contact_id": contact_id, "reindexed": reindexed, "hook": hook is not None}


@router.get("/access-report")
def subject_access_report(
    admin: AdminDep, services: ServicesDep, request_id: RequestIdDep,
    contact_id: Annotated[int, Query(ge=1, le=2**31 - 1)],
    since: Annotated[datetime | None, Query(alias="from")] = None,
    until: Annotated[datetime | None, Query(alias="to")] = None,
) -> dict[str, Any]:
    """Who used the AI on this person's data, when and how (breach reports)."""
    utc = lambda d: None if d is None else (d if d.tzinfo else d.replace(tzinfo=timezone.utc))  # noqa: E731
    report = _run(services, admin, request_id, "subject_access_report", contact_id,
                  lambda s: access_report(s, tenant_id=admin.tenant_id, contact_id=contact_id,
                                          since=utc(since), until=utc(until)))
    _audit(services, admin, request_id, "subject_access_report", contact_id)
    return report

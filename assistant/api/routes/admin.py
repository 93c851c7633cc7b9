"""Admin endpoints: privacy receipts and audit-chain verification (admin role, own tenant only)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path

from assistant.api.deps import AdminDep, ServicesDep, SessionDep
from guardrails.audit import verify_chain
from guardrails.errors import NotFound

router = APIRouter(prefix="/v1/admin", tags=["admin"])


@router.get("/receipts/{receipt_id}")
def get_receipt(receipt_id: Annotated[str, Path(min_length=8, max_length=64, pattern=r"^[A-Za-z0-9_-]+$")],
                admin: AdminDep, session: SessionDep) -> dict[str, Any]:
    from guardrails.egress.records import get_receipt as load

    receipt = load(session, tenant_id=admin.tenant_id, receipt_id=receipt_id)
    if receipt is None:
        raise NotFound("No such receipt.")
    return receipt


@router.get("/audit/verify")
def verify_audit(admin: AdminDep, session: SessionDep, services: ServicesDep) -> dict[str, Any]:
    key = services.settings.audit_key.encode("utf-8")
    return verify_chain(session, admin.tenant_id, key=key).as_dict()

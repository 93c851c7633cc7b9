"""Admin endpoints: privacy receipts and audit-chain verification (admin role, own tenant only)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path

from assistant.api.deps import AdminDep, PrincipalDep, ServicesDep, SessionDep
from guardrails.audit import verify_chain
from guardrails.errors import NotFound

router = APIRouter(prefix="/v1/admin", tags=["admin"])
mine = APIRouter(prefix="/v1/receipts", tags=["privacy"])
ReceiptId = Annotated[str, Path(min_length=8, max_length=64, pattern=r"^[A-Za-z0-9_-]+$")]


@router.get("/receipts/{receipt_id}")
def get_receipt(receipt_id: ReceiptId, admin: AdminDep, session: SessionDep) -> dict[str, Any]:
    from guardrails.egress.records import get_receipt as load

    receipt = load(session, tenant_id=admin.tenant_id, receipt_id=receipt_id)
    if receipt is None:
        raise NotFound("No such receipt.")
    return receipt


@mine.get("/{receipt_id}")
def get_my_receipt(receipt_id: ReceiptId, principal: PrincipalDep, session: SessionDep) -> dict[str, Any]:
    """A user's own privacy receipt: what left for which provider, under which terms. Another
    user's receipt, or another tenant's, is the same 404 as an unknown id."""
    from sqlalchemy import select

    from guardrails.audit.models import AuditRecord
    from guardrails.egress.records import get_receipt as load

    owner = session.scalar(select(AuditRecord.user_id).where(
        AuditRecord.tenant_id == principal.tenant_id, AuditRecord.receipt_id == receipt_id).limit(1))
    receipt = load(session, tenant_id=principal.tenant_id, receipt_id=receipt_id) if owner == principal.user_id else None
    if receipt is None:
        raise NotFound("No such receipt.")
    # The redacted prompt (placeholders only) is the user's own request: they may see what was sent.
    keep = ("receipt_id", "purpose", "provider", "model", "region", "no_training", "params_sent",
            "redaction_counts", "prompt_chars", "prompt_sha256", "prompt_redacted", "prompt_matches_digest",
            "tokens_in", "tokens_out", "latency_ms", "outcome", "created_at")
    return {k: receipt[k] for k in keep if k in receipt}


@router.get("/audit/verify")
def verify_audit(admin: AdminDep, session: SessionDep, services: ServicesDep) -> dict[str, Any]:
    key = services.settings.audit_key.encode("utf-8")
    return verify_chain(session, admin.tenant_id, key=key).as_dict()

"""GET /v1/admin/alerts — abuse alerts of the admin's tenant (bulk-data asks, enumeration,
context extraction), read from the audit chain where the abuse guard writes them."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel
from sqlalchemy import select

from assistant.api.deps import AdminDep, SessionDep
from guardrails.audit.models import AuditRecord

router = APIRouter(prefix="/v1/admin/alerts", tags=["alerts"])

# Refusals written by capabilities themselves that are abuse alerts too (the chat router refuses
# bulk-data asks in-band), beside the abuse guard's own `abuse_alert` records.
ALERT_REASONS = frozenset({"bulk_personal_data", "abuse.bulk_personal_data", "abuse.context_extraction",
                           "abuse.enumeration"})
_SCAN = 5000  # recent refusals looked at per listing


class AlertOut(BaseModel):
    seq: int
    occurred_at: datetime
    user_id: int | None
    kind: str
    request_id: str


class AlertPage(BaseModel):
    items: list[AlertOut]


@router.get("", response_model=AlertPage)
def list_alerts(admin: AdminDep, session: SessionDep,
                limit: Annotated[int, Query(ge=1, le=200)] = 50) -> AlertPage:
    """The newest abuse alerts first; each names the user and the kind, never the request text."""
    rows = session.execute(
        select(AuditRecord.seq, AuditRecord.occurred_at, AuditRecord.user_id, AuditRecord.payload,
               AuditRecord.request_id, AuditRecord.capability)
        .where(AuditRecord.tenant_id == admin.tenant_id, AuditRecord.outcome == "refused",
               AuditRecord.capability != "abuse_throttled")
        .order_by(AuditRecord.seq.desc()).limit(_SCAN)
    ).all()
    items = []
    for r in rows:
        reason = str((r.payload or {}).get("reason") or "")
        if r.capability != "abuse_alert" and reason not in ALERT_REASONS:
            continue
        items.append(AlertOut(seq=r.seq, occurred_at=r.occurred_at, user_id=r.user_id,
                              kind=(reason or "abuse").removeprefix("abuse."), request_id=r.request_id))
        if len(items) >= limit:
            break
    return AlertPage(items=items)

"""Admin audit log: filtered, cursor-paginated listing and streamed JSONL/CSV export (own tenant only)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from datetime import datetime, timezone
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query
from fastapi.responses import StreamingResponse

from assistant.api.deps import AdminDep, RequestIdDep, ServicesDep, SessionDep
from connectors.crm.db import tenant_session
from guardrails.audit import AuditEvent
from guardrails.audit.events import new_request_id
from guardrails.audit.query import CSV_COLUMNS, AuditFilter, csv_row, iter_records, page
from guardrails.subjects.profile import load_profile

router = APIRouter(prefix="/v1/admin/audit", tags=["audit"])

Outcome = Literal["ok", "refused", "error"]
Capability = Annotated[str | None, Query(max_length=40, pattern=r"^[a-z_]+$")]
IdParam = Annotated[int | None, Query(ge=1, le=2**31 - 1)]


def _utc(dt: datetime | None) -> datetime | None:
    return None if dt is None else (dt if dt.tzinfo else dt.replace(tzinfo=timezone.utc))


def _filters(session, tenant_id: int, *, user_id, capability, outcome, contact_id, since, until) -> AuditFilter:
    refs = None
    if contact_id is not None:
        profile = load_profile(session, tenant_id=tenant_id, contact_id=contact_id)
        refs = frozenset(profile.refs) if profile else frozenset({f"contact:{contact_id}"})
    return AuditFilter(user_id=user_id, capability=capability, outcome=outcome, refs=refs,
                       since=_utc(since), until=_utc(until))


@router.get("")
def list_audit(
    admin: AdminDep,
    session: SessionDep,
    user_id: IdParam = None,
    capability: Capability = None,
    outcome: Outcome | None = None,
    contact_id: IdParam = None,
    since: Annotated[datetime | None, Query(alias="from")] = None,
    until: Annotated[datetime | None, Query(alias="to")] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    cursor: Annotated[str | None, Query(max_length=200)] = None,
) -> dict[str, Any]:
    """Audit records of the admin's tenant, newest first; `next_cursor` fetches the next page."""
    f = _filters(session, admin.tenant_id, user_id=user_id, capability=capability, outcome=outcome,
                 contact_id=contact_id, since=since, until=until)
    items, next_cursor = page(session, tenant_id=admin.tenant_id, filters=f, limit=limit, cursor=cursor)
    return {"items": items, "next_cursor": next_cursor}


@router.get("/export")
def export_audit(
    admin: AdminDep,
    services: ServicesDep,
    session: SessionDep,
    request_id: RequestIdDep,
    format: Literal["jsonl", "csv"] = "jsonl",
    user_id: IdParam = None,
    capability: Capability = None,
    outcome: Outcome | None = None,
    contact_id: IdParam = None,
    since: Annotated[datetime | None, Query(alias="from")] = None,
    until: Annotated[datetime | None, Query(alias="to")] = None,
) -> StreamingResponse:
    """The matching records, oldest first, streamed as JSON lines or CSV."""
    f = _filters(session, admin.tenant_id, user_id=user_id, capability=capability, outcome=outcome,
                 contact_id=contact_id, since=since, until=until)
    services.audit.write(AuditEvent(tenant_id=admin.tenant_id, capability="audit_export", outcome="ok",
                                    request_id=request_id or new_request_id(), user_id=admin.user_id, role=admin.role,
                                    params_sent={"format": format}))
    factory, tenant_id = services.factory, admin.tenant_id

    def rows() -> Iterator[dict[str, Any]]:
        # Its own session: the request's session is closed before the body is streamed.
        with tenant_session(factory, tenant_id) as s:
            yield from iter_records(s, tenant_id=tenant_id, filters=f)

    if format == "csv":
        body, media = _csv(rows()), "text/csv; charset=utf-8"
    else:
        body = (json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n" for r in rows())
        media = "application/x-ndjson"
    name = f"audit-{admin.tenant_slug}.{format}"
    return StreamingResponse(body, media_type=media, headers={"Content-Disposition": f'attachment; filename="{name}"'})


def _csv(rows: Iterator[dict[str, Any]]) -> Iterator[str]:
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(CSV_COLUMNS)
    for row in rows:
        writer.writerow(csv_row(row))
        if buf.tell() > 16_384:
            yield buf.getvalue()
            buf.seek(0)
            buf.truncate()
    yield buf.getvalue()

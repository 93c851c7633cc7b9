"""Reading the audit log: filters, opaque cursors, and the JSON form of a record (never values)."""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from guardrails.audit.models import AuditRecord
from guardrails.audit.refs import refs_by_seq, seqs_referencing
from guardrails.errors import InvalidInput


@dataclass(frozen=True)
class AuditFilter:
    user_id: int | None = None
    capability: str | None = None
    outcome: str | None = None
    refs: frozenset[str] | None = None  # records referencing any of these (a contact's refs)
    since: datetime | None = None
    until: datetime | None = None


def encode_cursor(seq: int) -> str:
    raw = json.dumps({"v": 1, "before": seq}, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str) -> int:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        data = json.loads(raw)
        seq = data["before"]
        if data.get("v") != 1 or not isinstance(seq, int) or seq < 1:
            raise ValueError
        return seq
    except (ValueError, KeyError, TypeError, json.JSONDecodeError):
        raise InvalidInput("The cursor is not valid.",
                           details=[{"path": "query.cursor", "message": "not a cursor from this API",
                                     "type": "value_error"}]) from None


def _statement(session: Session, tenant_id: int, f: AuditFilter):
    stmt = select(AuditRecord).where(AuditRecord.tenant_id == tenant_id)
    if f.user_id is not None:
        stmt = stmt.where(AuditRecord.user_id == f.user_id)
    if f.capability:
        stmt = stmt.where(AuditRecord.capability == f.capability)
    if f.outcome:
        stmt = stmt.where(AuditRecord.outcome == f.outcome)
    if f.since is not None:
        stmt = stmt.where(AuditRecord.occurred_at >= f.since)
    if f.until is not None:
        stmt = stmt.where(AuditRecord.occurred_at < f.until)
    if f.refs is not None:
        stmt = stmt.where(AuditRecord.seq.in_(seqs_referencing(session, tenant_id, f.refs)))
    return stmt


def page(session: Session, *, tenant_id: int, filters: AuditFilter, limit: int = 50,
         cursor: str | None = None) -> tuple[list[dict[str, Any]], str | None]:
    """One page, newest first, and the cursor of the next page (None at the end)."""
    stmt = _statement(session, tenant_id, filters)
    if cursor:
        stmt = stmt.where(AuditRecord.seq < decode_cursor(cursor))
    rows = list(session.scalars(stmt.order_by(AuditRecord.seq.desc()).limit(limit + 1)))
    more = len(rows) > limit
    rows = rows[:limit]
    items = as_dicts(session, tenant_id, rows)
    return items, (encode_cursor(rows[-1].seq) if more and rows else None)


def iter_records(session: Session, *, tenant_id: int, filters: AuditFilter,
                 batch: int = 500) -> Iterator[dict[str, Any]]:
    """Every matching record, oldest first, in batches (for streamed exports)."""
    after = 0
    while True:
        stmt = _statement(session, tenant_id, filters).where(AuditRecord.seq > after)
        rows = list(session.scalars(stmt.order_by(AuditRecord.seq).limit(batch)))
        if not rows:
            return
        yield from as_dicts(session, tenant_id, rows)
        after = rows[-1].seq


def as_dicts(session: Session, tenant_id: int, rows: list[AuditRecord]) -> list[dict[str, Any]]:
    refs = refs_by_seq(session, tenant_id, (r.seq for r in rows))
    return [record_dict(r, refs.get(r.seq, [])) for r in rows]


def record_dict(rec: AuditRecord, ref_rows: list) -> dict[str, Any]:
    p = dict(rec.payload or {})
    p.pop("ref_commitments", None)
    p["record_refs"] = [r.ref for r in ref_rows if r.ref is not None]
    p["erased_refs"] = sum(1 for r in ref_rows if r.ref is None)
    p["seq"] = rec.seq
    p["hash"] = rec.hash
    return p


def aware(dt: datetime | None) -> datetime | None:
    if dt is None:
        return None
    return dt if dt.tzinfo else dt.replace(tzinfo=timezone.utc)


CSV_COLUMNS = ("seq", "occurred_at", "request_id", "user_id", "role", "capability", "outcome", "reason",
               "scope_version", "record_refs", "erased_refs", "fields_sent", "redaction_counts", "provider",
               "model", "region", "no_training", "params_sent", "tokens_in", "tokens_out", "latency_ms",
               "receipt_id", "hash")


def csv_row(d: dict[str, Any]) -> list[str]:
    out = []
    for col in CSV_COLUMNS:
        v = d.get(col)
        if isinstance(v, (list, tuple)):
            v = " ".join(str(x) for x in v)
        elif isinstance(v, dict):
            v = json.dumps(v, sort_keys=True, separators=(",", ":"))
        out.append("" if v is None else _csv_safe(str(v)))
    return out


def _csv_safe(value: str) -> str:
    # Spreadsheet formula injection: a cell must not start with = + - @ (ids, never values, but be safe).
    return "'" + value if value[:1] in ("=", "+", "-", "@") and not _number(value) else value


def _number(value: str) -> bool:
    try:
        float(value)
        return True
    except ValueError:
        return False

"""Data-subject requests over every registered store: export, erasure, and the access report."""

from __future__ import annotations

import logging
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from connectors.crm.base import utcnow
from connectors.crm.models import User
from guardrails.audit.models import AuditRecord
from guardrails.audit.query import AuditFilter, iter_records
from guardrails.errors import NotFound
from guardrails.subjects.profile import SubjectProfile, load_profile
from guardrails.subjects.restriction import is_restricted
from guardrails.subjects.stores import SubjectStore

log = logging.getLogger(__name__)
FORMAT = "lua-assistant/subject-export/v1"


def require_profile(session: Session, *, tenant_id: int, contact_id: int) -> SubjectProfile:
    """The subject, or the same 404 for an unknown id and another tenant's id."""
    profile = load_profile(session, tenant_id=tenant_id, contact_id=contact_id)
    if profile is None:
        raise NotFound("No such contact.")
    return profile


def export_subject(session: Session, *, tenant_id: int, contact_id: int,
                   stores: Sequence[SubjectStore]) -> dict[str, Any]:
    """Everything the AI layer holds about the contact, as one machine-readable document."""
    profile = require_profile(session, tenant_id=tenant_id, contact_id=contact_id)
    return {
        "format": FORMAT,
        "generated_at": utcnow().isoformat(),
        "subject": {"contact_id": contact_id, "in_crm": profile.in_crm,
                    "restricted": is_restricted(session, tenant_id, contact_id),
                    "record_refs": sorted(profile.refs)},
        "stores": {store.name: store.export(session, tenant_id, contact_id) for store in stores},
    }


@dataclass(frozen=True)
class ErasureReport:
    contact_id: int
    erased: dict[str, int] = field(default_factory=dict)  # store name → items erased
    seconds: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        return {"contact_id": self.contact_id, "erased": dict(self.erased), "seconds": round(self.seconds, 3)}


def erase_subject(session: Session, *, tenant_id: int, contact_id: int,
                  stores: Sequence[SubjectStore]) -> ErasureReport:
    """Erase the contact from every store, in registry order, in the caller's transaction."""
    require_profile(session, tenant_id=tenant_id, contact_id=contact_id)
    t0 = time.perf_counter()
    erased = {}
    for store in stores:
        erased[store.name] = int(store.erase(session, tenant_id, contact_id))
        session.flush()
    report = ErasureReport(contact_id, erased, time.perf_counter() - t0)
    log.info("subject erasure", extra={"tenant_id": tenant_id, "erased": erased, "s": round(report.seconds, 3)})
    return report


def access_report(session: Session, *, tenant_id: int, contact_id: int, since: datetime | None = None,
                  until: datetime | None = None) -> dict[str, Any]:
    """Who used the AI on this person's data, when, for what and with which outcome (breach reports)."""
    profile = require_profile(session, tenant_id=tenant_id, contact_id=contact_id)
    events = list(iter_records(session, tenant_id=tenant_id,
                               filters=AuditFilter(refs=profile.refs, since=since, until=until)))
    user_ids = sorted({e["user_id"] for e in events if e.get("user_id") is not None})
    users = {u.id: u for u in session.scalars(select(User).where(User.tenant_id == tenant_id,
                                                                 User.id.in_(user_ids)))} if user_ids else {}
    by_user: dict[int | None, Counter] = {}
    for e in events:
        by_user.setdefault(e.get("user_id"), Counter())[e["capability"]] += 1
    return {
        "contact_id": contact_id,
        "from": since.isoformat() if since else None,
        "to": until.isoformat() if until else None,
        "requests": len(events),
        "users": [
            {"user_id": uid, "name": users[uid].full_name if uid in users else None,
             "role": users[uid].role if uid in users else None, "requests": sum(c.values()),
             "capabilities": dict(sorted(c.items()))}
            for uid, c in sorted(by_user.items(), key=lambda kv: (kv[0] is None, kv[0] or 0))
        ],
        "events": [
            {k: e.get(k) for k in ("occurred_at", "request_id", "user_id", "role", "capability", "outcome",
                                   "reason", "fields_sent", "provider", "model", "region", "receipt_id", "seq")}
            for e in events
        ],
    }


def audit_count(session: Session, tenant_id: int) -> int:
    from sqlalchemy import func

    return int(session.scalar(select(func.count()).select_from(AuditRecord)
                              .where(AuditRecord.tenant_id == tenant_id)) or 0)

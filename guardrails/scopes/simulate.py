"""Simulation: what a proposed scope document would have done to the last N days' requests.

Reads the tenant's audit records (capability, role, user, records and fields touched) and
replays each served request against the proposed document: refused outright (capability,
record limit, rows or branches now out of scope), or served with fewer fields (narrowed).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from connectors.crm.base import utcnow
from connectors.crm.models import Lead, User
from guardrails.principal import Principal
from guardrails.scopes.catalogue import field_class
from guardrails.scopes.decision import Task
from guardrails.scopes.document import ScopeDocument
from guardrails.scopes.policy import compile_document, decide_compiled

MAX_RECORDS_SCANNED = 200_000


@dataclass
class _Tally:
    requests: int = 0
    would_refuse: int = 0
    would_narrow: int = 0

    def as_dict(self) -> dict[str, int]:
        return {"requests": self.requests, "would_refuse": self.would_refuse, "would_narrow": self.would_narrow}


@dataclass
class SimulationResult:
    days: int
    since: datetime
    requests: int = 0
    already_refused: int = 0
    would_refuse: int = 0
    would_narrow: int = 0
    by_capability: dict[str, _Tally] = field(default_factory=lambda: defaultdict(_Tally))
    by_role: dict[str, _Tally] = field(default_factory=lambda: defaultdict(_Tally))
    by_reason: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    truncated: bool = False

    def as_dict(self) -> dict[str, Any]:
        return {
            "days": self.days, "since": self.since.isoformat(), "requests": self.requests,
            "already_refused": self.already_refused, "would_refuse": self.would_refuse,
            "would_narrow": self.would_narrow,
            "by_capability": {k: v.as_dict() for k, v in sorted(self.by_capability.items())},
            "by_role": {k: v.as_dict() for k, v in sorted(self.by_role.items())},
            "by_reason": dict(sorted(self.by_reason.items())), "truncated": self.truncated,
        }


def _lead_ids(refs: list[str]) -> list[int]:
    out = []
    for ref in refs or []:
        kind, _, num = str(ref or "").partition(":")
        if kind == "lead" and num.isdigit():
            out.append(int(num))
    return out


def _record_refs(session: Session, tenant_id: int, rows) -> dict[int, list[str | None]]:
    """Each record's references: in the payload (older chains) or in the audit's reference table,
    where an erased reference reads as None (it still counts towards the record limit)."""
    out = {r.seq: list((r.payload or {}).get("record_refs") or []) for r in rows}
    missing = [r.seq for r in rows if "record_refs" not in (r.payload or {})]
    if missing:
        try:
            from guardrails.audit.refs import refs_by_seq
        except ImportError:
            return out
        for seq, ref_rows in refs_by_seq(session, tenant_id, missing).items():
            out[seq] = [row.ref for row in ref_rows]
    return out


def simulate(session: Session, *, tenant_id: int, document: ScopeDocument, days: int,
             now: datetime | None = None) -> SimulationResult:
    """Replay the tenant's audited requests of the last `days` days against `document`."""
    from guardrails.audit.models import AuditRecord

    since = (now or utcnow()) - timedelta(days=days)
    compiled = compile_document(document, tenant_id=tenant_id, version=-1)
    rows = session.execute(
        select(AuditRecord.seq, AuditRecord.user_id, AuditRecord.capability, AuditRecord.outcome,
               AuditRecord.payload)
        .where(AuditRecord.tenant_id == tenant_id, AuditRecord.occurred_at >= since)
        .order_by(AuditRecord.seq.desc()).limit(MAX_RECORDS_SCANNED + 1)
    ).all()
    result = SimulationResult(days=days, since=since, truncated=len(rows) > MAX_RECORDS_SCANNED)
    rows = rows[:MAX_RECORDS_SCANNED]
    refs_of = _record_refs(session, tenant_id, rows)
    user_ids = {r.user_id for r in rows if r.user_id is not None}
    lead_ids = {i for refs in refs_of.values() for i in _lead_ids(refs)}
    users = dict(session.execute(select(User.id, User.branch_id).where(User.tenant_id == tenant_id,
                                                                        User.id.in_(user_ids))).all()) if user_ids else {}
    leads = {row.id: row for row in session.execute(
        select(Lead.id, Lead.owner_id, Lead.branch_id).where(Lead.tenant_id == tenant_id, Lead.id.in_(lead_ids)))
    } if lead_ids else {}
    for r in rows:
        payload = r.payload or {}
        role = str(payload.get("role") or "")
        cap = r.capability
        result.requests += 1
        result.by_capability[cap].requests += 1
        result.by_role[role].requests += 1
        if r.outcome != "ok":
            result.already_refused += 1
            continue
        branch = users.get(r.user_id)
        principal = Principal(tenant_id=tenant_id, tenant_slug="", user_id=r.user_id or 0, role=role,
                              branch_ids=frozenset({branch}) if branch else frozenset())
        refs = refs_of.get(r.seq, [])
        decision, scope = decide_compiled(compiled, principal, Task(cap, records=len(refs)))
        reason = None if decision.allowed else decision.policy_id
        if reason is None:
            for lead_id in _lead_ids(refs):
                lead = leads.get(lead_id)
                if lead is None:
                    continue
                if ((scope.rows == "own" and lead.owner_id != principal.user_id)
                        or (scope.branch_ids is not None and lead.branch_id not in scope.branch_ids)):
                    reason = "scopes.rows_not_allowed"
                    break
        if reason is not None:
            result.would_refuse += 1
            result.by_capability[cap].would_refuse += 1
            result.by_role[role].would_refuse += 1
            result.by_reason[reason] += 1
            continue
        sent = [f for f in payload.get("fields_sent") or [] if field_class(f) is not None]
        if any(f not in scope.fields for f in sent):
            result.would_narrow += 1
            result.by_capability[cap].would_narrow += 1
            result.by_role[role].would_narrow += 1
    return result

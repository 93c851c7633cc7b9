"""Hash chaining and verification of a tenant's audit records."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from guardrails.audit.models import AuditCheckpoint, AuditHead, AuditRecord
from guardrails.audit.refs import commit, refs_by_seq

GENESIS = "0" * 64


def canonical(payload: dict[str, Any]) -> bytes:
    return json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                      default=str).encode("utf-8")


def link_hash(*, prev_hash: str, tenant_id: int, seq: int, payload: dict[str, Any]) -> str:
    h = hashlib.sha256()
    h.update(prev_hash.encode())
    h.update(f"|{tenant_id}|{seq}|".encode())
    h.update(canonical(payload))
    return h.hexdigest()


@dataclass(frozen=True)
class ChainReport:
    tenant_id: int
    records: int
    ok: bool
    first_broken_seq: int | None = None
    first_broken_id: int | None = None
    problem: str | None = None
    checkpoint_seq: int | None = None
    checkpoint_signature: str | None = None  # "valid" | "invalid" | "unchecked" (no key given)
    erased_refs: int = 0

    def as_dict(self) -> dict[str, Any]:
        return {
            "tenant_id": self.tenant_id,
            "records": self.records,
            "ok": self.ok,
            "first_broken_seq": self.first_broken_seq,
            "first_broken_id": self.first_broken_id,
            "problem": self.problem,
            "checkpoint_seq": self.checkpoint_seq,
            "checkpoint_signature": self.checkpoint_signature,
            "erased_refs": self.erased_refs,
        }


def verify_chain(session: Session, tenant_id: int, *, batch: int = 2000, key: bytes | None = None) -> ChainReport:
    """Walk the chain in seq order from genesis or the newest checkpoint; report the first broken link.

    `key` is the audit checkpoint key: without it a checkpoint's signature is reported "unchecked".
    """
    cps = list(session.scalars(select(AuditCheckpoint).where(AuditCheckpoint.tenant_id == tenant_id)
                               .order_by(AuditCheckpoint.seq)))
    cp = cps[-1] if cps else None
    base = dict(checkpoint_seq=cp.seq if cp else None, checkpoint_signature=None)
    if cps:
        if key is None:
            base["checkpoint_signature"] = "unchecked"
        else:
            from guardrails.audit.checkpoint import signature_ok

            bad = next((c for c in cps if not signature_ok(c, key)), None)
            base["checkpoint_signature"] = "invalid" if bad else "valid"
            if bad is not None:
                return ChainReport(tenant_id, 0, False, bad.seq + 1, None, "checkpoint signature invalid", **base)
    prev_hash, expected_seq = (cp.hash, cp.seq + 1) if cp else (GENESIS, 1)
    walker = _Walker(session, tenant_id, prev_hash, expected_seq, base)
    # Plain rows, not ORM objects: building entities costs more than hashing them.
    stmt = (select(*_COLUMNS).where(AuditRecord.tenant_id == tenant_id, AuditRecord.seq >= expected_seq)
            .order_by(AuditRecord.seq).execution_options(yield_per=batch))
    chunk: list = []
    for rec in session.connection().execute(stmt):
        chunk.append(rec)
        if len(chunk) >= batch:
            if (report := walker.walk(chunk)) is not None:
                return report
            chunk = []
    if chunk and (report := walker.walk(chunk)) is not None:
        return report
    return walker.finish()


_COLUMNS = (AuditRecord.id, AuditRecord.tenant_id, AuditRecord.seq, AuditRecord.request_id, AuditRecord.user_id,
            AuditRecord.capability, AuditRecord.outcome, AuditRecord.receipt_id, AuditRecord.payload,
            AuditRecord.prev_hash, AuditRecord.hash)


class _Walker:
    def __init__(self, session: Session, tenant_id: int, prev_hash: str, expected_seq: int, base: dict) -> None:
        self.session, self.tenant_id = session, tenant_id
        self.prev_hash, self.expected_seq, self.base = prev_hash, expected_seq, base
        self.count, self.erased = 0, 0

    def _broken(self, rec, seq: int, problem: str) -> ChainReport:
        return ChainReport(self.tenant_id, self.count, False, seq, rec.id if rec else None, problem,
                           erased_refs=self.erased, **self.base)

    def walk(self, records: list) -> ChainReport | None:
        refs = refs_by_seq(self.session, self.tenant_id, (r.seq for r in records))
        for rec in records:
            self.count += 1
            if rec.seq != self.expected_seq:
                return self._broken(rec, rec.seq, "sequence gap or reorder")
            if rec.prev_hash != self.prev_hash:
                return self._broken(rec, rec.seq, "previous hash mismatch")
            if not _columns_match(rec):
                return self._broken(rec, rec.seq, "columns differ from hashed content")
            digest = link_hash(prev_hash=self.prev_hash, tenant_id=self.tenant_id, seq=rec.seq, payload=rec.payload)
            if digest != rec.hash:
                return self._broken(rec, rec.seq, "content does not match hash")
            problem = self._check_refs(rec, refs.get(rec.seq, []))
            if problem:
                return self._broken(rec, rec.seq, problem)
            self.prev_hash, self.expected_seq = rec.hash, rec.seq + 1
        return None

    def _check_refs(self, rec, rows: list) -> str | None:
        commitments = (rec.payload or {}).get("ref_commitments")
        if commitments is None:  # written before references were committed: nothing to check
            return "record references missing" if rows else None
        if [r.pos for r in rows] != list(range(len(commitments))):
            return "record references missing or added"
        for row, c in zip(rows, commitments):
            if row.ref is None and row.ref_key is None and row.erased_at is not None:
                self.erased += 1
                continue
            if row.ref is None or row.ref_key is None or commit(row.ref, row.ref_key) != c:
                return "record reference differs from hashed commitment"
        return None

    def finish(self) -> ChainReport:
        head = self.session.scalar(select(AuditHead).where(AuditHead.tenant_id == self.tenant_id))
        last_seq = self.expected_seq - 1
        if head is not None and (head.seq != last_seq or head.hash != self.prev_hash):
            # Records after the last one found were deleted (or the head was moved).
            return self._broken(None, last_seq + 1, "chain truncated: head does not match the last record")
        return ChainReport(self.tenant_id, self.count, True, erased_refs=self.erased, **self.base)


def _columns_match(rec) -> bool:
    """The indexed columns are copies of hashed payload fields; a change to one is tampering."""
    p = rec.payload or {}
    return (
        p.get("tenant_id") == rec.tenant_id
        and p.get("request_id") == rec.request_id
        and p.get("user_id") == rec.user_id
        and p.get("capability") == rec.capability
        and p.get("outcome") == rec.outcome
        and p.get("receipt_id") == rec.receipt_id
    )

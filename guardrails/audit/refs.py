"""Record references as hashed commitments, and their erasure (crypto-shredding).

Each reference gets a fresh random 128-bit key; the chain hashes `HMAC-SHA256(key, ref)` truncated
to 128 bits. With key and ref present, verify recomputes the commitment; after erasure both are gone
and the commitment alone reveals nothing (the ids are small integers, so an unkeyed hash would not do).
"""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Iterable, Sequence
from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from connectors.crm.base import utcnow
from guardrails.audit.models import AuditRef

COMMITMENT_HEX = 32


def commit(ref: str, key_hex: str) -> str:
    return hmac.digest(bytes.fromhex(key_hex), ref.encode("utf-8"), "sha256").hex()[:COMMITMENT_HEX]


def new_key() -> str:
    return secrets.token_hex(16)


def committed(refs: Sequence[str]) -> tuple[list[str], list[str]]:
    """(keys, commitments) for these references, in order: one fresh 128-bit key each."""
    raw = secrets.token_bytes(16 * len(refs))  # one call to the OS random source, not one per reference
    keys = [raw[i : i + 16] for i in range(0, len(raw), 16)]
    return ([k.hex() for k in keys],
            [hmac.digest(k, r.encode("utf-8"), "sha256").hex()[:COMMITMENT_HEX] for r, k in zip(refs, keys)])


def ref_rows(*, tenant_id: int, seq: int, refs: Sequence[str], keys: Sequence[str]) -> list[dict]:
    return [{"tenant_id": tenant_id, "seq": seq, "pos": i, "ref": r, "ref_key": k}
            for i, (r, k) in enumerate(zip(refs, keys))]


def refs_by_seq(session: Session, tenant_id: int, seqs: Iterable[int]) -> dict[int, list]:
    """The reference rows (seq, pos, ref, ref_key, erased_at) of these records, by seq, in position order."""
    wanted = sorted(set(seqs))
    out: dict[int, list[AuditRef]] = {s: [] for s in wanted}
    if not wanted:
        return out
    lo, hi = wanted[0], wanted[-1]
    stmt = (select(AuditRef.seq, AuditRef.pos, AuditRef.ref, AuditRef.ref_key, AuditRef.erased_at)
            .where(AuditRef.tenant_id == tenant_id, AuditRef.seq >= lo, AuditRef.seq <= hi)
            .order_by(AuditRef.seq, AuditRef.pos))
    for row in session.connection().execute(stmt).all():
        if row.seq in out:
            out[row.seq].append(row)
    return out


def seqs_referencing(session: Session, tenant_id: int, refs: Iterable[str]) -> select:
    """A subquery of the seqs whose records reference any of `refs` (not erased)."""
    return (select(AuditRef.seq).where(AuditRef.tenant_id == tenant_id, AuditRef.ref.in_(sorted(set(refs))))
            .distinct())


def erase_refs(session: Session, *, tenant_id: int, refs: Iterable[str], now: datetime | None = None) -> int:
    """Shred these references in every record of the tenant; returns the number of references erased."""
    wanted = sorted(set(refs))
    total = 0
    for i in range(0, len(wanted), 500):
        chunk = wanted[i : i + 500]
        result = session.execute(
            update(AuditRef)
            .where(AuditRef.tenant_id == tenant_id, AuditRef.ref.in_(chunk))
            .values(ref=None, ref_key=None, erased_at=now or utcnow())
            .execution_options(synchronize_session=False)
        )
        total += int(result.rowcount or 0)
    return total


def count_refs(session: Session, tenant_id: int, refs: Iterable[str]) -> int:
    wanted = sorted(set(refs))
    if not wanted:
        return 0
    return int(session.scalar(select(func.count()).select_from(AuditRef).where(
        AuditRef.tenant_id == tenant_id, AuditRef.ref.in_(wanted))) or 0)

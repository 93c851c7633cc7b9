"""Signed retention checkpoints: purge a prefix of a chain and keep the chain verifiable.

Retention may only delete a *prefix* of a tenant's chain (seq 1..S, all older than the cutoff). It
writes, in the same transaction, a checkpoint holding S and the hash of record S, signed with
HMAC-SHA256 under the audit key. Verification then starts from the newest checkpoint: the first
remaining record must link to its hash, and the signature proves retention wrote it, not an intruder
who deleted records and forged a starting point.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, func, select, text
from sqlalchemy.orm import Session

from connectors.crm.base import utcnow
from guardrails.audit.models import AuditCheckpoint, AuditHead, AuditRecord, AuditRef

log = logging.getLogger(__name__)


def checkpoint_signature(*, key: bytes, tenant_id: int, seq: int, hash_: str) -> str:
    msg = f"lua-audit-checkpoint/v1|{tenant_id}|{seq}|{hash_}".encode()
    return hmac.new(key, msg, hashlib.sha256).hexdigest()


def signature_ok(cp: AuditCheckpoint, key: bytes) -> bool:
    want = checkpoint_signature(key=key, tenant_id=cp.tenant_id, seq=cp.seq, hash_=cp.hash)
    return hmac.compare_digest(want, cp.signature or "")


def latest_checkpoint(session: Session, tenant_id: int) -> AuditCheckpoint | None:
    return session.scalar(select(AuditCheckpoint).where(AuditCheckpoint.tenant_id == tenant_id)
                          .order_by(AuditCheckpoint.seq.desc()).limit(1))


@dataclass(frozen=True)
class PurgeResult:
    tenant_id: int
    purged: int
    checkpoint_seq: int | None
    reason: str  # "purged", "nothing_expired"


def purge_before(session: Session, *, tenant_id: int, before: datetime, key: bytes,
                 now: datetime | None = None, via_function: bool = False) -> PurgeResult:
    """Delete the tenant's records older than `before` (a prefix of the chain) and sign a checkpoint.

    Runs in the caller's transaction; the head row lock keeps appends out meanwhile. `via_function`
    (PostgreSQL, as the application role): delete through `audit_purge_prefix` (see grants.py).
    """
    if not key:
        raise ValueError("an audit checkpoint key is required to purge audit records")
    head = session.scalar(select(AuditHead).where(AuditHead.tenant_id == tenant_id).with_for_update())
    if head is None:
        return PurgeResult(tenant_id, 0, None, "nothing_expired")
    prev = latest_checkpoint(session, tenant_id)
    floor = prev.seq if prev is not None else 0
    first_kept = session.scalar(select(func.min(AuditRecord.seq)).where(
        AuditRecord.tenant_id == tenant_id, AuditRecord.seq > floor, AuditRecord.occurred_at >= before))
    upto = (first_kept - 1) if first_kept is not None else head.seq
    if upto <= floor:
        return PurgeResult(tenant_id, 0, None, "nothing_expired")
    last_hash = session.scalar(select(AuditRecord.hash).where(
        AuditRecord.tenant_id == tenant_id, AuditRecord.seq == upto))
    if last_hash is None:  # the link to sign is missing: leave the chain for verify to report
        log.warning("audit purge skipped: missing link", extra={"tenant_id": tenant_id, "seq": upto})
        return PurgeResult(tenant_id, 0, None, "missing_link")
    signature = checkpoint_signature(key=key, tenant_id=tenant_id, seq=upto, hash_=last_hash)
    if via_function:
        age_days = max(0, int(((now or utcnow()) - before).total_seconds() // 86400))
        purged = int(session.execute(text("SELECT audit_purge_prefix(:t, :upto, :sig, :age)"),
                                     {"t": tenant_id, "upto": upto, "sig": signature, "age": age_days}).scalar() or 0)
        log.info("audit purge", extra={"tenant_id": tenant_id, "purged": purged, "checkpoint_seq": upto})
        return PurgeResult(tenant_id, purged, upto, "purged")
    session.execute(delete(AuditRef).where(AuditRef.tenant_id == tenant_id, AuditRef.seq <= upto)
                    .execution_options(synchronize_session=False))
    result = session.execute(delete(AuditRecord).where(AuditRecord.tenant_id == tenant_id,
                                                       AuditRecord.seq <= upto)
                             .execution_options(synchronize_session=False))
    purged = int(result.rowcount or 0)
    session.add(AuditCheckpoint(
        tenant_id=tenant_id, seq=upto, hash=last_hash, purged=purged, created_at=now or utcnow(),
        signature=signature,
    ))
    session.flush()
    log.info("audit purge", extra={"tenant_id": tenant_id, "purged": purged, "checkpoint_seq": upto})
    return PurgeResult(tenant_id, purged, upto, "purged")

"""The registry of places that hold data about a subject, each able to export and erase it.

A `SubjectStore` answers for one kind of data. The built-in ones cover the placeholder vault, model-call
receipts and the audit log; the vector index and conversation history plug in the same way. Order
matters for erasure: stores that find data *through* audit references (the vault finds a request's
conversation by its audit record) run before the audit store shreds those references.
"""

from __future__ import annotations

import logging
from datetime import datetime, timezone
from typing import Any, Protocol, runtime_checkable

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from guardrails.audit.models import AuditRecord
from guardrails.audit.query import as_dicts
from guardrails.audit.refs import erase_refs, seqs_referencing
from guardrails.subjects.profile import SubjectProfile, load_profile
from guardrails.subjects.vault_match import matching_entries

log = logging.getLogger(__name__)


@runtime_checkable
class SubjectStore(Protocol):
    name: str

    def export(self, session: Session, tenant_id: int, contact_id: int) -> dict[str, Any]: ...

    def erase(self, session: Session, tenant_id: int, contact_id: int) -> int: ...


def _profile(session: Session, tenant_id: int, contact_id: int) -> SubjectProfile | None:
    return load_profile(session, tenant_id=tenant_id, contact_id=contact_id)


def request_ids_of(session: Session, profile: SubjectProfile) -> list[str]:
    """Request ids of the audit records that reference the subject."""
    seqs = seqs_referencing(session, profile.tenant_id, profile.refs)
    return list(session.scalars(select(AuditRecord.request_id).where(
        AuditRecord.tenant_id == profile.tenant_id, AuditRecord.seq.in_(seqs)).distinct()))


class AuditSubjectStore:
    """Audit records that reference the subject; erasure shreds the references, the chain stays valid."""

    name = "audit"

    def export(self, session: Session, tenant_id: int, contact_id: int) -> dict[str, Any]:
        profile = _profile(session, tenant_id, contact_id)
        if profile is None:
            return {"records": []}
        seqs = seqs_referencing(session, tenant_id, profile.refs)
        rows = list(session.scalars(select(AuditRecord).where(AuditRecord.tenant_id == tenant_id,
                                                              AuditRecord.seq.in_(seqs)).order_by(AuditRecord.seq)))
        return {"records": as_dicts(session, tenant_id, rows)}

    def erase(self, session: Session, tenant_id: int, contact_id: int) -> int:
        profile = _profile(session, tenant_id, contact_id)
        return 0 if profile is None else erase_refs(session, tenant_id=tenant_id, refs=profile.refs)


class ModelCallSubjectStore:
    """Privacy receipts of the model calls made for requests about the subject.

    Receipts hold no personal data (parameters, counts, a digest of the redacted prompt); once the
    audit references are shredded nothing links them to the subject, so erasure deletes nothing here.
    """

    name = "model_calls"

    def export(self, session: Session, tenant_id: int, contact_id: int) -> dict[str, Any]:
        from guardrails.egress.records import ModelCall, get_receipt

        profile = _profile(session, tenant_id, contact_id)
        if profile is None:
            return {"receipts": []}
        rids = request_ids_of(session, profile)
        receipts = []
        for i in range(0, len(rids), 500):
            for rid in session.scalars(select(ModelCall.receipt_id).where(
                    ModelCall.tenant_id == tenant_id, ModelCall.request_id.in_(rids[i : i + 500]))
                    .order_by(ModelCall.id)):
                receipts.append(get_receipt(session, tenant_id=tenant_id, receipt_id=rid))
        return {"receipts": [r for r in receipts if r]}

    def erase(self, session: Session, tenant_id: int, contact_id: int) -> int:
        return 0


class VaultSubjectStore:
    """Placeholder-vault entries holding the subject's values (decrypted only for the export)."""

    name = "vault"

    def __init__(self, *, master_key: bytes) -> None:
        self._key = master_key

    def _entries(self, session: Session, tenant_id: int, contact_id: int):
        profile = _profile(session, tenant_id, contact_id)
        if profile is None:
            return []
        conversations = {f"req:{rid}" for rid in request_ids_of(session, profile)}
        return matching_entries(session, profile=profile, master_key=self._key, conversations=conversations)

    def export(self, session: Session, tenant_id: int, contact_id: int) -> dict[str, Any]:
        out = []
        for row, value in self._entries(session, tenant_id, contact_id):
            out.append({"conversation_id": row.conversation_id, "placeholder": row.placeholder,
                        "entity_type": row.entity_type, "value": value,
                        "created_at": _iso(row.created_at), "expires_at": _iso(row.expires_at)})
        return {"entries": out}

    def erase(self, session: Session, tenant_id: int, contact_id: int) -> int:
        from guardrails.redaction.sql_store import VaultEntry

        ids = [row.id for row, _ in self._entries(session, tenant_id, contact_id)]
        n = 0
        for i in range(0, len(ids), 500):
            res = session.execute(delete(VaultEntry).where(VaultEntry.tenant_id == tenant_id,
                                                           VaultEntry.id.in_(ids[i : i + 500]))
                                  .execution_options(synchronize_session=False))
            n += int(res.rowcount or 0)
        return n


def _iso(dt: datetime | None) -> str | None:
    if dt is None:
        return None
    return (dt if dt.tzinfo else dt.replace(tzinfo=timezone.utc)).isoformat()


class VectorSubjectStore:
    """The tenant's note index: points of the contact's own notes and of their leads' notes.

    `indexer` is anything with `erase_contact(tenant_id, contact_id) -> int` (assistant.indexing's
    NoteIndexer). Its erasure commits in its own session, so it runs first, before this request's
    transaction writes (SQLite has one writer).
    """

    name = "vectors"

    def __init__(self, indexer: Any) -> None:
        self._indexer = indexer

    def export(self, session: Session, tenant_id: int, contact_id: int) -> dict[str, Any]:
        from sqlalchemy import or_

        from connectors.vectors.models import IndexedActivity

        rows = session.execute(select(IndexedActivity.activity_id, IndexedActivity.model_id,
                                      IndexedActivity.contact_id, IndexedActivity.lead_contact_id).where(
            IndexedActivity.tenant_id == tenant_id,
            or_(IndexedActivity.contact_id == contact_id, IndexedActivity.lead_contact_id == contact_id))
            .order_by(IndexedActivity.activity_id)).all()
        # The points hold ids and an embedding of the note, never its text: list what is indexed.
        return {"indexed_items": [{"activity_id": r.activity_id, "embedding_model": r.model_id} for r in rows]}

    def erase(self, session: Session, tenant_id: int, contact_id: int) -> int:
        return int(self._indexer.erase_contact(tenant_id, contact_id))


def default_stores(*, vault_key: bytes, extra: tuple[SubjectStore, ...] = ()) -> tuple[SubjectStore, ...]:
    """`extra` stores (vectors, conversations) first, then the vault, receipts, and the audit log last."""
    return (*extra, VaultSubjectStore(master_key=vault_key), ModelCallSubjectStore(), AuditSubjectStore())

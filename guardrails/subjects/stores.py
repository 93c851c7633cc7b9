"""The registry of places that hold data about a subject, each able to export and erase it.

A `SubjectStore` answers for one kind of data. The built-in ones cover the placeholder vault, model-call
receipts (with their stored redacted prompts) and the audit log; the vector index and conversation
history plug in the same way. Order matters for erasure: stores that find data *through* audit
references (the vault finds a request's conversation by its audit record) run before the audit store
shreds those references, and receipts (whose prompts are found through the vault) before the vault.
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

    A receipt holds parameters, counts, a digest of the redacted prompt and — unless
    `LUA_RECEIPT_KEEP_PROMPT=false` — the redacted prompt itself (placeholders only). Erasure keeps the
    receipts (once the audit references are shredded nothing links them to the subject) but clears
    every stored prompt that refers to the subject: (1) those of requests whose audit records reference
    the subject; (2) those of requests whose vault held one of the subject's values (the placeholders
    would otherwise point at nobody, but the text around them is still about the subject); (3) any
    other prompt of the tenant in which one of the subject's values appears in clear (a value the
    redactor missed). So it runs before the vault store and the audit store.
    """

    name = "model_calls"

    def __init__(self, *, master_key: bytes | None = None) -> None:
        self._key = master_key

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
        from guardrails.egress.records import clear_prompts

        profile = _profile(session, tenant_id, contact_id)
        if profile is None:
            return 0
        rids = set(request_ids_of(session, profile))
        if self._key is not None:
            rids |= _requests_of_vaults(session, tenant_id, {row.conversation_id for row, _ in matching_entries(
                session, profile=profile, master_key=self._key, conversations={f"req:{r}" for r in rids})})
        n = clear_prompts(session, tenant_id=tenant_id, request_ids=rids)
        return n + clear_prompts(session, tenant_id=tenant_id, receipt_ids=prompts_in_clear(session, profile))


def _requests_of_vaults(session: Session, tenant_id: int, vault_ids: set[str]) -> set[str]:
    """Request ids of vaults: `req:<request id>` directly; a chat vault (`chat:<conversation id>`)
    through the turns of that conversation, when conversation history is installed."""
    from connectors.crm.base import Base

    out = {v[4:] for v in vault_ids if v.startswith("req:")}
    chats = sorted(v[5:] for v in vault_ids if v.startswith("chat:"))
    turns = Base.metadata.tables.get("conversation_turns")
    if chats and turns is not None and {"conversation_id", "request_id", "tenant_id"} <= set(turns.c.keys()):
        for i in range(0, len(chats), 500):
            out |= {r for r in session.scalars(select(turns.c.request_id).where(
                turns.c.tenant_id == tenant_id, turns.c.conversation_id.in_(chats[i : i + 500]))) if r}
    return out


def prompts_in_clear(session: Session, profile: SubjectProfile) -> list[str]:
    """Receipt ids of the tenant's stored prompts in which one of the subject's values appears in clear
    (normalised: case, Arabic letter variants, diacritics, digits in any script and separators)."""
    from guardrails.egress.records import ModelCall

    match = _clear_matcher(profile)
    if match is None:
        return []
    found = []
    rows = session.execute(select(ModelCall.receipt_id, ModelCall.prompt_redacted).where(
        ModelCall.tenant_id == profile.tenant_id, ModelCall.prompt_redacted.is_not(None))
        .execution_options(yield_per=500))
    for receipt_id, messages in rows:
        text = "\n".join(str(m.get("content", "")) for m in messages or () if isinstance(m, dict))
        if match(text):
            found.append(receipt_id)
    return found


# Values that identify the subject on their own (health terms, for instance, do not: they stay).
_CLEAR_WORDS = ("PERSON", "EMAIL", "ADDRESS", "DATE_OF_BIRTH")
_CLEAR_NUMBERS = ("PHONE", "NATIONAL_ID", "IBAN")


def _clear_matcher(profile: SubjectProfile):
    """A predicate: does a text hold one of the subject's identifying values? Words match whole (a
    name part of three letters or more, an e-mail, an address, a date of birth); numbers match by
    their digits (six or more), whatever separators or digit script the text used."""
    import re

    from guardrails.redaction.normalise import digits_only, normalise_value
    from guardrails.subjects.profile import phone_variants

    words: set[str] = set()
    numbers: set[str] = set()
    for value, typ in profile.values:
        if typ in _CLEAR_NUMBERS:
            forms = {value} | (phone_variants(value) if typ == "PHONE" else set())
            numbers |= {d for d in map(digits_only, forms) if len(d) >= 6}
        elif typ in _CLEAR_WORDS:
            norm = normalise_value(value)
            if len(norm) >= 3:
                words.add(norm)
            if typ == "PERSON":
                words |= {tok for tok in norm.split() if len(tok) >= 3}
    if not words and not numbers:
        return None
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    pattern = re.compile(r"(?<!\w)(?:" + alternatives + r")(?!\w)") if words else None
    runs = re.compile(r"\d[\d\s().\-/]*\d")

    def match(text: str) -> bool:
        norm = normalise_value(text)
        if pattern is not None and pattern.search(norm):
            return True
        for run in runs.findall(norm):
            d = digits_only(run)
            if len(d) >= 6 and any(n in d or (len(d) >= 8 and n.endswith(d)) for n in numbers):
                return True
        return False

    return match


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
    """`extra` stores (vectors, conversations) first, then receipts (their prompts are found through
    the vault and the audit references), the vault, and the audit log last."""
    return (*extra, ModelCallSubjectStore(master_key=vault_key), VaultSubjectStore(master_key=vault_key),
            AuditSubjectStore())

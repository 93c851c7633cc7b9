"""Conversations in retention and data-subject rights: plug-ins for guardrails' registries.

- `ConversationRetention`: a `RetentionTarget` (kind "conversations") deleting a tenant's
  conversations idle since before the cutoff, with their turns and their vault.
- `ConversationSubjectStore`: a `SubjectStore` exporting and erasing the conversations about a
  contact (those whose turns concern one of the contact's leads), turns and vault included. Chat
  vaults are named `chat:<conversation id>`, which the audit-reference search of the vault store
  (`req:<request id>`) does not find, so erasure must go through this store.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from assistant.conversations.models import Conversation, ConversationTurn
from assistant.conversations.store import vault_id
from connectors.crm.models import Lead


def _delete(session: Session, tenant_id: int, ids: list[str]) -> int:
    from guardrails.redaction.sql_store import VaultEntry

    if not ids:
        return 0
    session.execute(delete(VaultEntry).where(VaultEntry.tenant_id == tenant_id,
                                             VaultEntry.conversation_id.in_([vault_id(i) for i in ids]))
                    .execution_options(synchronize_session=False))
    session.execute(delete(ConversationTurn).where(ConversationTurn.tenant_id == tenant_id,
                                                   ConversationTurn.conversation_id.in_(ids))
                    .execution_options(synchronize_session=False))
    res = session.execute(delete(Conversation).where(Conversation.tenant_id == tenant_id, Conversation.id.in_(ids))
                          .execution_options(synchronize_session=False))
    return int(res.rowcount or 0)


class ConversationRetention:
    name = "conversations"
    kind = "conversations"

    def purge(self, session: Session, *, tenant_id: int, cutoff: datetime) -> int:
        ids = list(session.scalars(select(Conversation.id).where(Conversation.tenant_id == tenant_id,
                                                                 Conversation.updated_at < cutoff)))
        return _delete(session, tenant_id, ids)


class ConversationSubjectStore:
    name = "conversations"

    def _ids(self, session: Session, tenant_id: int, contact_id: int) -> list[str]:
        leads = select(Lead.id).where(Lead.tenant_id == tenant_id, Lead.contact_id == contact_id)
        by_turn = select(ConversationTurn.conversation_id).where(ConversationTurn.tenant_id == tenant_id,
                                                                 ConversationTurn.lead_id.in_(leads))
        by_conv = select(Conversation.id).where(Conversation.tenant_id == tenant_id, Conversation.lead_id.in_(leads))
        return sorted(set(session.scalars(by_turn)) | set(session.scalars(by_conv)))

    def export(self, session: Session, tenant_id: int, contact_id: int) -> dict[str, Any]:
        """The redacted turns (placeholders, not values: the vault store exports what they stand for)."""
        out = []
        for cid in self._ids(session, tenant_id, contact_id):
            turns = session.scalars(select(ConversationTurn).where(ConversationTurn.tenant_id == tenant_id,
                                                                   ConversationTurn.conversation_id == cid)
                                    .order_by(ConversationTurn.position)).all()
            out.append({"conversation_id": cid, "turns": [
                {"role": t.role, "capability": t.capability, "content": t.content,
                 "created_at": t.created_at.isoformat() if t.created_at else None} for t in turns]})
        return {"conversations": out}

    def erase(self, session: Session, tenant_id: int, contact_id: int) -> int:
        return _delete(session, tenant_id, self._ids(session, tenant_id, contact_id))

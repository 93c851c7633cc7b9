"""Conversation storage for one (tenant, user): create, load, append redacted turns.

A conversation id of another user or tenant is indistinguishable from an unknown one (the same
NotFound), and the lookup always filters by tenant *and* user, never by id alone.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from assistant.conversations.models import Conversation, ConversationTurn
from connectors.crm.base import utcnow
from connectors.crm.db import tenant_session
from guardrails.errors import NotFound
from guardrails.principal import Principal
from guardrails.types import RedactedText

NOT_FOUND = "No such conversation."


def new_conversation_id() -> str:
    return "c_" + secrets.token_urlsafe(24)


def vault_id(conversation_id: str) -> str:
    """The vault of a chat conversation (a namespace apart from single-request vaults)."""
    return f"chat:{conversation_id}"


@dataclass(frozen=True)
class StoredTurn:
    role: str
    content: str  # redacted
    capability: str | None
    lead_id: int | None


class ConversationStore:
    def __init__(self, factory: sessionmaker[Session]) -> None:
        self.factory = factory

    def open(self, principal: Principal, conversation_id: str | None) -> tuple[str, int | None, bool]:
        """(id, the conversation's current lead, created?) — an unknown or foreign id raises NotFound."""
        with tenant_session(self.factory, principal.tenant_id) as s:
            if conversation_id is None:
                conv = Conversation(id=new_conversation_id(), tenant_id=principal.tenant_id,
                                    user_id=principal.user_id)
                s.add(conv)
                s.commit()
                return conv.id, None, True
            conv = self._get(s, principal, conversation_id)
            return conv.id, conv.lead_id, False

    def _get(self, s: Session, principal: Principal, conversation_id: str) -> Conversation:
        conv = s.scalar(select(Conversation).where(Conversation.id == conversation_id,
                                                   Conversation.tenant_id == principal.tenant_id,
                                                   Conversation.user_id == principal.user_id))
        if conv is None:
            raise NotFound(NOT_FOUND)
        return conv

    def history(self, principal: Principal, conversation_id: str, *, limit: int = 8) -> list[StoredTurn]:
        with tenant_session(self.factory, principal.tenant_id) as s:
            self._get(s, principal, conversation_id)
            rows = s.scalars(select(ConversationTurn).where(ConversationTurn.conversation_id == conversation_id)
                             .order_by(ConversationTurn.position.desc()).limit(limit)).all()
            return [StoredTurn(r.role, r.content, r.capability, r.lead_id) for r in reversed(rows)]

    def append(self, principal: Principal, conversation_id: str, *, role: str, content: RedactedText,
               capability: str | None, lead_id: int | None, request_id: str | None) -> None:
        """Add one turn. `content` must be RedactedText: clear text cannot be stored by mistake."""
        if not isinstance(content, RedactedText):
            raise TypeError("conversation turns are stored redacted only")
        with tenant_session(self.factory, principal.tenant_id) as s:
            conv = self._get(s, principal, conversation_id)
            conv.turns += 1
            conv.updated_at = utcnow()
            if lead_id is not None:
                conv.lead_id = lead_id
            s.add(ConversationTurn(tenant_id=principal.tenant_id, conversation_id=conv.id, position=conv.turns,
                                   role=role, capability=capability, lead_id=lead_id, content=content.text,
                                   request_id=request_id))
            s.commit()

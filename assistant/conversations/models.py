"""Tables of the chat: conversations and their turns.

Turn content is stored redacted (placeholders of the conversation's vault), never in clear; the
vault holds the values encrypted and expires with the tenant's retention, after which old turns
can no longer be restored.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from connectors.crm.base import Base, utcnow
from connectors.crm.models import TenantScoped, dc


class Conversation(TenantScoped, Base):
    __tablename__ = "conversations"
    __table_args__ = (Index("ix_conversations_tenant_user", "tenant_id", "user_id"),)

    # Unguessable (secrets.token_urlsafe); looked up together with tenant and user, never alone.
    id: Mapped[str] = mapped_column(String(64), primary_key=True, info=dc("internal"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), info=dc("internal"))
    lead_id: Mapped[int | None] = mapped_column(Integer, nullable=True, info=dc("internal"))
    turns: Mapped[int] = mapped_column(Integer, default=0, info=dc("internal"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, info=dc("internal"))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, info=dc("internal"))


class ConversationTurn(TenantScoped, Base):
    __tablename__ = "conversation_turns"
    __table_args__ = (Index("ix_conversation_turns_conv", "conversation_id", "position"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, info=dc("internal"))
    conversation_id: Mapped[str] = mapped_column(
        ForeignKey("conversations.id", ondelete="CASCADE"), info=dc("internal"))
    position: Mapped[int] = mapped_column(Integer, info=dc("internal"))
    role: Mapped[str] = mapped_column(String(16), info=dc("internal"))  # user | assistant
    capability: Mapped[str | None] = mapped_column(String(32), nullable=True, info=dc("internal"))
    lead_id: Mapped[int | None] = mapped_column(Integer, nullable=True, info=dc("internal"))
    # Redacted text: placeholders instead of personal values (still personal: it describes people).
    content: Mapped[str] = mapped_column(Text, info=dc("personal"))
    request_id: Mapped[str | None] = mapped_column(String(64), nullable=True, info=dc("internal"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, info=dc("internal"))

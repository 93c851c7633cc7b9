"""Index state: which activities are in a tenant's vector index, and with which content.

`content_hash` covers the note text and the metadata written to the payload (lead, owner,
branch, contacts, class), so a re-assigned lead or an edited note is re-indexed, and an
unchanged one is skipped. `model_id` makes a change of embedding model re-embed everything.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from connectors.crm.base import Base, utcnow
from connectors.crm.models import TenantScoped, dc


class IndexedActivity(TenantScoped, Base):
    __tablename__ = "vector_index_state"
    __table_args__ = (UniqueConstraint("tenant_id", "activity_id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, info=dc("internal"))
    # No foreign key: the state must outlive a deleted activity until its point is removed.
    activity_id: Mapped[int] = mapped_column(Integer, index=True, info=dc("internal"))
    # The activity's contact and its lead's contact: erasure finds the state rows by either.
    contact_id: Mapped[int | None] = mapped_column(Integer, nullable=True, index=True, info=dc("internal"))
    lead_contact_id: Mapped[int | None] = mapped_column(Integer, nullable=True, index=True,
                                                        info=dc("internal"))
    content_hash: Mapped[str] = mapped_column(String(64), info=dc("internal"))
    model_id: Mapped[str] = mapped_column(String(120), info=dc("internal"))
    indexed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, info=dc("internal"))

"""Tables of data-subject rights: restrictions of processing (GDPR Art. 18)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from connectors.crm.base import Base, utcnow
from connectors.crm.models import TenantScoped, dc


class SubjectRestriction(TenantScoped, Base):
    """A contact whose records no capability may process, from the next request on."""

    __tablename__ = "subject_restrictions"
    __table_args__ = (UniqueConstraint("tenant_id", "contact_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, info=dc("internal"))
    # No foreign key: the restriction must outlive a CRM re-import of the contact.
    contact_id: Mapped[int] = mapped_column(Integer, index=True, info=dc("internal"))
    restricted_by: Mapped[int | None] = mapped_column(Integer, nullable=True, info=dc("internal"))
    basis: Mapped[str] = mapped_column(String(40), default="subject_request", info=dc("internal"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, info=dc("internal"))

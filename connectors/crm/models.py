"""CRM tables. Every column names its data class in `info` (see `data_class_of`).

Data classes: `public` (may be shown to anyone in the tenant), `internal` (business data,
no person behind it), `personal` (identifies or describes a person), `special` (GDPR Art. 9,
e.g. health). Scopes and redaction read these classes at run time.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import (
    DateTime,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from connectors.crm.base import Base, utcnow
from guardrails.types import DataClass

ROLES = ("sales_rep", "manager", "admin")
LEAD_STAGES = ("new", "contacted", "qualified", "proposal", "negotiation", "won", "lost")
LEAD_SOURCES = ("website", "referral", "walk_in", "campaign", "social", "partner", "phone")
ACTIVITY_KINDS = ("call", "email", "meeting", "whatsapp", "note")
TENANT_KINDS = ("sales", "clinic")


def dc(data_class: DataClass) -> dict:
    """Column info carrying the data class."""
    return {"data_class": data_class}


class TenantScoped:
    """Marker mixin: rows of these tables belong to exactly one tenant."""

    tenant_id: Mapped[int] = mapped_column(
        ForeignKey("tenants.id", ondelete="CASCADE"), index=True, info=dc("internal")
    )


class Tenant(Base):
    __tablename__ = "tenants"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, info=dc("internal"))
    slug: Mapped[str] = mapped_column(String(64), unique=True, info=dc("internal"))
    name: Mapped[str] = mapped_column(String(200), info=dc("public"))
    kind: Mapped[str] = mapped_column(String(16), default="sales", info=dc("internal"))
    timezone: Mapped[str] = mapped_column(String(64), default="UTC", info=dc("internal"))
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, info=dc("internal")
    )


class Branch(TenantScoped, Base):
    __tablename__ = "branches"
    __table_args__ = (UniqueConstraint("tenant_id", "name"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, info=dc("internal"))
    name: Mapped[str] = mapped_column(String(120), info=dc("public"))
    city: Mapped[str] = mapped_column(String(120), info=dc("public"))
    country: Mapped[str] = mapped_column(String(2), info=dc("public"))  # ISO 3166-1 alpha-2
    currency: Mapped[str] = mapped_column(String(3), default="EUR", info=dc("public"))


class User(TenantScoped, Base):
    __tablename__ = "users"
    __table_args__ = (UniqueConstraint("tenant_id", "email"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, info=dc("internal"))
    email: Mapped[str] = mapped_column(String(254), info=dc("personal"))
    full_name: Mapped[str] = mapped_column(String(200), info=dc("personal"))
    role: Mapped[str] = mapped_column(String(16), info=dc("internal"))
    branch_id: Mapped[int | None] = mapped_column(
        ForeignKey("branches.id", ondelete="SET NULL"), nullable=True, info=dc("internal")
    )
    preferred_language: Mapped[str] = mapped_column(String(8), default="en", info=dc("internal"))
    active: Mapped[bool] = mapped_column(default=True, info=dc("internal"))


class Contact(TenantScoped, Base):
    """A customer or patient, and their personal data."""

    __tablename__ = "contacts"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, info=dc("internal"))
    branch_id: Mapped[int | None] = mapped_column(
        ForeignKey("branches.id", ondelete="SET NULL"), nullable=True, info=dc("internal")
    )
    first_name: Mapped[str] = mapped_column(String(120), info=dc("personal"))
    last_name: Mapped[str] = mapped_column(String(120), info=dc("personal"))
    # The name as written in the other script (Arabic for Latin names and vice versa), if known.
    name_alt: Mapped[str | None] = mapped_column(String(240), nullable=True, info=dc("personal"))
    company: Mapped[str | None] = mapped_column(String(200), nullable=True, info=dc("internal"))
    email: Mapped[str | None] = mapped_column(String(254), nullable=True, info=dc("personal"))
    phone: Mapped[str | None] = mapped_column(String(40), nullable=True, info=dc("personal"))
    national_id: Mapped[str | None] = mapped_column(String(40), nullable=True, info=dc("personal"))
    address: Mapped[str | None] = mapped_column(String(400), nullable=True, info=dc("personal"))
    city: Mapped[str | None] = mapped_column(String(120), nullable=True, info=dc("internal"))
    country: Mapped[str | None] = mapped_column(String(2), nullable=True, info=dc("internal"))
    preferred_language: Mapped[str] = mapped_column(String(8), default="en", info=dc("internal"))
    date_of_birth: Mapped[str | None] = mapped_column(String(10), nullable=True, info=dc("personal"))
    # Special-category (GDPR Art. 9) fields, used by clinic tenants.
    health_conditions: Mapped[str | None] = mapped_column(Text, nullable=True, info=dc("special"))
    medications: Mapped[str | None] = mapped_column(Text, nullable=True, info=dc("special"))
    allergies: Mapped[str | None] = mapped_column(Text, nullable=True, info=dc("special"))
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, info=dc("internal")
    )

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


class Lead(TenantScoped, Base):
    __tablename__ = "leads"
    __table_args__ = (Index("ix_leads_tenant_branch_owner", "tenant_id", "branch_id", "owner_id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, info=dc("internal"))
    contact_id: Mapped[int] = mapped_column(
        ForeignKey("contacts.id", ondelete="CASCADE"), index=True, info=dc("internal")
    )
    branch_id: Mapped[int | None] = mapped_column(
        ForeignKey("branches.id", ondelete="SET NULL"), nullable=True, info=dc("internal")
    )
    owner_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), nullable=True, info=dc("internal")
    )
    title: Mapped[str] = mapped_column(String(200), info=dc("internal"))
    source: Mapped[str] = mapped_column(String(32), info=dc("internal"))
    stage: Mapped[str] = mapped_column(String(32), info=dc("internal"))
    status: Mapped[str] = mapped_column(String(8), default="open", info=dc("internal"))  # open|won|lost
    value: Mapped[Decimal] = mapped_column(Numeric(14, 2), default=Decimal("0"), info=dc("internal"))
    currency: Mapped[str] = mapped_column(String(3), default="EUR", info=dc("internal"))
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, info=dc("internal")
    )
    closed_at: Mapped[datetime | None] = mapped_column(
        DateTime(timezone=True), nullable=True, info=dc("internal")
    )


class Activity(TenantScoped, Base):
    """A call, email, meeting, WhatsApp message or note; `body` is free text."""

    __tablename__ = "activities"
    __table_args__ = (Index("ix_activities_tenant_lead_time", "tenant_id", "lead_id", "occurred_at"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, info=dc("internal"))
    lead_id: Mapped[int | None] = mapped_column(
        ForeignKey("leads.id", ondelete="CASCADE"), nullable=True, index=True, info=dc("internal")
    )
    contact_id: Mapped[int | None] = mapped_column(
        ForeignKey("contacts.id", ondelete="CASCADE"), nullable=True, index=True, info=dc("internal")
    )
    author_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), nullable=True, info=dc("internal")
    )
    kind: Mapped[str] = mapped_column(String(16), info=dc("internal"))
    subject: Mapped[str | None] = mapped_column(String(300), nullable=True, info=dc("personal"))
    body: Mapped[str] = mapped_column(Text, info=dc("personal"))
    # Row-level class of the free text: "special" for clinical notes.
    body_class: Mapped[str] = mapped_column(String(16), default="personal", info=dc("internal"))
    language: Mapped[str] = mapped_column(String(8), default="en", info=dc("internal"))
    occurred_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, info=dc("internal")
    )
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, onupdate=utcnow, info=dc("internal")
    )


class Wallet(TenantScoped, Base):
    __tablename__ = "wallets"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, info=dc("internal"))
    contact_id: Mapped[int] = mapped_column(
        ForeignKey("contacts.id", ondelete="CASCADE"), index=True, info=dc("internal")
    )
    currency: Mapped[str] = mapped_column(String(3), info=dc("internal"))
    balance: Mapped[Decimal] = mapped_column(Numeric(14, 2), default=Decimal("0"), info=dc("internal"))
    iban: Mapped[str | None] = mapped_column(String(40), nullable=True, info=dc("personal"))


class Transaction(TenantScoped, Base):
    __tablename__ = "transactions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, info=dc("internal"))
    wallet_id: Mapped[int] = mapped_column(
        ForeignKey("wallets.id", ondelete="CASCADE"), index=True, info=dc("internal")
    )
    kind: Mapped[str] = mapped_column(String(16), info=dc("internal"))  # deposit|withdrawal|payment|refund
    amount: Mapped[Decimal] = mapped_column(Numeric(14, 2), info=dc("internal"))
    currency: Mapped[str] = mapped_column(String(3), info=dc("internal"))
    reference: Mapped[str | None] = mapped_column(String(120), nullable=True, info=dc("personal"))
    occurred_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, info=dc("internal")
    )


CRM_MODELS = (Tenant, Branch, User, Contact, Lead, Activity, Wallet, Transaction)
TENANT_SCOPED_MODELS = tuple(m for m in CRM_MODELS if issubclass(m, TenantScoped))


def data_class_of(model: type[Base], column: str) -> DataClass:
    """The data class of `model.column`; unknown columns raise KeyError (deny by default)."""
    col = model.__table__.columns[column]
    return col.info["data_class"]


def columns_by_class(model: type[Base]) -> dict[str, DataClass]:
    return {c.name: c.info["data_class"] for c in model.__table__.columns}

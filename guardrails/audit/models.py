"""Audit tables: the records, their record references, per-tenant chain heads and checkpoints.

The chain hashes a *commitment* to each record reference (`HMAC(ref_key, "contact:7")`), never the
reference itself. The reference and its random key live in `audit_refs`; data-subject erasure deletes
both (crypto-shredding), so the reference becomes unlinkable while every hash still verifies.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, DateTime, Index, Integer, String, UniqueConstraint, event
from sqlalchemy.orm import Mapped, mapped_column

from connectors.crm.base import Base, utcnow
from guardrails.audit import pg_append

INTERNAL = {"data_class": "internal"}


class AuditRecord(Base):
    __tablename__ = "audit_records"
    __table_args__ = (UniqueConstraint("tenant_id", "seq"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, info=INTERNAL)
    tenant_id: Mapped[int] = mapped_column(Integer, index=True, info=INTERNAL)
    seq: Mapped[int] = mapped_column(Integer, info=INTERNAL)
    request_id: Mapped[str] = mapped_column(String(64), index=True, info=INTERNAL)
    occurred_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True, info=INTERNAL)
    user_id: Mapped[int | None] = mapped_column(Integer, nullable=True, index=True, info=INTERNAL)
    capability: Mapped[str] = mapped_column(String(40), info=INTERNAL)
    outcome: Mapped[str] = mapped_column(String(16), info=INTERNAL)
    receipt_id: Mapped[str | None] = mapped_column(String(64), nullable=True, index=True, info=INTERNAL)
    payload: Mapped[dict] = mapped_column(JSON, info=INTERNAL)
    prev_hash: Mapped[str] = mapped_column(String(64), info=INTERNAL)
    hash: Mapped[str] = mapped_column(String(64), info=INTERNAL)


class AuditRef(Base):
    """One record reference of one audit record, at position `pos` of its hashed commitments.

    `ref` and `ref_key` are NULL once erased (`erased_at` set); the commitment in the hashed payload
    stays, so the chain verifies and the reference cannot be recovered.
    """

    __tablename__ = "audit_refs"
    __table_args__ = (Index("ix_audit_refs_tenant_ref", "tenant_id", "ref"),)

    tenant_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False, info=INTERNAL)
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False, info=INTERNAL)
    pos: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False, info=INTERNAL)
    ref: Mapped[str | None] = mapped_column(String(64), nullable=True, info=INTERNAL)
    ref_key: Mapped[str | None] = mapped_column(String(32), nullable=True, info=INTERNAL)
    erased_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True, info=INTERNAL)


class AuditHead(Base):
    """The last link of each tenant's chain; its row lock serialises appends."""

    __tablename__ = "audit_heads"

    tenant_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False, info=INTERNAL)
    seq: Mapped[int] = mapped_column(Integer, default=0, info=INTERNAL)
    hash: Mapped[str] = mapped_column(String(64), info=INTERNAL)


class AuditCheckpoint(Base):
    """Written by retention when it purges a prefix of a chain: the last purged link, signed."""

    __tablename__ = "audit_checkpoints"
    __table_args__ = (UniqueConstraint("tenant_id", "seq"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, info=INTERNAL)
    tenant_id: Mapped[int] = mapped_column(Integer, index=True, info=INTERNAL)
    seq: Mapped[int] = mapped_column(Integer, info=INTERNAL)  # last purged seq
    hash: Mapped[str] = mapped_column(String(64), info=INTERNAL)  # its hash: the next prev_hash
    purged: Mapped[int] = mapped_column(Integer, default=0, info=INTERNAL)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, info=INTERNAL)
    signature: Mapped[str] = mapped_column(String(64), info=INTERNAL)


# PostgreSQL schemas built with `metadata.create_all` get the one-round-trip append function too
# (migration 0003 installs it for migrated ones). PL/pgSQL resolves table names when it runs, so the
# order in which the audit tables are created does not matter.
@event.listens_for(AuditHead.__table__, "after_create")
def _create_append_function(_target, connection, **_kw) -> None:
    if connection.dialect.name == "postgresql":
        connection.exec_driver_sql(pg_append.CREATE_FUNCTION)


@event.listens_for(AuditHead.__table__, "before_drop")
def _drop_append_function(_target, connection, **_kw) -> None:
    if connection.dialect.name == "postgresql":
        connection.exec_driver_sql(pg_append.DROP_FUNCTION)

"""Vault entries in the database (`vault_entries`), so API processes stay stateless."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Callable, Iterable

from sqlalchemy import DateTime, Index, Integer, LargeBinary, String, UniqueConstraint, delete, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, Session, mapped_column

from connectors.crm.base import Base, utcnow
from guardrails.redaction.vault import PlaceholderConflict, StoredEntry


class VaultEntry(Base):
    """One placeholder of one (tenant, conversation); the value only as AES-GCM ciphertext."""

    __tablename__ = "vault_entries"
    __table_args__ = (
        UniqueConstraint("tenant_id", "conversation_id", "placeholder", name="uq_vault_entries_placeholder"),
        UniqueConstraint("tenant_id", "conversation_id", "value_hmac", name="uq_vault_entries_value"),
        Index("ix_vault_entries_tenant_hmac", "tenant_id", "value_hmac"),
        Index("ix_vault_entries_expires_at", "expires_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True, info={"data_class": "internal"})
    tenant_id: Mapped[int] = mapped_column(Integer, index=True, info={"data_class": "internal"})
    conversation_id: Mapped[str] = mapped_column(String(128), info={"data_class": "internal"})
    placeholder: Mapped[str] = mapped_column(String(64), info={"data_class": "internal"})
    entity_type: Mapped[str] = mapped_column(String(32), info={"data_class": "internal"})
    value_hmac: Mapped[str] = mapped_column(String(64), info={"data_class": "internal"})
    ciphertext: Mapped[bytes] = mapped_column(LargeBinary, info={"data_class": "personal"})
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, info={"data_class": "internal"})
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), info={"data_class": "internal"})


def _aware(dt: datetime) -> datetime:
    # SQLite returns naive datetimes even for timezone=True columns
    return dt if dt.tzinfo else dt.replace(tzinfo=timezone.utc)


def _to_entry(row: VaultEntry) -> StoredEntry:
    return StoredEntry(row.tenant_id, row.conversation_id, row.placeholder, row.entity_type, row.value_hmac,
                       bytes(row.ciphertext), _aware(row.created_at), _aware(row.expires_at))


class SqlVaultStore:
    """VaultStore over SQLAlchemy; `session_factory()` returns a new Session (e.g. a sessionmaker)."""

    def __init__(self, session_factory: Callable[[], Session]) -> None:
        self._sessions = session_factory

    def _session(self, tenant_id: int) -> Session:
        """A session bound to the tenant: on PostgreSQL it sets app.tenant_id for row-level security."""
        s = self._sessions()
        s.info["tenant_id"] = int(tenant_id)
        return s

    def find_by_hmac(self, tenant_id: int, conversation_id: str, value_hmac: str, now: datetime | None) -> StoredEntry | None:
        with self._session(tenant_id) as s:
            query = select(VaultEntry).where(
                VaultEntry.tenant_id == tenant_id,
                VaultEntry.conversation_id == conversation_id,
                VaultEntry.value_hmac == value_hmac,
            )
            if now is not None:
                query = query.where(VaultEntry.expires_at > now)
            row = s.scalars(query).first()
            return _to_entry(row) if row else None

    def renew(self, entry: StoredEntry) -> None:
        with self._session(entry.tenant_id) as s:
            s.execute(
                update(VaultEntry)
                .where(VaultEntry.tenant_id == entry.tenant_id, VaultEntry.conversation_id == entry.conversation_id,
                       VaultEntry.placeholder == entry.placeholder)
                .values(ciphertext=entry.ciphertext, expires_at=entry.expires_at)
            )
            s.commit()

    def entries(self, tenant_id: int, conversation_id: str, now: datetime) -> list[StoredEntry]:
        with self._session(tenant_id) as s:
            rows = s.scalars(
                select(VaultEntry).where(
                    VaultEntry.tenant_id == tenant_id,
                    VaultEntry.conversation_id == conversation_id,
                    VaultEntry.expires_at > now,
                ).order_by(VaultEntry.id)
            ).all()
            return [_to_entry(r) for r in rows]

    def count_type(self, tenant_id: int, conversation_id: str, entity_type: str) -> int:
        with self._session(tenant_id) as s:
            return int(s.scalar(
                select(func.count()).select_from(VaultEntry).where(
                    VaultEntry.tenant_id == tenant_id,
                    VaultEntry.conversation_id == conversation_id,
                    VaultEntry.entity_type == entity_type,
                )
            ) or 0)

    def add(self, entry: StoredEntry) -> None:
        with self._session(entry.tenant_id) as s:
            s.add(VaultEntry(
                tenant_id=entry.tenant_id, conversation_id=entry.conversation_id, placeholder=entry.placeholder,
                entity_type=entry.entity_type, value_hmac=entry.value_hmac, ciphertext=entry.ciphertext,
                created_at=entry.created_at, expires_at=entry.expires_at,
            ))
            try:
                s.commit()
            except IntegrityError as exc:
                s.rollback()
                raise PlaceholderConflict() from exc


def purge_expired(session: Session, now: datetime | None = None) -> int:
    """Delete expired vault entries of every tenant; returns the number deleted (caller commits)."""
    result = session.execute(delete(VaultEntry).where(VaultEntry.expires_at <= (now or utcnow())))
    return int(result.rowcount or 0)


def erase_values(session: Session, tenant_id: int, hmacs: Iterable[str]) -> int:
    """Delete a tenant's entries for these value HMACs in every conversation (data-subject erasure)."""
    wanted = list(set(hmacs))
    if not wanted:
        return 0
    result = session.execute(
        delete(VaultEntry).where(VaultEntry.tenant_id == tenant_id, VaultEntry.value_hmac.in_(wanted))
    )
    return int(result.rowcount or 0)

"""Scope versions: one immutable row per change, with its author, time and diff."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, DateTime, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from connectors.crm.base import Base, utcnow
from connectors.crm.models import TenantScoped, dc


class ScopeVersion(TenantScoped, Base):
    """Version n of a tenant's scope document. Never updated: a change inserts version n+1."""

    __tablename__ = "scope_versions"
    # The unique index also serves the per-request "current version" lookup (max over it).
    __table_args__ = (UniqueConstraint("tenant_id", "version", name="uq_scope_versions_tenant_version"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, info=dc("internal"))
    version: Mapped[int] = mapped_column(Integer, info=dc("internal"))
    document: Mapped[dict] = mapped_column(JSON, info=dc("internal"))
    diff: Mapped[list] = mapped_column(JSON, default=list, info=dc("internal"))
    author_user_id: Mapped[int | None] = mapped_column(Integer, nullable=True, info=dc("internal"))
    source: Mapped[str] = mapped_column(String(16), default="api", info=dc("internal"))  # api|yaml|cli
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, info=dc("internal"))

"""Reading and writing scope versions. Every write is a new immutable row (version n+1).

All functions take a tenant-scoped session; the explicit `tenant_id` filters are a second
guard and keep the queries correct in a system session too.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from connectors.crm.base import utcnow
from connectors.crm.models import Tenant
from guardrails.errors import Conflict
from guardrails.scopes.defaults import default_document
from guardrails.scopes.diff import structural_diff
from guardrails.scopes.document import ScopeDocument, stamp_legal_bases
from guardrails.scopes.models import ScopeVersion

log = logging.getLogger("guardrails.scopes")


@dataclass(frozen=True)
class StoredScope:
    """The document in force for a tenant; version 0 is the default of the tenant's kind."""

    tenant_id: int
    version: int
    document: ScopeDocument
    author_user_id: int | None = None
    created_at: datetime | None = None
    is_default: bool = False


def current_version(session: Session, tenant_id: int) -> int:
    """The number of the version in force (0: none stored). One indexed MAX per request."""
    return session.scalar(
        select(func.max(ScopeVersion.version)).where(ScopeVersion.tenant_id == tenant_id)
    ) or 0


def tenant_kind(session: Session, tenant_id: int) -> str:
    return session.scalar(select(Tenant.kind).where(Tenant.id == tenant_id)) or "sales"


def load(session: Session, tenant_id: int, version: int | None = None) -> StoredScope:
    """The given version, or the current one; the kind's default when none is stored."""
    number = current_version(session, tenant_id) if version is None else version
    if number:
        row = session.scalar(select(ScopeVersion).where(ScopeVersion.tenant_id == tenant_id,
                                                         ScopeVersion.version == number))
        if row is not None:
            return StoredScope(tenant_id, row.version, ScopeDocument.model_validate(row.document),
                               row.author_user_id, row.created_at)
    return StoredScope(tenant_id, 0, default_document(tenant_kind(session, tenant_id)), is_default=True)


def save(session: Session, *, tenant_id: int, document: ScopeDocument, author_user_id: int,
         source: str = "api", base_version: int | None = None) -> StoredScope:
    """Store `document` as the next version. `base_version` (optional) guards against lost updates."""
    previous = load(session, tenant_id)
    if base_version is not None and base_version != previous.version:
        raise Conflict("The scope changed since you loaded it; reload and apply your change again.")
    now = utcnow()
    document = stamp_legal_bases(document, previous=previous.document, author_id=author_user_id, now=now)
    row = ScopeVersion(
        tenant_id=tenant_id, version=previous.version + 1, document=document.as_data(),
        diff=structural_diff(previous.document.as_data(), document.as_data()),
        author_user_id=author_user_id, source=source, created_at=now,
    )
    try:
        with session.begin_nested():
            session.add(row)
            session.flush()
    except IntegrityError:  # another admin saved the same version number first
        raise Conflict("The scope changed since you loaded it; reload and apply your change again.") from None
    log.info("scope.saved", extra={"tenant_id": tenant_id, "version": row.version, "changes": len(row.diff)})
    return StoredScope(tenant_id, row.version, document, author_user_id, now)


def history(session: Session, tenant_id: int, *, limit: int = 50, offset: int = 0) -> tuple[int, list[ScopeVersion]]:
    """(total, versions newest first)."""
    total = session.scalar(select(func.count()).select_from(ScopeVersion)
                           .where(ScopeVersion.tenant_id == tenant_id)) or 0
    rows = session.scalars(select(ScopeVersion).where(ScopeVersion.tenant_id == tenant_id)
                           .order_by(ScopeVersion.version.desc()).limit(limit).offset(offset))
    return total, list(rows)


def retention(session: Session, tenant_id: int):
    """The tenant's retention days (conversations, vault, audit) from the version in force."""
    return load(session, tenant_id).document.retention

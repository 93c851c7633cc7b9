"""Restriction of processing: stored per (tenant, contact), read by the scope engine per request."""

from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from guardrails.subjects.models import SubjectRestriction

BASES = ("subject_request", "accuracy_contested", "objection", "legal_claim")


def restricted_contact_ids(session: Session, tenant_id: int) -> frozenset[int]:
    """Contacts of the tenant that no capability may process (for `DataScope.restricted_contact_ids`)."""
    rows = session.scalars(select(SubjectRestriction.contact_id).where(SubjectRestriction.tenant_id == tenant_id))
    return frozenset(int(r) for r in rows)


def is_restricted(session: Session, tenant_id: int, contact_id: int) -> bool:
    return session.scalar(select(SubjectRestriction.id).where(
        SubjectRestriction.tenant_id == tenant_id, SubjectRestriction.contact_id == contact_id)) is not None


def restrict(session: Session, *, tenant_id: int, contact_id: int, user_id: int | None,
             basis: str = "subject_request") -> bool:
    """Restrict processing; returns False when it already was restricted (idempotent)."""
    if basis not in BASES:
        raise ValueError("unknown basis")
    if is_restricted(session, tenant_id, contact_id):
        return False
    session.add(SubjectRestriction(tenant_id=tenant_id, contact_id=contact_id, restricted_by=user_id, basis=basis))
    session.flush()
    return True


def lift_restriction(session: Session, *, tenant_id: int, contact_id: int) -> bool:
    result = session.execute(delete(SubjectRestriction).where(
        SubjectRestriction.tenant_id == tenant_id, SubjectRestriction.contact_id == contact_id)
        .execution_options(synchronize_session=False))
    return bool(result.rowcount)

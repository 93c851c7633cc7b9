"""The lead picker of the chat panel: list and fetch leads the user may see in the CRM."""

from __future__ import annotations

from datetime import datetime, timezone
from decimal import Decimal
from typing import Annotated

from fastapi import APIRouter, Path, Query
from pydantic import BaseModel
from sqlalchemy import func, or_, select

from assistant.api.deps import PrincipalDep, SessionDep
from connectors.crm.access import lead_visibility
from connectors.crm.models import Branch, Contact, Lead, User
from guardrails.errors import NotFound

router = APIRouter(prefix="/v1/leads", tags=["leads"])

LeadId = Annotated[int, Path(ge=1, le=2**31 - 1)]


class LeadOut(BaseModel):
    id: int
    title: str
    stage: str
    status: str
    source: str
    value: Decimal
    currency: str
    created_at: datetime
    closed_at: datetime | None
    branch: str | None
    owner: str | None
    contact_id: int
    contact_name: str
    company: str | None


class LeadPage(BaseModel):
    items: list[LeadOut]
    page: int
    page_size: int
    total: int


def _lead_rows():
    return (
        select(Lead, Contact, Branch.name, User.full_name)
        .join(Contact, Contact.id == Lead.contact_id)
        .outerjoin(Branch, Branch.id == Lead.branch_id)
        .outerjoin(User, User.id == Lead.owner_id)
    )


def _utc(dt: datetime | None) -> datetime | None:
    """SQLite returns naive datetimes (stored as UTC): give them their offset back (RFC 3339)."""
    return dt.replace(tzinfo=timezone.utc) if dt is not None and dt.tzinfo is None else dt


def _to_out(lead: Lead, contact: Contact, branch: str | None, owner: str | None) -> LeadOut:
    return LeadOut(
        id=lead.id, title=lead.title, stage=lead.stage, status=lead.status, source=lead.source,
        value=lead.value, currency=lead.currency, created_at=_utc(lead.created_at), closed_at=_utc(lead.closed_at),
        branch=branch, owner=owner, contact_id=contact.id, contact_name=contact.full_name,
        company=contact.company,
    )


@router.get("", response_model=LeadPage)
def list_leads(
    principal: PrincipalDep,
    session: SessionDep,
    q: Annotated[str | None, Query(max_length=200, description="name, company or title")] = None,
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
    page_size: Annotated[int, Query(ge=1, le=100)] = 20,
) -> LeadPage:
    stmt = _lead_rows().where(lead_visibility(principal))
    if q and q.strip():
        like = f"%{_escape_like(q.strip())}%"
        full_name = Contact.first_name + " " + Contact.last_name
        stmt = stmt.where(or_(
            Contact.first_name.ilike(like, escape="\\"), Contact.last_name.ilike(like, escape="\\"),
            full_name.ilike(like, escape="\\"), Contact.name_alt.ilike(like, escape="\\"),
            Contact.company.ilike(like, escape="\\"), Lead.title.ilike(like, escape="\\"),
        ))
    total = session.scalar(select(func.count()).select_from(stmt.order_by(None).subquery())) or 0
    rows = session.execute(
        stmt.order_by(Lead.created_at.desc(), Lead.id.desc()).limit(page_size).offset((page - 1) * page_size)
    ).all()
    return LeadPage(items=[_to_out(*r) for r in rows], page=page, page_size=page_size, total=total)


@router.get("/{lead_id}", response_model=LeadOut)
def get_lead(lead_id: LeadId, principal: PrincipalDep, session: SessionDep) -> LeadOut:
    row = session.execute(_lead_rows().where(Lead.id == lead_id, lead_visibility(principal))).first()
    if row is None:
        raise NotFound("No such lead.")
    return _to_out(*row)


def _escape_like(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")

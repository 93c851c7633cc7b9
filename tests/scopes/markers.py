"""A small synthetic CRM whose every value is a distinctive marker, for leak properties.

Markers ("mk" + record + field) let a test say exactly which field, row or data class a piece
of text came from. Invented values only; no real people.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from decimal import Decimal

from connectors.crm.db import make_engine, make_session_factory, system_session
from connectors.crm.models import Activity, Branch, Contact, Lead, Tenant, User
from connectors.crm.schema import metadata

CONTACT_MARKED = ("first_name", "last_name", "name_alt", "company", "email", "phone", "national_id",
                  "address", "city", "health_conditions", "medications", "allergies")


def contact_marker(cid: int, col: str) -> str:
    return f"mkc{cid}{col.replace('_', '')}x"


def lead_marker(lid: int) -> str:
    return f"mkl{lid}titlex"


def body_marker(aid: int) -> str:
    return f"mka{aid}bodyx"


def user_marker(uid: int) -> str:
    return f"mku{uid}namex"


@dataclass
class MarkerCrm:
    factory: object
    tenant_id: int
    other_tenant_id: int
    branches: list[int]
    users: dict[str, tuple[int, str, int | None]]  # key → (id, role, branch id)
    leads: dict[int, tuple[int, int, int]]  # lead id → (contact id, branch id, owner id)
    activities: dict[int, tuple[int, str]]  # activity id → (lead id, body class)
    other_leads: list[int] = field(default_factory=list)


def build_marker_crm(url: str) -> MarkerCrm:
    engine = make_engine(url)
    metadata.create_all(engine)
    factory = make_session_factory(engine)
    now = datetime(2026, 11, 1, 9, 0, tzinfo=timezone.utc)
    users: dict[str, tuple[int, str, int | None]] = {}
    leads: dict[int, tuple[int, int, int]] = {}
    activities: dict[int, tuple[int, str]] = {}
    other_leads: list[int] = []
    with system_session(factory) as s:
        tenant_ids = []
        for slug in ("mk-clinic", "mk-other"):
            t = Tenant(slug=slug, name=slug, kind="clinic")
            s.add(t)
            s.flush()
            tenant_ids.append(t.id)
            branches = []
            for i in range(3):
                b = Branch(tenant_id=t.id, name=f"Branch {i}", city="Town", country="EE")
                s.add(b)
                s.flush()
                branches.append(b.id)
            tenant_users = []
            for key, role, bi in (("rep1", "sales_rep", 0), ("rep2", "sales_rep", 0), ("rep3", "sales_rep", 1),
                                  ("mgr1", "manager", 0), ("mgr2", "manager", 1), ("admin", "admin", None)):
                u = User(tenant_id=t.id, email=f"{key}@{slug}.example", full_name="pending", role=role,
                         branch_id=branches[bi] if bi is not None else None)
                s.add(u)
                s.flush()
                u.full_name = user_marker(u.id)
                tenant_users.append(u)
                if t.id == tenant_ids[0]:
                    users[key] = (u.id, role, u.branch_id)
            reps = [u for u in tenant_users if u.role == "sales_rep"]
            for n in range(6):
                branch = branches[n % 3]
                c = Contact(tenant_id=t.id, branch_id=branch, first_name="x", last_name="x", country="EE")
                s.add(c)
                s.flush()
                for col in CONTACT_MARKED:
                    setattr(c, col, contact_marker(c.id, col))
                owner = reps[n % len(reps)]
                lead = Lead(tenant_id=t.id, contact_id=c.id, branch_id=branch, owner_id=owner.id, title="x",
                            source="web", stage="new", value=Decimal("1000"), currency="EUR",
                            created_at=now - timedelta(days=n))
                s.add(lead)
                s.flush()
                lead.title = lead_marker(lead.id)
                if t.id == tenant_ids[0]:
                    leads[lead.id] = (c.id, branch, owner.id)
                else:
                    other_leads.append(lead.id)
                for k, cls in enumerate(("personal", "special", "personal")):
                    a = Activity(tenant_id=t.id, lead_id=lead.id, contact_id=c.id, author_id=owner.id,
                                 kind="note", body="x", body_class=cls, language="en",
                                 occurred_at=now - timedelta(hours=k))
                    s.add(a)
                    s.flush()
                    a.body = body_marker(a.id)
                    if t.id == tenant_ids[0]:
                        activities[a.id] = (lead.id, cls)
    with system_session(factory) as s:
        branch_ids = list(s.scalars(Branch.__table__.select().with_only_columns(Branch.id)
                                    .where(Branch.tenant_id == tenant_ids[0]).order_by(Branch.id)))
    return MarkerCrm(factory=factory, tenant_id=tenant_ids[0], other_tenant_id=tenant_ids[1], branches=branch_ids,
                     users=users, leads=leads, activities=activities, other_leads=other_leads)

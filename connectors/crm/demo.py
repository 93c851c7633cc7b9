"""Demo tenants: a sales company (`demo-sales`) and a dental clinic (`demo-clinic`).

`seed_demo` is deterministic from its seed (own `random.Random`, Faker seeded per locale, a
fixed reference "now"), inserts in bulk, and is idempotent: a tenant whose slug already
exists is left untouched. Row generation lives in `demo_build.py`, people and identifiers
in `demo_people.py`, note templates in `demo_text.py`.
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import func, insert, select, text
from sqlalchemy.orm import Session, sessionmaker

from connectors.crm.db import system_session, tenant_session
from connectors.crm.demo_build import (
    REFERENCE_NOW,
    BranchSpec,
    TenantBuilder,
    TenantRows,
    TenantSpec,
)
from connectors.crm.models import (
    CRM_MODELS,
    Activity,
    Branch,
    Contact,
    Lead,
    Tenant,
    Transaction,
    User,
    Wallet,
)

log = logging.getLogger(__name__)

DEFAULT_SEED = 20261127
__all__ = ["DEFAULT_SEED", "REFERENCE_NOW", "DEMO_TENANTS", "DemoLogin", "DemoSummary",
           "TenantSummary", "seed_demo", "demo_logins", "database_checksum"]

_GULF_KINDS = (("whatsapp", 0.3), ("call", 0.3), ("meeting", 0.15), ("email", 0.15), ("note", 0.1))
_CLINIC_KINDS = (("call", 0.35), ("whatsapp", 0.3), ("email", 0.15), ("meeting", 0.2))
DEMO_TENANTS = (
    TenantSpec(
        slug="demo-sales", name="Sahara Crest Trading", kind="sales", timezone="Asia/Riyadh",
        contacts=1500, leads=2400,
        companies=("Gulf Horizon", "Najd Foods", "Al Majd Logistics", "Emirates Star Retail",
                   "Creekside Cafes", "Baltic Amber OÜ", "Nordic Crane AS", "Desert Pearl Hotels"),
        branches=(
            BranchSpec("Riyadh", "Riyadh", "SA", "SAR", "riyadh", reps=4, share=0.42, win_rate=0.40,
                       kinds=_GULF_KINDS, sources=(("referral", 3), ("walk_in", 2), ("phone", 2),
                                                   ("website", 2), ("campaign", 1), ("social", 1), ("partner", 1))),
            BranchSpec("Dubai", "Dubai", "AE", "AED", "dubai", reps=4, share=0.36, win_rate=0.33,
                       kinds=_GULF_KINDS, sources=(("social", 3), ("website", 3), ("referral", 2),
                                                   ("campaign", 2), ("partner", 1), ("walk_in", 1), ("phone", 1))),
            BranchSpec("Tallinn", "Tallinn", "EE", "EUR", "tallinn", reps=3, share=0.22, win_rate=0.28,
                       kinds=(("email", 0.4), ("call", 0.25), ("meeting", 0.15), ("note", 0.15), ("whatsapp", 0.05)),
                       sources=(("website", 4), ("partner", 2), ("campaign", 2), ("referral", 1), ("phone", 1))),
        ),
    ),
    TenantSpec(
        slug="demo-clinic", name="Pearl Smile Dental Clinic", kind="clinic", timezone="Asia/Dubai",
        contacts=600, leads=450,
        branches=(
            BranchSpec("Jumeirah", "Dubai", "AE", "AED", "dubai", reps=3, share=0.55, win_rate=0.55,
                       kinds=_CLINIC_KINDS, sources=(("walk_in", 3), ("referral", 3), ("social", 2),
                                                     ("website", 2), ("campaign", 1), ("phone", 2))),
            BranchSpec("Al Barsha", "Dubai", "AE", "AED", "dubai", reps=3, share=0.45, win_rate=0.5,
                       kinds=_CLINIC_KINDS, sources=(("walk_in", 2), ("referral", 2), ("social", 3),
                                                     ("website", 2), ("campaign", 2), ("phone", 1))),
        ),
    ),
)


@dataclass(frozen=True, slots=True)
class DemoLogin:
    tenant: str  # slug
    email: str
    role: str
    branch: str | None
    full_name: str


@dataclass(frozen=True, slots=True)
class TenantSummary:
    slug: str
    name: str
    kind: str
    tenant_id: int
    created: bool  # False when the tenant already existed and was left unchanged
    counts: Mapping[str, int]


@dataclass(frozen=True, slots=True)
class DemoSummary:
    tenants: tuple[TenantSummary, ...]
    logins: tuple[DemoLogin, ...]
    seconds: float

    @property
    def created(self) -> bool:
        return any(t.created for t in self.tenants)

    def total(self, entity: str) -> int:
        return sum(t.counts.get(entity, 0) for t in self.tenants)


def seed_demo(factory: sessionmaker[Session], *, seed: int = DEFAULT_SEED, scale: float = 1.0) -> DemoSummary:
    """Create the demo tenants that do not exist yet; existing ones are left as they are."""
    if scale <= 0:
        raise ValueError("scale must be positive")
    started = time.perf_counter()
    created: dict[str, bool] = {}
    for spec in DEMO_TENANTS:
        with system_session(factory) as s:
            exists = s.scalar(select(Tenant.id).where(Tenant.slug == spec.slug)) is not None
        created[spec.slug] = not exists
        if exists:
            log.info("demo tenant exists, unchanged", extra={"tenant": spec.slug})
            continue
        t0 = time.perf_counter()
        rows = TenantBuilder(spec, seed=seed, scale=scale).build()
        t1 = time.perf_counter()
        with system_session(factory) as s:  # one transaction per tenant: all or nothing
            _insert(s, rows)
        log.info("demo tenant seeded", extra={"tenant": spec.slug, "generate_s": round(t1 - t0, 2),
                                               "insert_s": round(time.perf_counter() - t1, 2),
                                               "activities": len(rows.activities)})
    tenants = tuple(_tenant_summary(factory, spec, created[spec.slug]) for spec in DEMO_TENANTS)
    return DemoSummary(tenants=tenants, logins=tuple(demo_logins(factory)),
                       seconds=round(time.perf_counter() - started, 3))


def _bulk(s: Session, model, rows: list[dict], *, ids: bool = True) -> list[int]:
    if not rows:
        return []
    if not ids:
        s.execute(insert(model), rows)
        return []
    stmt = insert(model).returning(model.id, sort_by_parameter_order=True)
    return list(s.scalars(stmt, rows))


def _insert(s: Session, rows: TenantRows) -> None:
    tenant_id = s.scalar(insert(Tenant).returning(Tenant.id), [rows.tenant])
    if s.get_bind().dialect.name == "postgresql":
        # Same transaction as the tenant row, so the row-level security policies admit the inserts.
        s.execute(text("SELECT set_config('app.tenant_id', :t, true)"), {"t": str(int(tenant_id))})
    strip = lambda r: {k: v for k, v in r.items() if not k.startswith("_")}  # noqa: E731
    branch_ids = _bulk(s, Branch, [dict(r, tenant_id=tenant_id) for r in rows.branches])
    ref = lambda ids, i: None if i is None else ids[i]  # noqa: E731
    user_ids = _bulk(s, User, [dict(strip(r), tenant_id=tenant_id, branch_id=ref(branch_ids, r["_branch"]))
                               for r in rows.users])
    contact_ids = _bulk(s, Contact, [dict(strip(r), tenant_id=tenant_id, branch_id=branch_ids[r["_branch"]])
                                     for r in rows.contacts])
    lead_ids = _bulk(s, Lead, [dict(strip(r), tenant_id=tenant_id, contact_id=contact_ids[r["_contact"]],
                                    branch_id=branch_ids[r["_branch"]], owner_id=user_ids[r["_owner"]])
                               for r in rows.leads])
    _bulk(s, Activity, [dict(strip(r), tenant_id=tenant_id, lead_id=ref(lead_ids, r["_lead"]),
                             contact_id=contact_ids[r["_contact"]], author_id=user_ids[r["_author"]])
                        for r in rows.activities], ids=False)
    wallet_ids = _bulk(s, Wallet, [dict(strip(r), tenant_id=tenant_id, contact_id=contact_ids[r["_contact"]])
                                   for r in rows.wallets])
    _bulk(s, Transaction, [dict(strip(r), tenant_id=tenant_id, wallet_id=wallet_ids[r["_wallet"]])
                           for r in rows.transactions], ids=False)


_COUNTED = {"branches": Branch, "users": User, "contacts": Contact, "leads": Lead,
            "activities": Activity, "wallets": Wallet, "transactions": Transaction}


def _tenant_summary(factory: sessionmaker[Session], spec: TenantSpec, created: bool) -> TenantSummary:
    with system_session(factory) as s:
        tenant = s.scalars(select(Tenant).where(Tenant.slug == spec.slug)).one()
    with tenant_session(factory, tenant.id) as s:
        counts = {name: s.scalar(select(func.count()).select_from(m)) or 0 for name, m in _COUNTED.items()}
    return TenantSummary(slug=tenant.slug, name=tenant.name, kind=tenant.kind, tenant_id=tenant.id,
                         created=created, counts=counts)


def demo_logins(factory: sessionmaker[Session]) -> list[DemoLogin]:
    """The users of the demo tenants, read back from the database (admin, managers, reps)."""
    out: list[DemoLogin] = []
    order = {"admin": 0, "manager": 1, "sales_rep": 2}
    for spec in DEMO_TENANTS:
        with system_session(factory) as s:
            tenant_id = s.scalar(select(Tenant.id).where(Tenant.slug == spec.slug))
        if tenant_id is None:
            continue
        with tenant_session(factory, tenant_id) as s:
            rows = s.execute(select(User.email, User.role, Branch.name, User.full_name)
                             .outerjoin(Branch, Branch.id == User.branch_id).order_by(User.id)).all()
        logins = [DemoLogin(spec.slug, email, role, branch, name) for email, role, branch, name in rows]
        out.extend(sorted(logins, key=lambda d: (order.get(d.role, 9), d.branch or "", d.email)))
    return out


def database_checksum(factory: sessionmaker[Session], *, tenant_slugs: tuple[str, ...] | None = None) -> str:
    """sha256 over every CRM row (all tables, ordered by id); for determinism/idempotency checks.

    Reads through a system session: on PostgreSQL run it as the table owner (RLS hides rows otherwise).
    """
    digest = hashlib.sha256()
    with system_session(factory) as s:
        tenant_ids = None
        if tenant_slugs is not None:
            tenant_ids = list(s.scalars(select(Tenant.id).where(Tenant.slug.in_(tenant_slugs))))
        for model in CRM_MODELS:
            stmt = select(*model.__table__.columns).order_by(model.__table__.c.id)
            if tenant_ids is not None:
                key = model.__table__.c.id if model is Tenant else model.__table__.c.tenant_id
                stmt = stmt.where(key.in_(tenant_ids))
            digest.update(model.__tablename__.encode())
            for row in s.execute(stmt):
                digest.update(repr(tuple(row)).encode())
    return digest.hexdigest()

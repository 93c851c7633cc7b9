"""No stored audit column holds a personal value of the demo data (nor does any other AI-layer table).

Seeds the demo tenants, runs guarded requests through the app with the fake model (summaries as the
lead owners, refusals, admin reads and exports, a data-subject access), then greps every column of
every table that is not a CRM table for every personal value of every contact and user.
"""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from connectors.crm.models import CRM_MODELS, Activity, Contact, Lead, Tenant, User
from connectors.crm.schema import metadata
from tests.audit.conftest import guard
from tests.fixtures import make_settings

CRM_TABLES = {m.__tablename__ for m in CRM_MODELS}
HEX_RUN = re.compile(r"[0-9a-f]{16,}")
CONTACT_COLS = ("first_name", "last_name", "name_alt", "email", "phone", "national_id", "address", "date_of_birth",
                "health_conditions", "medications", "allergies")


@pytest.fixture
def demo_app(tmp_path):
    from assistant.api.app import create_app
    from assistant.services import build_services
    from connectors.crm.db import make_engine, make_session_factory
    from connectors.crm.demo import seed_demo

    url = f"sqlite:///{tmp_path / 'demo.sqlite3'}"
    engine = make_engine(url)
    metadata.create_all(engine)
    factory = make_session_factory(engine)
    seed_demo(factory, scale=0.05)
    settings = make_settings(tmp_path, database_url=url)
    services = build_services(settings)
    guard(services, settings)
    with TestClient(create_app(settings, services=services)) as client:
        yield client, factory, settings


def _token(settings, factory, slug: str, user_id: int) -> dict[str, str]:
    from assistant.auth import issue_token

    with factory() as s:
        user = s.get(User, user_id)
        s.expunge(user)
    return {"Authorization": f"Bearer {issue_token(settings=settings, tenant_slug=slug, user=user)}"}


def _personal_values(factory) -> set[str]:
    values: set[str] = set()
    with factory() as s:
        for c in s.scalars(select(Contact)):
            for col in CONTACT_COLS:
                for part in str(getattr(c, col) or "").split(";"):
                    values.add(part.strip())
            values.add(c.full_name)
        for u in s.scalars(select(User)):
            values |= {u.full_name, u.email}
        values |= set(s.scalars(select(Activity.body)))
    # Very short values (initials, "Ali") would match inside ordinary words; names here are longer.
    return {v for v in values if len(v) >= 4}


def test_no_stored_audit_column_holds_personal_data(demo_app):
    client, factory, settings = demo_app
    with factory() as s:
        tenants = {t.slug: t.id for t in s.scalars(select(Tenant))}
        runs = []
        for slug, tid in tenants.items():
            leads = s.execute(select(Lead.id, Lead.owner_id).where(Lead.tenant_id == tid, Lead.owner_id.is_not(None))
                              .order_by(Lead.id).limit(3)).all()
            admin = s.scalar(select(User.id).where(User.tenant_id == tid, User.role == "admin"))
            contact = s.scalar(select(Lead.contact_id).where(Lead.id == leads[0].id))
            runs.append((slug, leads, admin, contact))
    ok = 0
    for slug, leads, admin, contact in runs:
        for lead_id, owner in leads:
            r = client.post(f"/v1/leads/{lead_id}/summary", headers=_token(settings, factory, slug, owner))
            ok += r.status_code == 200
        h = _token(settings, factory, slug, admin)
        assert client.post("/v1/leads/99999999/summary", headers=h).status_code == 404  # refused: not found
        assert client.get(f"/v1/admin/subjects/{contact}", headers=h).status_code == 200
        assert client.get("/v1/admin/audit/export?format=csv", headers=h).status_code == 200
        assert client.get(f"/v1/admin/access-report?contact_id={contact}", headers=h).status_code == 200
    assert ok >= 4

    values = _personal_values(factory)
    hits, cells = _scan(factory, values)
    assert cells > 500
    assert hits == []
    # Control: the scan does see a value that reaches an audit column.
    from guardrails.audit import AuditEvent, SqlAuditSink

    leaked = sorted(values)[0]
    SqlAuditSink(factory).write(AuditEvent(tenant_id=tenants["demo-sales"],
                                           capability="chat", outcome="error", reason=leaked))
    assert "audit_records.payload" in _scan(factory, {leaked})[0]


def _scan(factory, values: set[str]) -> tuple[list[str], int]:
    hits, cells = [], 0
    with factory() as s:
        for table in metadata.sorted_tables:
            if table.name in CRM_TABLES:
                continue
            for row in s.execute(select(table)).mappings():
                for col, cell in row.items():
                    if cell is None or isinstance(cell, bytes):  # bytes: vault ciphertext (AES-GCM)
                        continue
                    text = HEX_RUN.sub(" ", str(cell))
                    cells += 1
                    hits += [f"{table.name}.{col}" for v in values if v in text]
    return hits, cells

"""Shared fixtures: a small hand-built CRM of two tenants, settings, the app with a fake model."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path
import os
import uuid

import pytest
from faker import Faker

from assistant.settings import Settings
from connectors.crm.db import make_engine, make_session_factory, system_session
from connectors.crm.models import Activity, Branch, Contact, Lead, Tenant, User
from connectors.crm.schema import metadata


@dataclass
class TinyCrm:
    """Ids of a two-tenant CRM whose people share a name across tenants (isolation tests)."""

    url: str
    factory: object
    tenants: dict[str, int]
    users: dict[str, int]  # "a:rep" → id
    leads: dict[str, int]  # "a:rep_lead", "a:other_lead", "b:lead"
    contacts: dict[str, Contact]
    branches: dict[str, int]


def make_settings(tmp: Path, **over) -> Settings:
    base = dict(environment="test", data_dir=tmp, database_url=f"sqlite:///{tmp / 'lua.sqlite3'}",
                llm_provider="fake", max_body_bytes=65_536, index_interval_minutes=0)
    base.update(over)
    return Settings(**base)


def build_tiny_crm(url: str) -> TinyCrm:
    engine = make_engine(url)
    metadata.create_all(engine)
    factory = make_session_factory(engine)
    fake = Faker("en_GB")
    fake.seed_instance(7)
    now = datetime(2026, 11, 1, 9, 0, tzinfo=timezone.utc)
    tenants, users, leads, contacts, branches = {}, {}, {}, {}, {}
    with system_session(factory) as s:
        for key, slug in (("a", "tenant-a"), ("b", "tenant-b")):
            t = Tenant(slug=slug, name=f"Tenant {key.upper()}", kind="sales")
            s.add(t)
            s.flush()
            tenants[key] = t.id
            b1 = Branch(tenant_id=t.id, name="Riyadh", city="Riyadh", country="SA", currency="SAR")
            b2 = Branch(tenant_id=t.id, name="Tallinn", city="Tallinn", country="EE", currency="EUR")
            s.add_all([b1, b2])
            s.flush()
            branches[f"{key}:riyadh"], branches[f"{key}:tallinn"] = b1.id, b2.id
            for role, branch in (("rep", b1), ("rep2", b1), ("manager", b1), ("admin", None),
                                 ("rep_tallinn", b2)):
                u = User(tenant_id=t.id, email=f"{role}@{slug}.example", full_name=fake.name(),
                         role={"rep": "sales_rep", "rep2": "sales_rep", "rep_tallinn": "sales_rep"}.get(role, role),
                         branch_id=branch.id if branch else None)
                s.add(u)
                s.flush()
                users[f"{key}:{role}"] = u.id
            # The same customer name in both tenants, on purpose.
            c = Contact(tenant_id=t.id, branch_id=b1.id, first_name="Layla", last_name="Haddad",
                        name_alt="ليلى حداد", company="Gulf Horizon Trading",
                        email=f"layla.haddad@{key}-mail.example", phone="+966 50 123 4567",
                        national_id="1012345674", address="12 King Fahd Road, Riyadh", city="Riyadh",
                        country="SA", preferred_language="en")
            c2 = Contact(tenant_id=t.id, branch_id=b2.id, first_name=fake.first_name(),
                         last_name=fake.last_name(), email=fake.email(), phone="+372 5123 4567",
                         city="Tallinn", country="EE")
            s.add_all([c, c2])
            s.flush()
            contacts[key], contacts[f"{key}:2"] = c, c2
            l1 = Lead(tenant_id=t.id, contact_id=c.id, branch_id=b1.id, owner_id=users[f"{key}:rep"],
                      title="Fleet software renewal", source="referral", stage="proposal",
                      value=Decimal("48000.00"), currency="SAR", created_at=now - timedelta(days=40))
            l2 = Lead(tenant_id=t.id, contact_id=c.id, branch_id=b1.id, owner_id=users[f"{key}:rep2"],
                      title="Warehouse sensors", source="website", stage="new", value=Decimal("9000"),
                      currency="SAR", created_at=now - timedelta(days=5))
            l3 = Lead(tenant_id=t.id, contact_id=c2.id, branch_id=b2.id, owner_id=users[f"{key}:rep_tallinn"],
                      title="Clinic CRM pilot", source="partner", stage="qualified", value=Decimal("12000"),
                      currency="EUR", created_at=now - timedelta(days=12))
            s.add_all([l1, l2, l3])
            s.flush()
            leads[f"{key}:rep_lead"], leads[f"{key}:other_lead"], leads[f"{key}:tallinn_lead"] = l1.id, l2.id, l3.id
            s.add_all([
                Activity(tenant_id=t.id, lead_id=l1.id, contact_id=c.id, author_id=users[f"{key}:rep"],
                         kind="call", language="en", occurred_at=now - timedelta(days=3),
                         body="Called Layla Haddad on +966 50 123 4567 about the renewal; she wants a 10% "
                              "discount and asked us to email layla.haddad@" + key + "-mail.example."),
                Activity(tenant_id=t.id, lead_id=l1.id, contact_id=c.id, author_id=users[f"{key}:rep"],
                         kind="whatsapp", language="ar", occurred_at=now - timedelta(days=1),
                         body="تواصلت مع ليلى حداد بخصوص العرض، طلبت اجتماعاً يوم الأحد على الرقم ٠٥٠١٢٣٤٥٦٧"),
            ])
    return TinyCrm(url=url, factory=factory, tenants=tenants, users=users, leads=leads,
                   contacts=contacts, branches=branches)


@pytest.fixture
def tiny_crm(tmp_path: Path) -> TinyCrm:
    return build_tiny_crm(f"sqlite:///{tmp_path / 'lua.sqlite3'}")


PG_URL = os.environ.get("LUA_TEST_PG_URL", "")


@pytest.fixture
def pg_schema_url():
    """A PostgreSQL URL whose search_path is a fresh schema, dropped afterwards."""
    if not PG_URL:
        if os.environ.get("CI"):
            pytest.fail("LUA_TEST_PG_URL must be set in CI (.ci/run sets it)")
        pytest.skip("LUA_TEST_PG_URL not set")
    from sqlalchemy import create_engine, text

    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    sep = "&" if "?" in PG_URL else "?"
    yield f"{PG_URL}{sep}options=-csearch_path%3D{schema}", schema
    with admin.connect() as conn:
        conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


@pytest.fixture(params=["sqlite", "postgres"])
def crm_db(request, tmp_path: Path) -> TinyCrm:
    """The tiny CRM on SQLite and on PostgreSQL: data-layer tests run on both."""
    if request.param == "sqlite":
        return build_tiny_crm(f"sqlite:///{tmp_path / 'lua.sqlite3'}")
    url, _schema = request.getfixturevalue("pg_schema_url")
    return build_tiny_crm(url)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return make_settings(tmp_path)


def token_for(crm: TinyCrm, settings: Settings, who: str, **kw) -> str:
    """A bearer token for user `who` ("a:rep", "b:admin", ...) of the tiny CRM."""
    from assistant.auth import issue_token

    tenant_key = who.split(":")[0]
    with crm.factory() as s:
        user = s.get(User, crm.users[who])
        s.expunge(user)
    slug = "tenant-a" if tenant_key == "a" else "tenant-b"
    return issue_token(settings=settings, tenant_slug=slug, user=user, **kw)


def summary_reply(request) -> str:
    """A fake model's lead summary: JSON that reuses the first placeholder and activity id it was sent."""
    import json
    import re

    text = request.text
    person = re.search(r"<PERSON_\d+>", text)
    ids = [int(i) for i in re.findall(r"\[A(\d+)\]", text)]
    who = person.group(0) if person else "The customer"
    return json.dumps({
        "needs": [{"text": f"{who} wants a discount on the renewal.", "activity_ids": ids[:1]}],
        "blockers": [{"text": "Price is the main objection.", "activity_ids": ids[:1]}],
        "next_step": {"text": f"Email {who} the revised offer.", "activity_ids": ids[-1:]},
        "sentiment": "positive",
    })


@pytest.fixture
def fake_model():
    from connectors.llm.fake import FakeChatModel

    return FakeChatModel(script=[summary_reply], repeat_last=True)


@pytest.fixture
def app_client(tiny_crm, tmp_path, fake_model):
    """The real app over the tiny CRM, real redactor, the fake model provider.

    Yields (client, crm, settings, services); `services.fake_model.requests` holds what the model got.
    """
    from fastapi.testclient import TestClient

    from assistant.api.app import create_app
    from assistant.llm_factory import build_egress_guard
    from assistant.services import build_services

    settings = make_settings(tmp_path, database_url=tiny_crm.url)
    services = build_services(settings)
    services.redactor_factory = shared_redactor
    services.egress_factory = lambda: build_egress_guard(settings, models={"fake": fake_model})
    services.fake_model = fake_model  # type: ignore[attr-defined]
    app = create_app(settings, services=services)
    with TestClient(app) as client:
        yield client, tiny_crm, settings, services


_REDACTOR = None


def shared_redactor():
    """One real Redactor for the whole test session (its NLP models load once)."""
    global _REDACTOR
    if _REDACTOR is None:
        from guardrails.redaction import Redactor

        _REDACTOR = Redactor()
    return _REDACTOR

"""Demo data: deterministic, idempotent, every role, bilingual notes, valid identifiers, clinic health data."""

from __future__ import annotations

import re
import time

import phonenumbers
import pytest
from sqlalchemy import func, select
from stdnum import iban as std_iban
from stdnum import luhn
from stdnum.ee import ik

import connectors.crm.models  # noqa: F401  (registers the tables)
from connectors.crm.base import Base
from connectors.crm.db import make_engine, make_session_factory, system_session, tenant_session
from connectors.crm.demo import DEMO_TENANTS, database_checksum, demo_logins, seed_demo
from connectors.crm.models import ROLES, Activity, Contact, Lead, Tenant, Transaction, User, Wallet

SMALL = 0.05
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789")


def _factory(path):
    engine = make_engine(f"sqlite:///{path}")
    Base.metadata.create_all(engine)
    return make_session_factory(engine)


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    factory = _factory(tmp_path_factory.mktemp("demo") / "demo.sqlite3")
    summary = seed_demo(factory, scale=SMALL)
    return factory, summary


def _tenant_id(factory, slug):
    with system_session(factory) as s:
        return s.scalar(select(Tenant.id).where(Tenant.slug == slug))


def _activities(factory, slug):
    with tenant_session(factory, _tenant_id(factory, slug)) as s:
        return list(s.scalars(select(Activity)))


def test_same_seed_same_rows_other_seed_other_rows(small, tmp_path):
    factory, _ = small
    again = _factory(tmp_path / "again.sqlite3")
    seed_demo(again, scale=SMALL)
    assert database_checksum(again) == database_checksum(factory)
    other = _factory(tmp_path / "other.sqlite3")
    seed_demo(other, seed=1, scale=SMALL)
    assert database_checksum(other) != database_checksum(factory)


def test_second_run_changes_nothing(small):
    factory, first = small
    before = database_checksum(factory)
    second = seed_demo(factory, scale=SMALL)
    assert database_checksum(factory) == before
    assert not second.created and first.created
    assert [t.counts for t in second.tenants] == [t.counts for t in first.tenants]


def test_every_role_in_every_tenant_with_deterministic_example_emails(small):
    factory, summary = small
    logins = demo_logins(factory)
    assert logins == list(summary.logins)
    for spec in DEMO_TENANTS:
        mine = [d for d in logins if d.tenant == spec.slug]
        assert {d.role for d in mine} == set(ROLES)
        assert all(d.email.endswith(f"@{spec.slug}.example") for d in mine)
        for b in spec.branches:
            in_branch = [d for d in mine if d.branch == b.name]
            assert sum(d.role == "manager" for d in in_branch) == 1
            assert sum(d.role == "sales_rep" for d in in_branch) >= 3
    emails = {d.email for d in logins}
    assert {"admin@demo-sales.example", "rep1.riyadh@demo-sales.example",
            "manager.dubai@demo-sales.example", "rep1.tallinn@demo-sales.example"} <= emails


def test_notes_are_bilingual_and_mention_people(small):
    factory, _ = small
    acts = _activities(factory, "demo-sales")
    langs = {a.language for a in acts}
    assert langs == {"en", "ar", "mixed"}
    arabic = [a for a in acts if a.language == "ar"]
    assert all(re.search(r"[\u0600-\u06FF]", a.body) for a in arabic)
    assert {a.kind for a in acts} == {"call", "email", "meeting", "whatsapp", "note"}
    assert any(re.search(r"(السيد|السيدة|الأستاذ|د\.)\s", a.body) for a in arabic)
    assert sum("@" in a.body for a in acts) > len(acts) / 10


def test_identifiers_in_notes_are_valid(small):
    factory, _ = small
    text = "\n".join(a.body for slug in ("demo-sales", "demo-clinic") for a in _activities(factory, slug))
    text = text.translate(_DIGITS)
    ibans = re.findall(r"\b(?:SA|AE|EE|DE)\d{2}(?: ?[0-9A-Z]{4}){3,5}(?: ?[0-9A-Z]{1,4})?\b", text)
    assert ibans and all(std_iban.is_valid(i) for i in ibans)
    eids = re.findall(r"\b784-\d{4}-\d{7}-\d\b", text)
    assert eids and all(luhn.is_valid(e.replace("-", "")) for e in eids)
    saudi = re.findall(r"(?<![\d+])[12]\d{9}(?!\d)", text)
    assert saudi and all(luhn.is_valid(n) for n in saudi)
    e164 = re.findall(r"\+(?:966|971|372)\d{7,9}\b", text)
    assert e164 and all(phonenumbers.is_valid_number(phonenumbers.parse(p)) for p in e164)
    local = re.findall(r"\b05\d \d{3} \d{4}\b", text)
    assert local


def test_contact_identifiers_are_valid(small):
    factory, _ = small
    for slug in ("demo-sales", "demo-clinic"):
        with tenant_session(factory, _tenant_id(factory, slug)) as s:
            contacts = list(s.scalars(select(Contact)))
            wallets = list(s.scalars(select(Wallet)))
        for c in contacts:
            assert phonenumbers.is_valid_number(phonenumbers.parse(c.phone))
            if c.national_id and c.country == "EE":
                assert ik.is_valid(c.national_id)
            elif c.national_id:
                assert luhn.is_valid(c.national_id.replace("-", ""))
        assert wallets and all(std_iban.is_valid(w.iban) for w in wallets)
        assert any(c.name_alt for c in contacts)


def test_clinic_has_special_category_data_and_sales_has_none(small):
    factory, _ = small
    with tenant_session(factory, _tenant_id(factory, "demo-clinic")) as s:
        patients = list(s.scalars(select(Contact)))
    assert patients and all(p.health_conditions and p.medications and p.allergies for p in patients)
    acts = _activities(factory, "demo-clinic")
    classes = {a.body_class for a in acts}
    assert classes == {"special", "personal"}
    with tenant_session(factory, _tenant_id(factory, "demo-sales")) as s:
        assert not s.scalar(select(func.count()).select_from(Contact).where(Contact.health_conditions.is_not(None)))
        assert not s.scalar(select(func.count()).select_from(Activity).where(Activity.body_class == "special"))


def test_first_names_shared_across_tenants(small):
    factory, _ = small
    names = {}
    for slug in ("demo-sales", "demo-clinic"):
        with tenant_session(factory, _tenant_id(factory, slug)) as s:
            names[slug] = set(s.scalars(select(Contact.first_name)))
    assert names["demo-sales"] & names["demo-clinic"]


def test_leads_have_consistent_stages_and_dates(small):
    factory, _ = small
    with tenant_session(factory, _tenant_id(factory, "demo-sales")) as s:
        leads = list(s.scalars(select(Lead)))
    assert {lead.status for lead in leads} == {"open", "won", "lost"}
    for lead in leads:
        assert (lead.stage in ("won", "lost")) == (lead.status != "open") == (lead.closed_at is not None)
        if lead.closed_at:
            assert lead.closed_at >= lead.created_at


@pytest.mark.slow
def test_full_scale_counts_speed_and_idempotency(tmp_path):
    factory = _factory(tmp_path / "full.sqlite3")
    started = time.perf_counter()
    summary = seed_demo(factory)
    assert time.perf_counter() - started < 60
    assert summary.total("leads") >= 2000
    assert summary.total("activities") >= 10_000
    assert summary.total("contacts") >= 1000 and summary.total("transactions") > 0
    before = database_checksum(factory)
    seed_demo(factory)
    assert database_checksum(factory) == before
    with system_session(factory) as s:
        assert s.scalar(select(func.count()).select_from(Lead)) == summary.total("leads")
        assert s.scalar(select(func.count()).select_from(User)) == len(summary.logins)
        assert s.scalar(select(func.count()).select_from(Transaction)) == summary.total("transactions")

"""CSV import: happy path, every bad-row kind, malformed files, all-or-nothing, tenant from the slug only."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlalchemy import func, select

import connectors.crm.models  # noqa: F401  (registers the tables)
from connectors.crm.base import Base
from connectors.crm.db import make_engine, make_session_factory, system_session, tenant_session
from connectors.crm.demo import database_checksum, seed_demo
from connectors.crm.importer import ImportFailed, import_dir
from connectors.crm.models import Activity, Contact, Lead, Tenant, Transaction, User

EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples" / "import"
SALES = "demo-sales"


@pytest.fixture(scope="module")
def seeded_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("seed") / "crm.sqlite3"
    engine = make_engine(f"sqlite:///{path}")
    Base.metadata.create_all(engine)
    seed_demo(make_session_factory(engine), scale=0.02)
    engine.dispose()  # checkpoints the WAL into the file
    return path


@pytest.fixture()
def factory(seeded_file, tmp_path):
    path = tmp_path / "crm.sqlite3"
    shutil.copyfile(seeded_file, path)
    engine = make_engine(f"sqlite:///{path}")
    yield make_session_factory(engine)
    engine.dispose()


def _tid(factory, slug=SALES):
    with system_session(factory) as s:
        return s.scalar(select(Tenant.id).where(Tenant.slug == slug))


def _write(directory: Path, files: dict[str, str | bytes]) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        data = content if isinstance(content, bytes) else content.encode("utf-8")
        (directory / name).write_bytes(data)
    return directory


def _fails(factory, directory, slug=SALES) -> list[str]:
    before = database_checksum(factory)
    with pytest.raises(ImportFailed) as exc:
        import_dir(factory, directory, tenant_slug=slug)
    assert database_checksum(factory) == before  # nothing kept
    return exc.value.errors


CONTACTS_HEAD = "external_id,first_name,last_name,email,phone,country\n"
GOOD_CONTACT = "C1,Test,Person,test.person@example.com,+966551234567,SA\n"


def test_example_set_imports(factory, tmp_path):
    report = import_dir(factory, EXAMPLES, tenant_slug=SALES)
    assert {k: v.created for k, v in report.counts.items()} == {
        "branches": 2, "users": 3, "contacts": 2, "leads": 2, "activities": 3, "wallets": 1, "transactions": 2}
    assert len(report.activity_ids) == 3
    with tenant_session(factory, _tid(factory)) as s:
        salma = s.scalars(select(Contact).where(Contact.name_alt == "Salma Al-Harbi")).one()
        assert salma.first_name == "سلمى" and salma.phone == "+966551234567"
        acts = list(s.scalars(select(Activity).where(Activity.id.in_(report.activity_ids))))
        assert all(a.contact_id for a in acts)  # taken from the lead when only the lead is given
        assert "\n" in next(a.body for a in acts if a.kind == "email")
        assert s.scalar(select(Lead.status).where(Lead.title.like("Falcon%"))) == "open"


def test_reimport_updates_natural_keys_and_ids(factory, tmp_path):
    first = import_dir(factory, EXAMPLES, tenant_slug=SALES)
    aid = first.activity_ids[0]
    d = _write(tmp_path / "upd", {
        "users.csv": "email,full_name,role,branch\nREP1.JEDDAH@example.com,Omar Al-Sayed,manager,Jeddah\n",
        "activities.csv": f"id,kind,body,occurred_at,contact_id\n{aid},note,Corrected note.,2026-02-10T09:30:00Z,"
                          f"{_contact_id(factory)}\n",
    })
    report = import_dir(factory, d, tenant_slug=SALES)
    assert report.counts["users"].updated == 1 and report.counts["users"].created == 0
    assert report.counts["activities"].updated == 1 and report.activity_ids == (aid,)
    with tenant_session(factory, _tid(factory)) as s:
        assert s.scalar(select(User.role).where(User.email == "rep1.jeddah@example.com")) == "manager"
        assert s.scalar(select(Activity.body).where(Activity.id == aid)) == "Corrected note."


def _contact_id(factory, slug=SALES) -> int:
    with tenant_session(factory, _tid(factory, slug)) as s:
        return s.scalar(select(Contact.id).order_by(Contact.id))


@pytest.mark.parametrize("row, reason", [
    ("C1,,Person,a@example.com,+966551234567,SA", "first_name: required"),
    ("C1,Test,Person,not-an-email,+966551234567,SA", "email: invalid email"),
    ("C1,Test,Person,a@example.com,12345,SA", "phone: invalid phone number"),
    ("C1,Test,Person,a@example.com,0551234567,SA", None),  # local form with a country is fine
    ("C1,Test,Person,a@example.com,+966551234567,XX", "country: unknown country code"),
    ("C1,Test,Person,a@example.com,+966551234567,SA,extra", "expected 6 columns, found 7"),
])
def test_bad_contact_rows(factory, tmp_path, row, reason):
    d = _write(tmp_path / "c", {"contacts.csv": CONTACTS_HEAD + GOOD_CONTACT.replace("C1", "C0") + row + "\n"})
    if reason is None:
        assert import_dir(factory, d, tenant_slug=SALES).counts["contacts"].created == 2
        return
    errors = _fails(factory, d)
    assert errors == [f"contacts.csv:3: {reason}"] or errors[0].startswith(f"contacts.csv:3: {reason}")
    secret = row.split(",")[3:5]
    assert not any(s and s in e for e in errors for s in secret)  # no personal values echoed


@pytest.mark.parametrize("row, reason", [
    ("L1,C1,Deal,website,won,open,100,SAR,,", "status does not match stage"),
    ("L1,C1,Deal,billboard,new,,100,SAR,,", "source: must be one of"),
    ("L1,C1,Deal,website,new,,12.345,SAR,,", "value: invalid amount (at most 2 decimal places)"),
    ("L1,C1,Deal,website,new,,-5,SAR,,", "value: amount out of range"),
    ("L1,C1,Deal,website,new,,abc,SAR,,", "value: invalid amount"),
    ("L1,C1,Deal,website,new,,100,XYZ,,", "currency: unknown currency code"),
    ("L1,C1,Deal,website,new,,100,SAR,2026-13-01,", "created_at: invalid date-time"),
    ("L1,C9,Deal,website,new,,100,SAR,,", "contact_external_id not found in contacts.csv"),
    ("L1,C1,Deal,website,new,,100,SAR,,nobody@example.com", "owner_email: unknown user"),
    ("L1,,Deal,website,new,,100,SAR,,", "contact_external_id or contact_id is required"),
])
def test_bad_lead_rows(factory, tmp_path, row, reason):
    d = _write(tmp_path / "l", {
        "contacts.csv": CONTACTS_HEAD + GOOD_CONTACT,
        "leads.csv": "external_id,contact_external_id,title,source,stage,status,value,currency,created_at,owner_email\n"
                     + row + "\n",
    })
    errors = _fails(factory, d)
    assert errors[0].startswith(f"leads.csv:2: {reason}"), errors


def test_other_bad_rows(factory, tmp_path):
    d = _write(tmp_path / "o", {
        "contacts.csv": CONTACTS_HEAD + GOOD_CONTACT + "C1,Dup,Row,,,\n",
        "wallets.csv": "external_id,contact_external_id,currency,iban\nW1,C1,SAR,SA0380000000608010167518\n",
        "transactions.csv": "wallet_external_id,kind,amount,currency,occurred_at\nW1,deposit,0,SAR,2026-01-01\n",
        "activities.csv": "kind,body,occurred_at,contact_external_id,body_class\n"
                          "note,x,2026-01-01T00:00:00Z,C1,special\nfax,x,2026-01-01T00:00:00Z,C1,\n"
                          "note,x,2026-01-01T00:00:00Z,,\n",
    })
    errors = _fails(factory, d)
    assert "contacts.csv:3: duplicate external_id (first at line 2)" in errors
    assert "wallets.csv:2: iban: invalid IBAN" in errors
    assert any(e.startswith("transactions.csv:2: amount: amount out of range") for e in errors)
    assert "activities.csv:2: health (special-category) data is only accepted for clinic tenants" in errors
    assert any(e.startswith("activities.csv:3: kind: must be one of call") for e in errors)
    assert "activities.csv:4: an activity needs a lead or a contact reference" in errors


def test_line_numbers_count_physical_lines(factory, tmp_path):
    body = 'kind,body,occurred_at,contact_id\nnote,"line one\nline two\nline three",2026-01-01T00:00:00Z,1\n' \
           "note,ok,yesterday,1\n"
    errors = _fails(factory, _write(tmp_path / "p", {"activities.csv": body}))
    assert errors[-1].startswith("activities.csv:5: occurred_at: invalid date-time")


@pytest.mark.parametrize("content, expected", [
    (b"", "contacts.csv: empty file (a header row is required)"),
    (b"   \n\n", "contacts.csv: empty file (a header row is required)"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\xff\xfe", "contacts.csv: not UTF-8 text"),
    (b"external_id,first_name\nC1,A\x00B\n", "contacts.csv:2: binary data (control characters)"),
    (b'external_id,first_name\nC1,"unterminated\n', "contacts.csv:2: malformed CSV (unterminated quoted field)"),
    (b'external_id,first_name\nC1,"a"b\n', "contacts.csv:2: malformed CSV (malformed quoting)"),
    (b"external_id,first_name,shoe_size\nC1,A,44\n", "contacts.csv:1: unknown column(s): shoe_size"),
    (b"external_id,last_name\nC1,A\n", "contacts.csv:1: missing required column(s): first_name"),
    (b"external_id,first_name,first_name\nC1,A,B\n", "contacts.csv:1: duplicate column(s): first_name"),
    (b"external_id,first_name,\nC1,A,\n", "contacts.csv:1: unknown column(s): (empty name)"),
    (b'external_id,first_name\nC1,"' + b"x" * 200_000 + b'"\n', "contacts.csv:2: malformed CSV (cell too large)"),
])
def test_malformed_files_give_clean_errors(factory, tmp_path, content, expected):
    errors = _fails(factory, _write(tmp_path / "m", {"contacts.csv": content}))
    assert errors[0].startswith(expected), errors


def test_bom_and_arabic_headers_with_spaces(factory, tmp_path):
    d = _write(tmp_path / "b", {"contacts.csv": "\ufeff External_ID , first_name ,last_name\nC1, نورة ,العتيبي\n"})
    assert import_dir(factory, d, tenant_slug=SALES).counts["contacts"].created == 1
    with tenant_session(factory, _tid(factory)) as s:
        assert s.scalar(select(func.count()).select_from(Contact).where(Contact.first_name == "نورة")) == 1


def test_bad_last_row_keeps_nothing(factory, tmp_path):
    d = tmp_path / "set"
    shutil.copytree(EXAMPLES, d)
    with (d / "transactions.csv").open("a", encoding="utf-8") as fh:
        fh.write("W-001,refund,10.00,EUR,RF-1,2026-04-01T00:00:00Z\n")  # currency differs from wallet
    errors = _fails(factory, d)
    assert errors == ["transactions.csv:4: currency differs from the wallet's currency"]


def test_tenant_comes_only_from_the_slug(factory, tmp_path):
    with pytest.raises(ImportFailed) as exc:
        import_dir(factory, EXAMPLES, tenant_slug="no-such-tenant")
    assert exc.value.errors == ["tenant: unknown tenant"]
    # An id of another tenant's contact is "not found" here, exactly like a missing one.
    other = _contact_id(factory, "demo-clinic")
    d = _write(tmp_path / "x", {"leads.csv": "contact_id,title,source,stage,currency\n"
                                             f"{other},Deal,website,new,SAR\n"})
    assert _fails(factory, d) == ["leads.csv:2: contact_id not found in this tenant"]
    # And the clinic import lands in the clinic only.
    report = import_dir(factory, EXAMPLES, tenant_slug="demo-clinic")
    with tenant_session(factory, _tid(factory)) as s:
        assert not s.scalar(select(func.count()).select_from(Activity).where(Activity.id.in_(report.activity_ids)))


def test_unknown_files_and_caps(factory, tmp_path):
    assert _fails(factory, _write(tmp_path / "u", {"people.csv": "a\n1\n"}))[0].startswith("people.csv: unknown file")
    assert _fails(factory, _write(tmp_path / "e", {}))[0] == "directory: no CSV files to import"
    many = CONTACTS_HEAD + "".join(f"C{i},T,P,bad,,\n" for i in range(300))
    errors = _fails(factory, _write(tmp_path / "many", {"contacts.csv": many}))
    assert len(errors) == 101 and errors[-1] == "stopped after 100 errors"
    assert not any(isinstance(x, Transaction) for x in errors)


def test_clinic_accepts_health_fields(factory, tmp_path):
    d = _write(tmp_path / "h", {
        "contacts.csv": "external_id,first_name,health_conditions,allergies\nP1,Maryam,Asthma,Penicillin\n",
        "activities.csv": "contact_external_id,kind,body,occurred_at,body_class,language\n"
                          "P1,note,Pt reports wheezing; inhaler before treatment.,2026-11-01T08:00:00Z,special,en\n",
    })
    report = import_dir(factory, d, tenant_slug="demo-clinic")
    with tenant_session(factory, _tid(factory, "demo-clinic")) as s:
        act = s.scalars(select(Activity).where(Activity.id.in_(report.activity_ids))).one()
        assert act.body_class == "special"
        assert s.scalar(select(Contact.allergies).where(Contact.id == act.contact_id)) == "Penicillin"

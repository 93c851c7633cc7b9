"""ScopeEngine: deny by default, reasons in the user's language, the next request sees a change,
restricted subjects excluded, fail closed. Runs on SQLite and PostgreSQL (crm_db)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from connectors.crm.db import system_session, tenant_session
from connectors.crm.models import Tenant
from connectors.crm.reader import ScopedReader
from guardrails.principal import Principal
from guardrails.scopes import ScopeEngine, Task
from guardrails.scopes import store
from guardrails.scopes.defaults import default_document
from guardrails.scopes.document import parse_document
from guardrails.scopes.models import ScopeVersion


def _p(crm, who: str, language: str = "en") -> Principal:
    from connectors.crm.models import User

    tenant = who.split(":")[0]
    with crm.factory() as s:
        u = s.get(User, crm.users[who])
    return Principal(tenant_id=crm.tenants[tenant], tenant_slug=f"tenant-{tenant}", user_id=u.id, role=u.role,
                     branch_ids=frozenset({u.branch_id}) if u.branch_id else frozenset(), language=language)


def _save(crm, tenant: str, data: dict, author: str = "admin") -> store.StoredScope:
    tid = crm.tenants[tenant]
    with tenant_session(crm.factory, tid) as s:
        return store.save(s, tenant_id=tid, document=parse_document(data), author_user_id=crm.users[f"{tenant}:{author}"])


def _sales(**rep) -> dict:
    data = default_document("sales").as_data()
    data["roles"]["sales_rep"].update(rep)
    return data


def test_defaults_apply_as_version_zero(crm_db):
    decision, scope = ScopeEngine(crm_db.factory).decide(_p(crm_db, "a:rep"), Task("lead_summary", lead_id=1))
    assert decision.allowed and decision.scope_version == 0 and decision.policy_id == "scopes.allowed"
    assert scope.rows == "own" and "contact.first_name" in scope.fields
    assert "contact.national_id" not in scope.fields and not scope.allow_special


def test_refusals_carry_reasons_in_english_and_arabic(crm_db):
    engine = ScopeEngine(crm_db.factory)
    rep = _p(crm_db, "a:rep", language="ar")
    decision, scope = engine.decide(rep, Task("analytics"))
    assert not decision.allowed and decision.policy_id == "scopes.capability_disabled"
    assert decision.messages["en"] == "Your organisation has not enabled analytics questions for sales reps."
    assert decision.message("ar") == "لم تفعّل مؤسستك أسئلة التحليلات لمندوبي المبيعات."
    assert scope.fields == frozenset() and scope.max_records == 0
    cases = {
        Task("teleport"): "scopes.unknown_capability",
        Task("lead_summary", entities=("spaceship",)): "scopes.unknown_entity",
        Task("lead_summary", entities=("wallet",)): "scopes.entity_not_allowed",
        Task("lead_summary", fields=("contact.shoe_size",)): "scopes.unknown_field",
        Task("lead_summary", fields=("contact.national_id",)): "scopes.field_not_allowed",
        Task("lead_summary", fields=("contact.allergies",)): "scopes.special_not_allowed",
        Task("message_draft", channel="fax"): "scopes.channel_not_allowed",
        Task("lead_summary", records=51): "scopes.too_many_records",
        Task("lead_summary", provider="openai-us"): "scopes.provider_not_allowed",
    }
    for task, policy_id in cases.items():
        d, _ = engine.decide(rep, task)
        assert (d.allowed, d.policy_id) == (False, policy_id), task
        assert d.reason and d.messages["en"] and d.messages["ar"] and d.messages["en"] != d.messages["ar"]
        assert "fax" not in d.reason and "openai" not in d.reason  # request text stays out of audit reasons


def test_the_very_next_request_sees_a_change_in_every_process(crm_db):
    # Two engines stand for two API processes: each checks the version on every request.
    one, two = ScopeEngine(crm_db.factory), ScopeEngine(crm_db.factory)
    rep = _p(crm_db, "a:rep")
    assert one.decide(rep, Task("message_draft"))[0].allowed and two.decide(rep, Task("message_draft"))[0].allowed
    saved = _save(crm_db, "a", _sales(capabilities=["lead_summary", "chat"]))
    for engine in (one, two):
        d, _ = engine.decide(rep, Task("message_draft"))
        assert not d.allowed and d.scope_version == saved.version == 1
        assert d.message("en") == "Your organisation has not enabled message drafting for sales reps."
    _save(crm_db, "a", _sales())
    assert one.decide(rep, Task("message_draft"))[0].scope_version == 2
    assert one.decide(rep, Task("message_draft"))[0].allowed
    # The other tenant is untouched.
    assert one.decide(_p(crm_db, "b:rep"), Task("message_draft"))[0].scope_version == 0


def test_versions_are_immutable_rows_with_author_and_diff(crm_db):
    _save(crm_db, "a", _sales(max_records=10))
    _save(crm_db, "a", _sales(max_records=20), author="admin")
    tid = crm_db.tenants["a"]
    with tenant_session(crm_db.factory, tid) as s:
        total, rows = store.history(s, tid)
        assert total == 2 and [r.version for r in rows] == [2, 1]
        assert rows[0].author_user_id == crm_db.users["a:admin"]
        assert rows[0].diff == [{"op": "change", "path": "roles.sales_rep.max_records", "before": 10, "after": 20}]
        assert store.load(s, tid, 1).document.roles["sales_rep"].max_records == 10
    with tenant_session(crm_db.factory, crm_db.tenants["b"]) as s:  # tenant-scoped: b sees none of a's rows
        assert s.scalars(select(ScopeVersion)).all() == []


def test_stale_base_version_is_a_conflict(crm_db):
    from guardrails.errors import Conflict

    _save(crm_db, "a", _sales())
    tid = crm_db.tenants["a"]
    with pytest.raises(Conflict), tenant_session(crm_db.factory, tid) as s:
        store.save(s, tenant_id=tid, document=parse_document(_sales()), author_user_id=1, base_version=0)


def test_clinic_defaults_for_a_clinic_tenant(crm_db):
    with system_session(crm_db.factory) as s:
        s.get(Tenant, crm_db.tenants["b"]).kind = "clinic"
    d, scope = ScopeEngine(crm_db.factory).decide(_p(crm_db, "b:rep"), Task("note_search"))
    assert not d.allowed and d.scope_version == 0
    assert ScopeEngine(crm_db.factory).decide(_p(crm_db, "b:rep"), Task("lead_summary"))[1].max_records == 30


def test_rows_branches_and_restricted_subjects_reach_the_reader(crm_db):
    restricted: set[int] = set()
    engine = ScopeEngine(crm_db.factory, restricted_contact_ids=lambda session, tenant_id: restricted)
    manager = _p(crm_db, "a:manager")
    lead = crm_db.leads["a:other_lead"]  # rep2's lead in the manager's branch

    def read(p):
        d, scope = engine.decide(p, Task("lead_summary", lead_id=lead))
        assert d.allowed
        with tenant_session(crm_db.factory, p.tenant_id) as s:
            return ScopedReader(s, principal=p, scope=scope).lead_context(lead)

    assert read(manager) is not None
    data = default_document("sales").as_data()
    data["roles"]["manager"]["rows"] = "own"
    _save(crm_db, "a", data)
    assert read(manager) is None  # "own" rows: not the manager's lead
    data["roles"]["manager"].update(rows="all", branches=[crm_db.branches["a:tallinn"]])
    _save(crm_db, "a", data)
    assert read(manager) is None  # branch not allowed by the scope
    data["roles"]["manager"]["branches"] = None
    _save(crm_db, "a", data)
    assert read(manager) is not None
    restricted.add(crm_db.contacts["a"].id)
    d, scope = engine.decide(manager, Task("lead_summary"))
    assert scope.restricted_contact_ids == frozenset({crm_db.contacts["a"].id})
    assert read(manager) is None  # a restricted data subject is never read


def test_own_branches_intersects_the_users_branches(crm_db):
    data = default_document("sales").as_data()
    data["roles"]["admin"]["rows"] = "own_branches"
    _save(crm_db, "a", data)
    _, scope = ScopeEngine(crm_db.factory).decide(_p(crm_db, "a:admin"), Task("chat"))
    assert scope.branch_ids == frozenset()  # the admin has no branch of their own
    _, scope = ScopeEngine(crm_db.factory).decide(_p(crm_db, "a:manager"), Task("chat"))
    assert scope.branch_ids == frozenset({crm_db.branches["a:riyadh"]})


def test_unknown_role_is_denied(crm_db):
    data = default_document("sales").as_data()
    del data["roles"]["manager"]
    _save(crm_db, "a", data)
    d, _ = ScopeEngine(crm_db.factory).decide(_p(crm_db, "a:manager"), Task("chat"))
    assert not d.allowed and d.policy_id == "scopes.unknown_role"


def test_fails_closed_when_the_scope_cannot_be_read(crm_db):
    def broken(session, tenant_id):
        from sqlalchemy.exc import OperationalError

        raise OperationalError("select", {}, Exception("down"))

    d, scope = ScopeEngine(crm_db.factory, restricted_contact_ids=broken).decide(_p(crm_db, "a:rep"), Task("chat"))
    assert not d.allowed and d.policy_id == "scopes.scope_unavailable" and d.message("ar")
    assert scope.fields == frozenset()


def test_special_data_only_with_a_legal_basis(crm_db):
    fields = default_document("sales").as_data()["roles"]["sales_rep"]["fields"] + ["contact.allergies"]
    _save(crm_db, "a", _sales(fields=fields, special={"legal_basis": "GDPR Art. 9(2)(h)"}))
    d, scope = ScopeEngine(crm_db.factory).decide(_p(crm_db, "a:rep"), Task("lead_summary", fields=("contact.allergies",)))
    assert d.allowed and scope.allow_special and "contact.allergies" in scope.fields
    assert "contact.medications" not in scope.fields


def test_two_admins_saving_the_same_version_get_a_conflict(crm_db, monkeypatch):
    from guardrails.errors import Conflict

    _save(crm_db, "a", _sales())
    tid = crm_db.tenants["a"]
    stale = store.StoredScope(tid, 0, default_document("sales"), is_default=True)
    real_load = store.load
    monkeypatch.setattr(store, "load", lambda session, tenant_id, version=None: stale)
    with pytest.raises(Conflict), tenant_session(crm_db.factory, tid) as s:
        store.save(s, tenant_id=tid, document=parse_document(_sales(max_records=3)), author_user_id=1)
    monkeypatch.setattr(store, "load", real_load)
    with tenant_session(crm_db.factory, tid) as s:
        assert store.current_version(s, tid) == 1
        assert store.load(s, tid).document.roles["sales_rep"].max_records == 50

"""Data-subject rights: export, erasure across every table, restriction, rectification, access report."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from connectors.crm.models import CRM_MODELS
from connectors.crm.schema import metadata
from guardrails.audit import verify_chain
from guardrails.redaction import SqlVaultStore, Vault
from guardrails.redaction.sql_store import VaultEntry
from guardrails.subjects import restricted_contact_ids

CRM_TABLES = {m.__tablename__ for m in CRM_MODELS}


def _values(contact) -> list[str]:
    vals = [contact.first_name, contact.last_name, contact.full_name, contact.name_alt, contact.email,
            contact.phone, contact.national_id, contact.address]
    return [v for v in vals if v] + ["+966501234567", "0501234567", "٠٥٠١٢٣٤٥٦٧"]


def _table_hits(factory, values: list[str]) -> list[str]:
    """Every (table.column) of the AI layer's tables whose stored text contains one of the values."""
    hits = []
    with factory() as s:
        for table in metadata.sorted_tables:
            if table.name in CRM_TABLES:
                continue
            for row in s.execute(select(table)).mappings():
                for col, cell in row.items():
                    text = str(cell).casefold() if cell is not None else ""
                    for v in values:
                        if v.casefold() in text:
                            hits.append(f"{table.name}.{col}")
    return hits


def _vault_hits(api, tenant_id: int, values: list[str]) -> list[str]:
    """Decrypt every vault entry of the tenant and list those holding one of the values (or a part)."""
    from guardrails.redaction.normalise import normalise_value

    wanted = {normalise_value(v) for v in values} | {normalise_value(p) for v in values[:4] for p in v.split()}
    store = SqlVaultStore(api.crm.factory)
    with api.crm.factory() as s:
        convs = set(s.scalars(select(VaultEntry.conversation_id).where(VaultEntry.tenant_id == tenant_id)))
    hits = []
    for conv in convs:
        vault = Vault(tenant_id=tenant_id, conversation_id=conv, store=store, key=api.settings.vault_key)
        hits += [v for v in vault.mapping().values() if normalise_value(v) in wanted]
    return hits


def test_export_holds_audit_receipts_and_decrypted_vault_values(api):
    assert api.summarise("a:rep_lead", "a:rep").status_code == 200
    cid = api.crm.contacts["a"].id
    r = api.get(f"/v1/admin/subjects/{cid}", "a:admin")
    assert r.status_code == 200
    doc = r.json()
    assert doc["format"] == "lua-assistant/subject-export/v1" and doc["subject"]["contact_id"] == cid
    stores = doc["stores"]
    assert [x["capability"] for x in stores["audit"]["records"]] == ["lead_summary"]
    assert len(stores["model_calls"]["receipts"]) == 1
    values = {e["value"] for e in stores["vault"]["entries"]}
    assert "Layla Haddad" in values or "Layla" in values
    assert "layla.haddad@a-mail.example" in values
    # the access itself is audited, with the contact as its reference
    last = api.get("/v1/admin/audit", "a:admin", params={"limit": 1}).json()["items"][0]
    assert last["capability"] == "subject_access" and last["record_refs"] == [f"contact:{cid}"]


def test_erasure_leaves_no_value_in_any_table_and_the_chain_verifies(api_db):
    api = api_db
    for who, lead in (("a:rep", "a:rep_lead"), ("a:rep", "a:rep_lead"), ("b:rep", "b:rep_lead")):
        assert api.summarise(lead, who).status_code == 200
    contact = api.crm.contacts["a"]
    values = _values(contact)
    ta, tb = api.crm.tenants["a"], api.crm.tenants["b"]
    assert _vault_hits(api, ta, values)  # the test can see what it looks for
    before_b = _vault_hits(api, tb, _values(api.crm.contacts["b"]))
    assert before_b

    r = api.post(f"/v1/admin/subjects/{contact.id}/erasure", "a:admin")
    assert r.status_code == 200, r.text
    erased = r.json()["erased"]
    assert erased["vault"] >= 4 and erased["audit"] >= 8

    assert _table_hits(api.crm.factory, values) == []
    assert _vault_hits(api, ta, values) == []
    assert _vault_hits(api, tb, _values(api.crm.contacts["b"])) == before_b  # the other tenant is untouched
    with api.crm.factory() as s:
        report = verify_chain(s, ta)
        assert report.ok and report.erased_refs >= 8
        assert verify_chain(s, tb).ok
    doc = api.get(f"/v1/admin/subjects/{contact.id}", "a:admin").json()["stores"]
    assert doc["vault"]["entries"] == [] and doc["model_calls"]["receipts"] == []
    assert [x["capability"] for x in doc["audit"]["records"]] == ["subject_erasure"]


def test_restriction_is_stored_and_read_by_the_scope_engine(api):
    from connectors.crm.reader import ScopedReader
    from guardrails.principal import Principal
    from guardrails.scopes.datascope import DataScope, default_fields

    cid, ta = api.crm.contacts["a"].id, api.crm.tenants["a"]
    url = f"/v1/admin/subjects/{cid}/restriction"
    assert api.get(url, "a:admin").json()["restricted"] is False
    r = api.put(url, "a:admin", json={"basis": "accuracy_contested"})
    assert r.status_code == 200 and r.json()["created"] is True
    assert api.put(url, "a:admin").json()["created"] is False  # idempotent
    assert api.get(url, "a:admin").json()["restricted"] is True
    with api.crm.factory() as s:
        restricted = restricted_contact_ids(s, ta)
        assert restricted == frozenset({cid})
        assert restricted_contact_ids(s, api.crm.tenants["b"]) == frozenset()
        rep = Principal(tenant_id=ta, tenant_slug="tenant-a", user_id=api.crm.users["a:rep"], role="sales_rep",
                        branch_ids=frozenset({api.crm.branches["a:riyadh"]}))
        scope = DataScope(fields=default_fields(), restricted_contact_ids=restricted)
        assert ScopedReader(s, principal=rep, scope=scope).lead_context(api.crm.leads["a:rep_lead"]) is None
    r = api.delete(url, "a:admin")
    assert r.status_code == 200 and r.json()["lifted"] is True
    with api.crm.factory() as s:
        assert restricted_contact_ids(s, ta) == frozenset()
    caps = [i["capability"] for i in api.get("/v1/admin/audit", "a:admin").json()["items"]]
    assert caps[:3] == ["subject_restriction_lift", "subject_restriction", "subject_restriction"]


def test_restricted_contacts_lead_cannot_be_summarised(api):
    from guardrails.scopes.engine import ScopeEngine

    engine = ScopeEngine(api.crm.factory, restricted_contact_ids=restricted_contact_ids)
    cid = api.crm.contacts["a"].id
    assert api.put(f"/v1/admin/subjects/{cid}/restriction", "a:admin").status_code == 200
    from guardrails.principal import Principal
    from guardrails.scopes import Task

    rep = Principal(tenant_id=api.crm.tenants["a"], tenant_slug="tenant-a", user_id=api.crm.users["a:rep"],
                    role="sales_rep", branch_ids=frozenset({api.crm.branches["a:riyadh"]}))
    _decision, scope = engine.decide(rep, Task("lead_summary", lead_id=api.crm.leads["a:rep_lead"]))
    assert cid in scope.restricted_contact_ids
    calls = len(api.services.fake_model.requests) if hasattr(api.services, "fake_model") else None
    r = api.summarise("a:rep_lead", "a:rep")
    assert r.status_code == 404  # excluded from the next request on, like a lead that is not there
    if calls is not None:
        assert len(api.services.fake_model.requests) == calls  # the model was not called


def test_rectification_calls_the_reindex_hook(api):
    calls = []
    api.services.reindex_contact = lambda *, tenant_id, contact_id: calls.append((tenant_id, contact_id)) or 3
    cid = api.crm.contacts["a"].id
    r = api.post(f"/v1/admin/subjects/{cid}/rectification", "a:admin")
    assert r.status_code == 200 and r.json() == {"contact_id": cid, "reindexed": 3, "hook": True}
    assert calls == [(api.crm.tenants["a"], cid)]


def test_access_report_names_who_used_the_ai_on_the_person(api):
    assert api.summarise("a:rep_lead", "a:rep").status_code == 200
    assert api.summarise("a:other_lead", "a:rep2").status_code == 200
    assert api.summarise("a:tallinn_lead", "a:rep_tallinn").status_code == 200  # another contact
    cid = api.crm.contacts["a"].id
    r = api.get("/v1/admin/access-report", "a:admin", params={"contact_id": cid})
    assert r.status_code == 200
    rep = r.json()
    assert rep["requests"] == 2
    assert sorted(u["user_id"] for u in rep["users"]) == sorted([api.crm.users["a:rep"], api.crm.users["a:rep2"]])
    assert all(u["capabilities"] == {"lead_summary": 1} for u in rep["users"])
    empty = api.get("/v1/admin/access-report", "a:admin",
                    params={"contact_id": cid, "from": "2000-01-01T00:00:00", "to": "2000-02-01T00:00:00"}).json()
    assert empty["requests"] == 0


ENDPOINTS = [
    ("get", "/v1/admin/subjects/{cid}"),
    ("post", "/v1/admin/subjects/{cid}/erasure"),
    ("get", "/v1/admin/subjects/{cid}/restriction"),
    ("put", "/v1/admin/subjects/{cid}/restriction"),
    ("delete", "/v1/admin/subjects/{cid}/restriction"),
    ("post", "/v1/admin/subjects/{cid}/rectification"),
    ("get", "/v1/admin/access-report?contact_id={cid}"),
]


@pytest.mark.parametrize("method,url", ENDPOINTS)
def test_admin_only_and_same_404_for_unknown_and_foreign(api, method, url):
    own, foreign = api.crm.contacts["a"].id, api.crm.contacts["b"].id
    call = getattr(api, method)
    for who in ("a:rep", "a:manager"):
        r = call(url.format(cid=own), who)
        assert r.status_code == 403 and r.json()["error"]["code"] == "forbidden"
    assert getattr(api.client, method)(url.format(cid=own)).status_code == 401
    unknown = call(url.format(cid=999_999), "a:admin")
    other = call(url.format(cid=foreign), "a:admin")
    assert unknown.status_code == other.status_code == 404
    assert {k: v for k, v in unknown.json()["error"].items() if k != "request_id"} == \
           {k: v for k, v in other.json()["error"].items() if k != "request_id"}
    # the other tenant's data is untouched and its admin still sees its contact
    assert api.get(f"/v1/admin/subjects/{foreign}/restriction", "b:admin").json()["restricted"] is False


def test_vector_store_plugs_into_export_and_erasure(api):
    from connectors.crm.db import system_session
    from connectors.vectors.models import IndexedActivity
    from guardrails.subjects.stores import VectorSubjectStore, default_stores

    class FakeIndexer:
        def __init__(self):
            self.erased = []

        def erase_contact(self, tenant_id, contact_id):
            self.erased.append((tenant_id, contact_id))
            return 2

    ta, cid = api.crm.tenants["a"], api.crm.contacts["a"].id
    with system_session(api.crm.factory) as s:
        s.add_all([IndexedActivity(tenant_id=ta, activity_id=501, contact_id=cid, lead_contact_id=cid,
                                   content_hash="0" * 64, model_id="all-MiniLM-L6-v2"),
                   IndexedActivity(tenant_id=ta, activity_id=502, contact_id=None, lead_contact_id=cid + 1,
                                   content_hash="0" * 64, model_id="all-MiniLM-L6-v2")])
    indexer = FakeIndexer()
    api.services.subject_stores = default_stores(vault_key=api.settings.vault_key.encode(),
                                                 extra=(VectorSubjectStore(indexer),))
    doc = api.get(f"/v1/admin/subjects/{cid}", "a:admin").json()
    assert doc["stores"]["vectors"]["indexed_items"] == [{"activity_id": 501, "embedding_model": "all-MiniLM-L6-v2"}]
    r = api.post(f"/v1/admin/subjects/{cid}/erasure", "a:admin")
    assert r.json()["erased"]["vectors"] == 2 and indexer.erased == [(ta, cid)]
    # receipts before the vault (their stored prompts are found through it), the audit log last
    assert list(r.json()["erased"]) == ["vectors", "model_calls", "vault", "audit"]

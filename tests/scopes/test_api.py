"""Admin scope API: every endpoint ok / forbidden for rep and manager / other tenant never visible;
invalid documents are 422 with exact paths and leave the version in force; YAML round trip;
a change applies to the very next request; preview never returns raw values; simulation."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from guardrails.audit import AuditEvent
from guardrails.principal import Principal
from guardrails.scopes import ScopeEngine, Task
from tests.fixtures import token_for

ENDPOINTS = [
    ("get", "/v1/admin/scopes", None),
    ("put", "/v1/admin/scopes", "doc"),
    ("get", "/v1/admin/scopes/history", None),
    ("post", "/v1/admin/scopes/preview", {"role": "sales_rep", "capability": "lead_summary"}),
    ("post", "/v1/admin/scopes/simulate", "sim"),
]


@pytest.fixture
def api(app_client):
    client, crm, settings, services = app_client
    from guardrails.redaction import Redactor

    # The pattern and field-aware layers only: the NER model's start-up is not what these tests are about.
    services.redactor_factory = lambda: Redactor(ner=False)
    headers = {who: {"Authorization": f"Bearer {token_for(crm, settings, who)}"}
               for who in ("a:admin", "a:manager", "a:rep", "b:admin")}
    return client, crm, services, headers


def _body(client, headers, kind):
    doc = client.get("/v1/admin/scopes", headers=headers).json()["document"]
    return doc if kind == "doc" else {"document": doc, "days": 7}


@pytest.mark.parametrize("method,path,body", ENDPOINTS)
def test_admin_only(api, method, path, body):
    client, _crm, _services, h = api
    if body in ("doc", "sim"):
        body = _body(client, h["a:admin"], body)
    ok = getattr(client, method)(path, headers=h["a:admin"], **({"json": body} if body else {}))
    assert ok.status_code == 200, ok.text
    for who in ("a:rep", "a:manager"):
        r = getattr(client, method)(path, headers=h[who], **({"json": body} if body else {}))
        assert r.status_code == 403 and r.json()["error"]["code"] == "forbidden"
    r = getattr(client, method)(path, **({"json": body} if body else {}))
    assert r.status_code == 401


def test_put_creates_versions_and_other_tenants_never_see_them(api):
    client, crm, _services, h = api
    first = client.get("/v1/admin/scopes", headers=h["a:admin"]).json()
    assert first["version"] == 0 and first["is_default"] and first["document"]["kind"] == "sales"
    doc = first["document"]
    doc["roles"]["sales_rep"]["max_records"] = 9
    saved = client.put("/v1/admin/scopes", headers=h["a:admin"], json=doc).json()
    assert saved["version"] == 1 and saved["author_user_id"] == crm.users["a:admin"]
    assert saved["diff"] == [{"op": "change", "path": "roles.sales_rep.max_records", "before": 50, "after": 9}]
    # The GET view sent back as is is accepted too.
    again = client.put("/v1/admin/scopes", headers=h["a:admin"], json=client.get("/v1/admin/scopes", headers=h["a:admin"]).json())
    assert again.status_code == 200 and again.json()["version"] == 2 and again.json()["diff"] == []
    hist = client.get("/v1/admin/scopes/history", headers=h["a:admin"]).json()
    assert hist["total"] == 2 and [i["version"] for i in hist["items"]] == [2, 1]
    assert hist["items"][1]["author_user_id"] == crm.users["a:admin"] and hist["items"][1]["diff"]
    other = client.get("/v1/admin/scopes", headers=h["b:admin"]).json()
    assert other["version"] == 0 and other["document"]["roles"]["sales_rep"]["max_records"] == 50
    assert client.get("/v1/admin/scopes/history", headers=h["b:admin"]).json() == {"total": 0, "items": []}


def test_invalid_document_is_422_with_exact_paths_and_the_old_version_stays(api):
    client, crm, services, h = api
    doc = client.get("/v1/admin/scopes", headers=h["a:admin"]).json()["document"]
    doc["roles"]["sales_rep"]["capabilities"] = ["chat"]
    assert client.put("/v1/admin/scopes", headers=h["a:admin"], json=doc).json()["version"] == 1
    bad = {**doc, "roles": {**doc["roles"]}}
    bad["roles"]["sales_rep"] = {**doc["roles"]["sales_rep"], "max_records": -3,
                                 "fields": doc["roles"]["sales_rep"]["fields"][:3] + ["contact.medications"]}
    bad["roles"]["superuser"] = {"capabilities": ["chat"]}
    bad["roles"]["manager"] = {**doc["roles"]["manager"], "capabilities": ["chat", "mind_reading"]}
    bad["roles"]["admin"] = {**doc["roles"]["admin"], "branches": [crm.branches["b:riyadh"]]}  # another tenant's
    r = client.put("/v1/admin/scopes", headers=h["a:admin"], json=bad)
    assert r.status_code == 422
    err = r.json()["error"]
    assert err["code"] == "invalid_input"
    assert {d["path"] for d in err["details"]} == {
        "roles.sales_rep.max_records", "roles.sales_rep.fields[3]", "roles.superuser",
        "roles.manager.capabilities[1]", "roles.admin.branches[0]"}
    assert "medications" not in r.text and "mind_reading" not in r.text
    now = client.get("/v1/admin/scopes", headers=h["a:admin"]).json()
    assert now["version"] == 1 and now["document"]["roles"]["sales_rep"]["capabilities"] == ["chat"]
    for raw, ctype in ((b"{not json", "application/json"), (b"[1, 2]", "application/json"),
                       (b"roles: [", "application/yaml")):
        r = client.put("/v1/admin/scopes", headers={**h["a:admin"], "Content-Type": ctype}, content=raw)
        assert r.status_code == 422 and r.json()["error"]["details"][0]["path"] == ""
    r = client.put("/v1/admin/scopes", headers={**h["a:admin"], "Content-Type": "text/csv"}, content=b"a,b")
    assert r.status_code == 415
    r = client.put("/v1/admin/scopes?base_version=0", headers=h["a:admin"], json=doc)
    assert r.status_code == 409
    assert client.get("/v1/admin/scopes", headers=h["a:admin"]).json()["version"] == 1


def test_yaml_export_import_round_trip(api):
    client, _crm, _services, h = api
    r = client.get("/v1/admin/scopes", params={"format": "yaml"}, headers=h["a:admin"])
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/yaml")
    text = r.text.replace("max_records: 50", "max_records: 7", 1)
    saved = client.put("/v1/admin/scopes", headers={**h["a:admin"], "Content-Type": "application/yaml"},
                       content=text.encode())
    assert saved.status_code == 200, saved.text
    assert saved.json()["version"] == 1
    assert saved.json()["diff"] == [{"op": "change", "path": "roles.sales_rep.max_records", "before": 50, "after": 7}]
    back = client.get("/v1/admin/scopes", params={"format": "yaml"}, headers=h["a:admin"]).text
    assert back.split("\n", 1)[1] == text.split("\n", 1)[1]  # identical apart from the version header
    hist = client.get("/v1/admin/scopes/history", headers=h["a:admin"]).json()
    assert hist["items"][0]["source"] == "yaml"


def test_a_change_applies_to_the_very_next_request(api):
    client, crm, services, h = api
    engine = ScopeEngine(services.factory)  # as the capabilities will use it, in its own instance
    rep = Principal(tenant_id=crm.tenants["a"], tenant_slug="tenant-a", user_id=crm.users["a:rep"],
                    role="sales_rep", branch_ids=frozenset({crm.branches["a:riyadh"]}), language="ar")
    assert engine.decide(rep, Task("message_draft", channel="whatsapp"))[0].allowed
    doc = client.get("/v1/admin/scopes", headers=h["a:admin"]).json()["document"]
    doc["roles"]["sales_rep"]["draft_channels"] = ["email"]
    client.put("/v1/admin/scopes", headers=h["a:admin"], json=doc)
    d, _ = engine.decide(rep, Task("message_draft", channel="whatsapp"))
    assert not d.allowed and d.scope_version == 1
    assert d.message("en") == "Your organisation has not enabled WhatsApp drafts for sales reps."
    assert d.message(rep.language) == "لم تفعّل مؤسستك صياغة رسائل واتساب لمندوبي المبيعات."


def test_preview_shows_the_redacted_context_and_what_is_withheld(api):
    client, crm, _services, h = api
    lead = crm.leads["a:rep_lead"]
    r = client.post("/v1/admin/scopes/preview", headers=h["a:admin"],
                    json={"role": "sales_rep", "capability": "lead_summary", "lead_id": lead})
    assert r.status_code == 200, r.text
    out = r.json()
    assert out["decision"]["allowed"] and out["prompt"]["user"].startswith("<crm_data>")
    assert "Fleet software renewal" in out["prompt"]["user"]  # internal data the AI may read
    for raw in ("Layla", "Haddad", "ليلى", "123 4567", "layla.haddad@", "1012345674", "King Fahd"):
        assert raw not in r.text, raw
    assert out["redaction_counts"].get("PERSON") and out["redaction_counts"].get("PHONE")
    assert {"field": "contact.national_id", "reason": "not in the role's scope"} in out["withheld"]
    assert "contact.national_id" not in out["fields_sent"] and "lead:%d" % lead in out["record_refs"]
    # By user id: the rep's colleague cannot see this lead in the CRM → refused with a reason.
    r = client.post("/v1/admin/scopes/preview", headers=h["a:admin"],
                    json={"user_id": crm.users["a:rep2"], "capability": "lead_summary", "lead_id": lead}).json()
    assert r["prompt"] is None and r["refused"][0]["policy_id"] == "scopes.rows_not_allowed"
    # A capability the role does not have: refused, with the user-facing reason.
    r = client.post("/v1/admin/scopes/preview", headers=h["a:admin"],
                    json={"role": "sales_rep", "capability": "analytics", "language": "ar"}).json()
    assert not r["decision"]["allowed"] and r["refused"][0]["reason"] == "لم تفعّل مؤسستك أسئلة التحليلات لمندوبي المبيعات."


def test_preview_of_a_proposed_document_changes_nothing(api):
    client, crm, _services, h = api
    doc = client.get("/v1/admin/scopes", headers=h["a:admin"]).json()["document"]
    doc["roles"]["sales_rep"]["fields"] = [f for f in doc["roles"]["sales_rep"]["fields"] if f != "activity.body"]
    r = client.post("/v1/admin/scopes/preview", headers=h["a:admin"], json={
        "role": "sales_rep", "capability": "lead_summary", "lead_id": crm.leads["a:rep_lead"], "document": doc}).json()
    assert r["proposed"] and "[content withheld by policy]" in r["prompt"]["user"]
    assert client.get("/v1/admin/scopes", headers=h["a:admin"]).json()["version"] == 0
    bad = {**doc, "roles": {"sales_rep": {**doc["roles"]["sales_rep"], "fields": ["contact.nope"]}}}
    r = client.post("/v1/admin/scopes/preview", headers=h["a:admin"],
                    json={"role": "sales_rep", "capability": "lead_summary", "document": bad})
    assert r.status_code == 422 and r.json()["error"]["details"][0]["path"] == "roles.sales_rep.fields[0]"


def test_preview_never_reaches_another_tenant(api):
    client, crm, _services, h = api
    base = {"capability": "lead_summary"}
    unknown = client.post("/v1/admin/scopes/preview", headers=h["a:admin"], json={**base, "role": "admin", "lead_id": 999999})
    foreign = client.post("/v1/admin/scopes/preview", headers=h["a:admin"],
                          json={**base, "role": "admin", "lead_id": crm.leads["b:rep_lead"]})
    assert unknown.status_code == foreign.status_code == 404
    strip = lambda r: {k: v for k, v in r.json()["error"].items() if k != "request_id"}
    assert strip(unknown) == strip(foreign)
    user = client.post("/v1/admin/scopes/preview", headers=h["a:admin"], json={**base, "user_id": crm.users["b:rep"]})
    assert user.status_code == 404
    for body in ({**base}, {**base, "role": "admin", "user_id": 1}, {**base, "role": "boss"}):
        assert client.post("/v1/admin/scopes/preview", headers=h["a:admin"], json=body).status_code == 422


def test_simulate_counts_what_a_proposed_scope_would_have_refused(api):
    client, crm, services, h = api
    now = datetime.now(timezone.utc)

    def ev(tenant, who, cap, outcome="ok", refs=(), days_ago=1, fields=()):
        services.audit.write(AuditEvent(tenant_id=crm.tenants[tenant], capability=cap, outcome=outcome,
                                        user_id=crm.users[who], role={"rep": "sales_rep", "rep2": "sales_rep"}.get(
                                            who.split(":")[1], who.split(":")[1]),
                                        record_refs=tuple(refs), fields_sent=tuple(fields),
                                        occurred_at=now - timedelta(days=days_ago)))

    lead = f"lead:{crm.leads['a:rep_lead']}"
    ev("a", "a:rep", "lead_summary", refs=(lead,), fields=("contact.first_name",))
    ev("a", "a:rep", "message_draft", refs=(lead,))
    ev("a", "a:rep", "message_draft", refs=(lead,), days_ago=40)  # outside the window
    ev("a", "a:manager", "lead_summary", refs=(lead,), fields=("contact.first_name",))
    ev("a", "a:manager", "analytics", outcome="refused")
    for _ in range(3):
        ev("b", "b:rep", "message_draft")  # another tenant: never counted
    doc = client.get("/v1/admin/scopes", headers=h["a:admin"]).json()["document"]
    doc["roles"]["sales_rep"]["capabilities"] = ["lead_summary", "chat"]
    doc["roles"]["manager"]["rows"] = "own"  # the manager read a rep's lead
    doc["roles"]["sales_rep"]["fields"].remove("contact.first_name")
    r = client.post("/v1/admin/scopes/simulate", headers=h["a:admin"], json={"document": doc, "days": 30})
    assert r.status_code == 200, r.text
    out = r.json()
    assert out["requests"] == 4 and out["already_refused"] == 1
    assert out["would_refuse"] == 2 and out["would_narrow"] == 1, str(out)
    assert out["by_capability"]["message_draft"] == {"requests": 1, "would_refuse": 1, "would_narrow": 0}
    assert out["by_role"]["manager"] == {"requests": 2, "would_refuse": 1, "would_narrow": 0}
    assert out["by_reason"] == {"scopes.capability_disabled": 1, "scopes.rows_not_allowed": 1}
    bad = client.post("/v1/admin/scopes/simulate", headers=h["a:admin"],
                      json={"document": {**doc, "roles": {"ghost": {}}}, "days": 30})
    assert bad.status_code == 422 and bad.json()["error"]["details"][0]["path"] == "document.roles.ghost"
    assert client.post("/v1/admin/scopes/simulate", headers=h["a:admin"],
                       json={"document": doc, "days": 0}).status_code == 422


def test_a_restricted_data_subject_is_excluded_from_the_next_preview(api):
    pytest.importorskip("guardrails.subjects")
    from connectors.crm.db import tenant_session
    from guardrails.subjects import lift_restriction, restrict

    client, crm, services, h = api
    body = {"role": "sales_rep", "capability": "lead_summary", "lead_id": crm.leads["a:rep_lead"]}
    assert client.post("/v1/admin/scopes/preview", headers=h["a:admin"], json=body).json()["prompt"] is not None
    tid = crm.tenants["a"]
    with tenant_session(services.factory, tid) as s:
        restrict(s, tenant_id=tid, contact_id=crm.contacts["a"].id, user_id=crm.users["a:admin"])
    out = client.post("/v1/admin/scopes/preview", headers=h["a:admin"], json=body).json()
    assert out["prompt"] is None and out["scope"]["restricted_subjects"] == 1
    assert out["refused"][0]["policy_id"] == "scopes.rows_not_allowed"
    with tenant_session(services.factory, tid) as s:
        lift_restriction(s, tenant_id=tid, contact_id=crm.contacts["a"].id)
    assert client.post("/v1/admin/scopes/preview", headers=h["a:admin"], json=body).json()["prompt"] is not None

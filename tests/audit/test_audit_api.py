"""GET /v1/admin/audit and its export: filters, cursors, formats, admin-only, own tenant only."""

from __future__ import annotations

import csv
import io
import json

import pytest

from guardrails.audit import AuditEvent


def _seed(api, tenant="a", n=7):
    tid = api.crm.tenants[tenant]
    c1, c2 = api.crm.contacts[tenant].id, api.crm.contacts[f"{tenant}:2"].id
    lead = api.crm.leads[f"{tenant}:rep_lead"]
    for i in range(n):
        api.services.audit.write(AuditEvent(
            tenant_id=tid, capability="lead_summary" if i % 2 == 0 else "analytics",
            outcome="ok" if i % 3 else "refused", user_id=api.crm.users[f"{tenant}:rep" if i < 4 else f"{tenant}:manager"],
            record_refs=(f"lead:{lead}", f"contact:{c1}") if i % 2 == 0 else (f"contact:{c2}",)))


def test_list_filters_and_cursor_pagination(api_db):
    api = api_db
    _seed(api)
    _seed(api, "b")
    r = api.get("/v1/admin/audit", "a:admin", params={"limit": 3})
    assert r.status_code == 200
    body = r.json()
    seqs = [i["seq"] for i in body["items"]]
    assert seqs == [7, 6, 5] and body["next_cursor"]
    assert all(i["tenant_id"] == api.crm.tenants["a"] for i in body["items"])
    seen = list(seqs)
    cursor = body["next_cursor"]
    while cursor:
        page = api.get("/v1/admin/audit", "a:admin", params={"limit": 3, "cursor": cursor}).json()
        seen += [i["seq"] for i in page["items"]]
        cursor = page["next_cursor"]
    assert seen == [7, 6, 5, 4, 3, 2, 1]

    def seqs_for(**params):
        return [i["seq"] for i in api.get("/v1/admin/audit", "a:admin", params=params).json()["items"]]

    assert seqs_for(capability="analytics") == [6, 4, 2]
    assert seqs_for(outcome="refused") == [7, 4, 1]
    assert seqs_for(user_id=api.crm.users["a:manager"]) == [7, 6, 5]
    assert seqs_for(contact_id=api.crm.contacts["a:2"].id) == [6, 4, 2]
    # the contact's lead references count as references to the contact
    assert seqs_for(contact_id=api.crm.contacts["a"].id) == [7, 5, 3, 1]
    assert seqs_for(**{"from": "2000-01-01T00:00:00Z", "to": "2000-01-02T00:00:00Z"}) == []
    assert len(seqs_for(**{"from": "2000-01-01T00:00:00Z"})) == 7
    item = api.get("/v1/admin/audit", "a:admin", params={"limit": 1, "capability": "lead_summary"}).json()["items"][0]
    assert item["record_refs"] == [f"lead:{api.crm.leads['a:rep_lead']}", f"contact:{api.crm.contacts['a'].id}"]


def test_bad_cursor_is_invalid_input(api):
    r = api.get("/v1/admin/audit", "a:admin", params={"cursor": "not-a-cursor"})
    assert r.status_code == 422 and r.json()["error"]["code"] == "invalid_input"


def test_other_tenants_contact_filter_finds_nothing(api):
    _seed(api)
    _seed(api, "b")
    r = api.get("/v1/admin/audit", "b:admin", params={"contact_id": api.crm.contacts["a"].id})
    assert r.status_code == 200 and r.json()["items"] == []


def test_export_jsonl_and_csv(api):
    _seed(api)
    r = api.get("/v1/admin/audit/export", "a:admin", params={"format": "jsonl", "capability": "lead_summary"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/x-ndjson")
    rows = [json.loads(line) for line in r.text.splitlines()]
    assert [x["seq"] for x in rows] == [1, 3, 5, 7]
    r = api.get("/v1/admin/audit/export", "a:admin", params={"format": "csv"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    table = list(csv.DictReader(io.StringIO(r.text)))
    assert [int(x["seq"]) for x in table] == list(range(1, 10))  # the exports are audited before they stream
    assert [x["capability"] for x in table[7:]] == ["audit_export", "audit_export"]
    assert table[0]["record_refs"].startswith("lead:")
    r = api.get("/v1/admin/audit/export", "a:admin", params={"format": "xml"})
    assert r.status_code == 422
    last = api.get("/v1/admin/audit", "a:admin", params={"limit": 1}).json()["items"][0]
    assert last["capability"] == "audit_export"


@pytest.mark.parametrize("url", ["/v1/admin/audit", "/v1/admin/audit/export?format=csv", "/v1/admin/audit/verify"])
def test_admin_only(api, url):
    for who in ("a:rep", "a:manager"):
        r = api.get(url, who)
        assert r.status_code == 403 and r.json()["error"]["code"] == "forbidden"
    assert api.client.get(url).status_code == 401

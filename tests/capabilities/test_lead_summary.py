"""The end-to-end lead summary: what the model is sent holds no personal value; the user gets them back."""

from __future__ import annotations

import re

from sqlalchemy import select

from guardrails.audit.models import AuditRecord
from tests.fixtures import token_for


def _h(crm, settings, who):
    return {"Authorization": f"Bearer {token_for(crm, settings, who)}"}


PERSONAL = ["Layla", "Haddad", "ليلى", "حداد", "+966 50 123 4567", "0501234567", "٠٥٠١٢٣٤٥٦٧",
            "layla.haddad@a-mail.example", "1012345674", "King Fahd Road"]


def test_summary_end_to_end(app_client):
    client, crm, settings, services = app_client
    lead = crm.leads["a:rep_lead"]
    resp = client.post(f"/v1/leads/{lead}/summary", headers=_h(crm, settings, "a:rep"))
    assert resp.status_code == 200, resp.text
    body = resp.json()
    # What the model received: no personal value of the lead's records, in any form.
    sent = services.fake_model.requests[-1].text
    for value in PERSONAL:
        assert value not in sent, value
    assert re.search(r"<PERSON_\d+>", sent)
    # What the user received: facts by code, the placeholder restored, citations valid.
    assert body["stage"] == "proposal" and body["value"] == "48,000.00 SAR"
    assert "Layla Haddad" in body["needs"][0]["text"] or "Layla" in body["needs"][0]["text"]
    assert "<PERSON" not in str(body)
    assert set(body["needs"][0]["activity_ids"]) <= set(body["activities_considered"])
    receipt = body["receipt_id"]
    assert receipt and resp.headers["X-Privacy-Receipt"] == receipt
    # One audit row, with counts and the no-training flag, and no personal value anywhere in it.
    with crm.factory() as s:
        rows = s.scalars(select(AuditRecord).where(AuditRecord.tenant_id == crm.tenants["a"])).all()
    assert len(rows) == 1
    payload = rows[0].payload
    assert payload["outcome"] == "ok" and payload["no_training"] is True
    assert payload["receipt_id"] == receipt and payload["redaction_counts"].get("PERSON", 0) >= 1
    from guardrails.audit.query import as_dicts

    with crm.factory() as s:
        full = as_dicts(s, crm.tenants["a"], rows)[0]
    assert f"lead:{lead}" in full["record_refs"]
    dumped = str(payload) + str(full)
    for value in PERSONAL:
        assert value not in dumped
    # The receipt resolves for the tenant's admin, not for another tenant's admin.
    ok = client.get(f"/v1/admin/receipts/{receipt}", headers=_h(crm, settings, "a:admin"))
    assert ok.status_code == 200 and ok.json()["no_training"] is True
    assert client.get(f"/v1/admin/receipts/{receipt}", headers=_h(crm, settings, "b:admin")).status_code == 404
    assert client.get(f"/v1/admin/receipts/{receipt}", headers=_h(crm, settings, "a:rep")).status_code == 403
    # The rep sees their own receipt (no admin needed), a colleague and another tenant do not.
    own = client.get(f"/v1/receipts/{receipt}", headers=_h(crm, settings, "a:rep"))
    assert own.status_code == 200 and own.json()["no_training"] is True and own.json()["region"] == "eu"
    assert client.get(f"/v1/receipts/{receipt}", headers=_h(crm, settings, "a:rep2")).status_code == 404
    assert client.get(f"/v1/receipts/{receipt}", headers=_h(crm, settings, "b:rep")).status_code == 404


def test_foreign_and_unknown_lead_are_the_same_404_and_audited(app_client):
    client, crm, settings, services = app_client
    h = _h(crm, settings, "a:admin")
    r1 = client.post(f"/v1/leads/{crm.leads['b:rep_lead']}/summary", headers=h)
    r2 = client.post("/v1/leads/987654/summary", headers=h)
    assert r1.status_code == r2.status_code == 404
    assert r1.json()["error"]["message"] == r2.json()["error"]["message"]
    assert services.fake_model.requests == []
    with crm.factory() as s:
        outcomes = [r.outcome for r in s.scalars(select(AuditRecord))]
    assert outcomes == ["refused", "refused"]


def test_rep_cannot_summarise_a_colleagues_lead(app_client):
    client, crm, settings, services = app_client
    r = client.post(f"/v1/leads/{crm.leads['a:other_lead']}/summary", headers=_h(crm, settings, "a:rep"))
    assert r.status_code == 404
    assert services.fake_model.requests == []


def test_bad_bodies(app_client):
    client, crm, settings, _ = app_client
    h = _h(crm, settings, "a:rep") | {"Content-Type": "application/json"}
    url = f"/v1/leads/{crm.leads['a:rep_lead']}/summary"
    malformed = client.post(url, content=b'{"language": ', headers=h)
    assert malformed.status_code == 422 and malformed.json()["error"]["code"] == "invalid_input"
    wrong_type = client.post(url, json={"max_activities": "many"}, headers=h)
    assert wrong_type.status_code == 422
    assert wrong_type.json()["error"]["details"][0]["path"].endswith("max_activities")
    unknown = client.post(url, json={"tenant": "tenant-b"}, headers=h)
    assert unknown.status_code == 422
    huge = client.post(url, content=b"x" * (settings.max_body_bytes + 1), headers=h)
    assert huge.status_code == 413 and huge.json()["error"]["code"] == "payload_too_large"

    def chunks():
        for _ in range(settings.max_body_bytes // 1024 + 2):
            yield b" " * 1024

    streamed = client.post(url, content=chunks(), headers=h)
    assert streamed.status_code == 413


def test_model_failure_is_a_clear_error_and_audited(app_client):
    from connectors.llm.errors import ModelUnavailable

    client, crm, settings, services = app_client
    services.fake_model.script[:] = [ModelUnavailable("boom with Layla Haddad inside")]
    r = client.post(f"/v1/leads/{crm.leads['a:rep_lead']}/summary", headers=_h(crm, settings, "a:rep"))
    assert r.status_code in (502, 503)
    assert "Layla" not in r.text and "Haddad" not in r.text
    with crm.factory() as s:
        rec = s.scalars(select(AuditRecord)).all()[-1]
    assert rec.outcome == "error" and rec.payload["receipt_id"]

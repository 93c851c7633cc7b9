"""The lead summary with ScopeEngine as its policy (the switch the lead makes in `authorize()`):
an admin's change reaches the very next summary, and what the model is sent follows the scope."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from guardrails.audit.models import AuditRecord
from guardrails.scopes import ScopeEngine
from tests.fixtures import token_for


@pytest.fixture
def wired(app_client, monkeypatch):
    client, crm, settings, services = app_client
    from assistant.capabilities import lead_summary
    from guardrails.redaction import Redactor

    services.redactor_factory = lambda: Redactor(ner=False)
    engine = ScopeEngine(services.factory)
    # Exactly what `assistant/capabilities/authorize.py` becomes once the lead switches.
    monkeypatch.setattr(lead_summary, "authorize", lambda services, principal, task: engine.decide(principal, task))
    h = {who: {"Authorization": f"Bearer {token_for(crm, settings, who)}"} for who in ("a:admin", "a:rep")}
    return client, crm, services, h


def test_scope_changes_reach_the_next_summary_and_the_model(wired):
    client, crm, services, h = wired
    lead = crm.leads["a:rep_lead"]
    ok = client.post(f"/v1/leads/{lead}/summary", headers=h["a:rep"])
    assert ok.status_code == 200, ok.text
    sent = services.fake_model.requests[-1].text
    assert "discount" in sent  # activity bodies are in the default scope
    assert "1012345674" not in sent and "King Fahd" not in sent  # national id, address: never read by default

    doc = client.get("/v1/admin/scopes", headers=h["a:admin"]).json()["document"]
    doc["roles"]["sales_rep"]["fields"].remove("activity.body")
    assert client.put("/v1/admin/scopes", headers=h["a:admin"], json=doc).status_code == 200
    calls = len(services.fake_model.requests)
    narrowed = client.post(f"/v1/leads/{lead}/summary", headers=h["a:rep"])
    assert narrowed.status_code == 200
    sent = services.fake_model.requests[-1].text
    assert len(services.fake_model.requests) == calls + 1
    assert "discount" not in sent and "[content withheld by policy]" in sent

    doc["roles"]["sales_rep"]["capabilities"].remove("lead_summary")
    client.put("/v1/admin/scopes", headers=h["a:admin"], json=doc)
    refused = client.post(f"/v1/leads/{lead}/summary", headers=h["a:rep"])
    assert refused.status_code == 403
    assert refused.json()["error"]["message"] == "Your organisation has not enabled lead summaries for sales reps."
    assert len(services.fake_model.requests) == calls + 1  # the model was not called
    with crm.factory() as s:
        last = s.scalars(select(AuditRecord).where(AuditRecord.tenant_id == crm.tenants["a"])
                         .order_by(AuditRecord.seq.desc())).first()
    assert last.outcome == "refused" and last.payload["reason"] == "scopes.capability_disabled"
    assert last.payload["scope_version"] == 2


def test_scope_regions_bind_the_egress_policy(wired):
    """A tenant whose scope allows only a region the provider is not in gets no model call at all."""
    client, crm, services, h = wired
    lead = crm.leads["a:rep_lead"]
    doc = client.get("/v1/admin/scopes", headers=h["a:admin"]).json()["document"]
    doc["models"]["regions"] = ["us"]
    assert client.put("/v1/admin/scopes", headers=h["a:admin"], json=doc).status_code == 200
    calls = len(services.fake_model.requests)
    refused = client.post(f"/v1/leads/{lead}/summary", headers=h["a:rep"])
    assert refused.status_code == 403 and refused.json()["error"]["code"] in ("egress_refused", "no_compliant_provider")
    assert len(services.fake_model.requests) == calls  # fail closed: nothing was sent
    doc["models"]["regions"] = ["eu"]
    client.put("/v1/admin/scopes", headers=h["a:admin"], json=doc)
    assert client.post(f"/v1/leads/{lead}/summary", headers=h["a:rep"]).status_code == 200


def test_chat_analytics_is_held_to_the_admins_analytics_scope(app_client):
    """An analytics question asked in chat gets the same narrowed metrics as POST /v1/analytics/ask:
    before this wiring chat used the role's default catalogue, a way around the admin's scope."""
    client, crm, settings, services = app_client
    h = {who: {"Authorization": f"Bearer {token_for(crm, settings, who)}"} for who in ("a:admin", "a:manager")}

    def chat(text):
        r = client.post("/v1/chat", headers=h["a:manager"], json={"message": text})
        assert r.status_code == 200, r.text
        return r.json()

    q = "how many leads by branch this year"
    assert chat(q)["capability"] == "analytics" and not chat(q)["refused"]
    doc = client.get("/v1/admin/scopes", headers=h["a:admin"]).json()["document"]
    doc["roles"]["manager"]["analytics"] = {"metrics": ["revenue"], "dimensions": ["*"]}
    assert client.put("/v1/admin/scopes", headers=h["a:admin"], json=doc).status_code == 200
    narrowed = chat(q)
    assert narrowed["capability"] == "analytics" and narrowed["refused"]
    direct = client.post("/v1/analytics/ask", headers=h["a:manager"], json={"question": q}).json()
    assert direct["kind"] == "refusal" and narrowed["reason"] == direct["reason"]


def test_a_scope_that_cannot_be_read_is_a_503_not_a_403(app_client, monkeypatch):
    """A database outage while reading the scope fails closed (no model call, audited) but answers
    503 'try again', not 403 'forbidden': the user was not refused, the rules were unreachable."""
    from guardrails.scopes.engine import unavailable

    client, crm, settings, services = app_client
    h = {who: {"Authorization": f"Bearer {token_for(crm, settings, who)}"} for who in ("a:rep", "a:manager")}
    monkeypatch.setattr(services.scopes, "decide", lambda principal, task: unavailable(principal))
    calls = len(services.fake_model.requests)
    lead = crm.leads["a:rep_lead"]
    for r in (client.post(f"/v1/leads/{lead}/summary", headers=h["a:rep"]),
              client.post("/v1/drafts", headers=h["a:rep"], json={"lead_id": lead, "channel": "email",
                                                                  "language": "en", "tone": "formal", "goal": "follow_up"}),
              client.post("/v1/analytics/ask", headers=h["a:manager"], json={"question": "leads by branch"}),
              client.get("/v1/notes/search", headers=h["a:rep"], params={"q": "discount"})):
        assert r.status_code == 503, (r.request.url, r.status_code, r.text)
        assert r.json()["error"]["code"] == "unavailable" and "try again" in r.json()["error"]["message"]
    assert len(services.fake_model.requests) == calls
    with crm.factory() as s:
        last = s.scalars(select(AuditRecord).where(AuditRecord.tenant_id == crm.tenants["a"])
                         .order_by(AuditRecord.seq.desc())).first()
    assert last.outcome == "refused" and last.payload["reason"] == "scopes.scope_unavailable"

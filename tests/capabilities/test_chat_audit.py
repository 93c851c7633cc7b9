"""One chat request, one audit record (issues #7, #11): the capability a turn delegates to (summary,
draft, analytics) is folded into the turn's "chat" record — `routed:<capability>` in the reason (and
`routed_to` when the audit event has that field), its record refs, fields, redaction counts, model
call and outcome — whether the turn streams or not, succeeds or is refused. Also the issue's bad
input through the chat: each is a clear answer or error, and audited once."""

from __future__ import annotations

import json

import pytest

from connectors.crm.db import system_session
from connectors.crm.models import Contact
from connectors.llm.fake import FakeChatModel, FakeStream
from tests.capabilities.helpers import audit_rows, h, smart_reply


@pytest.fixture
def fake_model():
    return FakeChatModel(script=[smart_reply], repeat_last=True)


def _chat(client, crm, settings, message, who="a:rep", **kw):
    return client.post("/v1/chat", json={"message": message, **kw}, headers=h(crm, settings, who))


def _rows(crm, key="a"):
    return list(audit_rows(crm, key))


def _refs(crm, rec):
    """The record references of one audit record (kept beside the chain, as commitments in it)."""
    from sqlalchemy import select

    from guardrails.audit.models import AuditRef

    with crm.factory() as s:
        return [r.ref for r in s.scalars(select(AuditRef).where(AuditRef.tenant_id == rec.tenant_id,
                                                               AuditRef.seq == rec.seq))]


def _one_new(crm, before, key="a"):
    rows = _rows(crm, key)
    new = rows[len(before):]
    assert len(new) == 1, [(r.capability, r.outcome, r.payload.get("reason")) for r in new]
    assert new[0].capability == "chat"
    return new[0]


@pytest.mark.parametrize("stream", [False, True])
def test_summary_turn_writes_one_record_with_the_delegated_work(app_client, stream):
    client, crm, settings, services = app_client
    lead = crm.leads["a:rep_lead"]
    before = _rows(crm)
    r = _chat(client, crm, settings, f"Summarize lead {lead}", stream=stream)
    assert r.status_code == 200, r.text
    rec = _one_new(crm, before)
    p = rec.payload
    assert rec.outcome == "ok" and "routed:lead_summary" in p["reason"]
    assert p["routed_to"] == "lead_summary"
    # The delegated summary's facts are on the chat record: what it read, sent and redacted.
    refs = _refs(crm, rec)
    assert f"lead:{lead}" in refs and any(ref.startswith("activity:") for ref in refs)
    assert p["fields_sent"] and any(k.startswith("PERSON") for k in p["redaction_counts"])
    assert p["receipt_id"] and p["provider"] and p["tokens_in"]
    if not stream:
        assert r.json()["receipt_id"] == p["receipt_id"]


@pytest.mark.parametrize("stream", [False, True])
def test_draft_and_question_turns_write_one_record(app_client, stream):
    client, crm, settings, services = app_client
    lead = crm.leads["a:rep_lead"]
    before = _rows(crm)
    r = _chat(client, crm, settings, f"draft a whatsapp follow-up for lead {lead}", stream=stream)
    assert r.status_code == 200, r.text
    rec = _one_new(crm, before)
    assert rec.outcome == "ok" and "routed:message_draft" in rec.payload["reason"]
    before = _rows(crm)
    r = _chat(client, crm, settings, "What did she ask for?", lead_id=lead, stream=stream)
    assert r.status_code == 200, r.text
    rec = _one_new(crm, before)
    assert rec.outcome == "ok" and "routed:" not in (rec.payload["reason"] or "")


def test_analytics_turn_writes_one_record(app_client):
    client, crm, settings, services = app_client
    before = _rows(crm)
    r = _chat(client, crm, settings, "how many leads by branch this year", who="a:manager")
    assert r.status_code == 200 and r.json()["capability"] == "analytics", r.text
    rec = _one_new(crm, before)
    assert "routed:analytics" in rec.payload["reason"]


@pytest.mark.parametrize("stream", [False, True])
def test_refused_turns_write_one_record(app_client, stream):
    client, crm, settings, services = app_client
    cases = [
        ({"message": f"summarize lead {crm.leads['b:rep_lead']}"}, 404),  # another tenant's lead
        ({"message": "summarize lead 987654"}, 404),  # unknown lead: the same answer
        ({"message": "what did she say?", "lead_id": crm.leads["b:rep_lead"]}, 404),
        ({"message": ""}, 422),
        ({"message": "y" * 50_000}, 422),  # 50 KB
        ({"message": "hello", "conversation_id": "c_" + "x" * 32}, 404),
        ({"message": "write me a poem about the sea"}, 200),  # out of scope: refused with the reason
        ({"message": "conversion rate by branch this quarter"}, 200),  # analytics not allowed for a rep
    ]
    for body, status in cases:
        before = _rows(crm)
        r = client.post("/v1/chat", json={**body, "stream": stream}, headers=h(crm, settings, "a:rep"))
        assert r.status_code == status, (body, r.text[:200])
        rec = _one_new(crm, before)
        assert rec.outcome == "refused", (body, rec.outcome, rec.payload["reason"])
        if status != 200:
            assert r.json()["error"]["request_id"]


def test_another_users_conversation_is_404_and_audited_once(app_client):
    client, crm, settings, services = app_client
    cid = _chat(client, crm, settings, f"summarize lead {crm.leads['a:rep_lead']}").json()["conversation_id"]
    for who, key in (("a:rep2", "a"), ("b:admin", "b")):
        before = _rows(crm, key)
        r = _chat(client, crm, settings, "hello again", who=who, conversation_id=cid)
        assert r.status_code == 404
        rec = _one_new(crm, before, key)
        assert rec.outcome == "refused" and rec.payload["reason"] == "conversation_not_found"


def test_draft_for_a_contact_without_an_address_through_chat(app_client):
    client, crm, settings, services = app_client
    with system_session(crm.factory) as s:
        s.get(Contact, crm.contacts["a"].id).phone = None
    before = _rows(crm)
    r = _chat(client, crm, settings, f"draft a whatsapp message for lead {crm.leads['a:rep_lead']}")
    assert r.status_code == 422, r.text
    assert r.json()["error"]["details"][0]["type"] == "no_channel_address"
    rec = _one_new(crm, before)
    assert rec.outcome == "refused" and "routed:message_draft:refused:no_channel_address" in rec.payload["reason"]


@pytest.mark.parametrize("stream", [False, True])
def test_a_model_that_returns_nothing_is_a_clear_answer_audited_once(app_client, stream):
    client, crm, settings, services = app_client
    reply = FakeStream([]) if stream else ""
    services.fake_model.script[:] = [json.dumps({"capability": "lead_question"}), reply]
    before = _rows(crm)
    r = _chat(client, crm, settings, "anything new?", lead_id=crm.leads["a:rep_lead"], stream=stream)
    assert r.status_code == 200, r.text
    text = r.json()["text"] if not stream else [json.loads(b.split("data: ", 1)[1]) for b in r.text.strip().split("\n\n")][-1]["text"]
    assert "no answer" in text
    _one_new(crm, before)


def test_summary_with_an_empty_model_reply_through_chat(app_client):
    client, crm, settings, services = app_client
    services.fake_model.script[:] = [""]
    before = _rows(crm)
    r = _chat(client, crm, settings, f"summarize lead {crm.leads['a:rep_lead']}")
    assert r.status_code == 200 and "proposal" in r.json()["text"]
    assert any("could not be read" in n for n in r.json()["notes"])
    rec = _one_new(crm, before)
    assert "routed:lead_summary:model_reply_unreadable" in rec.payload["reason"]


def test_direct_routes_still_write_their_own_record(app_client):
    client, crm, settings, services = app_client
    before = _rows(crm)
    r = client.post(f"/v1/leads/{crm.leads['a:rep_lead']}/summary", headers=h(crm, settings, "a:rep"))
    assert r.status_code == 200
    new = _rows(crm)[len(before):]
    assert [x.capability for x in new] == ["lead_summary"] and "routed" not in (new[0].payload["reason"] or "")

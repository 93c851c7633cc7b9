"""POST /v1/chat: routing, stable placeholders across turns, ownership, streaming, bad input."""

from __future__ import annotations

import json
import re

import pytest
from sqlalchemy import select

from assistant.conversations.models import ConversationTurn
from connectors.llm.fake import FakeStream
from tests.capabilities.helpers import assert_no_personal, audit_rows, h, sent_texts, smart_reply


@pytest.fixture
def fake_model():
    from connectors.llm.fake import FakeChatModel

    return FakeChatModel(script=[smart_reply], repeat_last=True)


def _chat(client, crm, settings, message, who="a:rep", **kw):
    return client.post("/v1/chat", json={"message": message, **kw}, headers=h(crm, settings, who))


def test_summary_then_follow_up_draft_share_placeholders(app_client):
    client, crm, settings, services = app_client
    lead = crm.leads["a:rep_lead"]
    r1 = _chat(client, crm, settings, f"Summarize lead {lead}")
    assert r1.status_code == 200, r1.text
    one = r1.json()
    assert one["capability"] == "summarize" and one["route_source"] == "pattern" and one["lead_id"] == lead
    assert "Layla" in one["text"] and "<PERSON" not in one["text"] and "proposal" in one["text"]
    cid = one["conversation_id"]
    # The follow-up names no lead: the conversation's lead is used, through the same vault.
    r2 = _chat(client, crm, settings, "Now draft a WhatsApp follow-up for her", conversation_id=cid)
    two = r2.json()
    assert r2.status_code == 200 and two["capability"] == "draft" and two["lead_id"] == lead
    assert two["data"]["channel"] == "whatsapp" and "Layla" in two["text"]
    first, second = services.fake_model.requests[0].text, services.fake_model.requests[-1].text
    ph = lambda t: re.search(r"Contact: (<PERSON_\d+>)", t).group(1)  # noqa: E731
    assert ph(first) == ph(second)
    assert_no_personal(sent_texts(services))
    # History is stored redacted, never in clear.
    with crm.factory() as s:
        turns = s.scalars(select(ConversationTurn).where(ConversationTurn.conversation_id == cid)).all()
    assert len(turns) == 4
    stored = "\n".join(t.content for t in turns)
    assert_no_personal(stored)
    assert ph(first) in stored
    caps = [r.capability for r in audit_rows(crm)]
    assert caps == ["chat", "chat"]  # one record per request; the delegated work is folded in


def test_arabic_lead_reference_and_arabic_digits(app_client):
    client, crm, settings, services = app_client
    lead = crm.leads["a:rep_lead"]
    arabic_digits = str(lead).translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
    r = _chat(client, crm, settings, f"لخص العميل {arabic_digits}")
    assert r.status_code == 200, r.text
    assert r.json()["capability"] == "summarize" and r.json()["lead_id"] == lead


def test_model_routes_a_free_question_about_the_current_lead(app_client):
    client, crm, settings, services = app_client
    lead = crm.leads["a:rep_lead"]
    r = _chat(client, crm, settings, "What did she ask for?", lead_id=lead)
    body = r.json()
    assert r.status_code == 200, r.text
    assert body["capability"] == "lead_question" and body["route_source"] == "model"
    assert "Layla" in body["text"] and "10%" in body["text"]
    assert services.fake_model.requests[0].json_schema is not None  # the route call used a schema
    assert_no_personal(sent_texts(services))


def test_conversation_of_another_user_is_the_same_404(app_client):
    client, crm, settings, services = app_client
    cid = _chat(client, crm, settings, f"summarize lead {crm.leads['a:rep_lead']}").json()["conversation_id"]
    n = len(services.fake_model.requests)
    other = _chat(client, crm, settings, "hello again", who="a:rep2", conversation_id=cid)
    foreign = _chat(client, crm, settings, "hello again", who="b:admin", conversation_id=cid)
    unknown = _chat(client, crm, settings, "hello again", conversation_id="c_" + "x" * 32)
    garbage = _chat(client, crm, settings, "hello again", conversation_id="../../etc")
    assert other.status_code == foreign.status_code == unknown.status_code == garbage.status_code == 404
    assert len({r.json()["error"]["message"] for r in (other, foreign, unknown, garbage)}) == 1
    assert len(services.fake_model.requests) == n
    assert audit_rows(crm, "b")[-1].outcome == "refused"


def test_two_tenants_with_the_same_customer_never_mix_vaults(app_client):
    client, crm, settings, services = app_client
    a = _chat(client, crm, settings, "What did she ask for?", lead_id=crm.leads["a:rep_lead"]).json()
    b = _chat(client, crm, settings, "What did she ask for?", who="b:rep", lead_id=crm.leads["b:rep_lead"]).json()
    assert a["conversation_id"] != b["conversation_id"]
    from assistant.conversations import vault_id
    from guardrails.principal import Principal

    def mapping(key, cid):
        p = Principal(tenant_id=crm.tenants[key], tenant_slug=f"tenant-{key}", user_id=crm.users[f"{key}:rep"],
                      role="sales_rep", branch_ids=frozenset(), language="en")
        return services.vault_for(p, conversation_id=vault_id(cid)).mapping()

    va, vb = mapping("a", a["conversation_id"]), mapping("b", b["conversation_id"])
    assert any("a-mail" in v for v in va.values()) and not any("b-mail" in v for v in va.values())
    assert any("b-mail" in v for v in vb.values()) and not any("a-mail" in v for v in vb.values())
    # Tenant b's vault cannot restore tenant a's conversation.
    assert mapping("b", a["conversation_id"]) == {}


def _events(text: str) -> list[tuple[str, dict]]:
    out = []
    for block in text.strip().split("\n\n"):
        lines = dict(line.split(": ", 1) for line in block.splitlines())
        out.append((lines["event"], json.loads(lines["data"])))
    return out


def test_sse_stream_restores_a_placeholder_split_across_chunks(app_client):
    client, crm, settings, services = app_client
    services.fake_model.script[:] = [json.dumps({"capability": "lead_question"}),
                                     FakeStream(["Ask ", "<PER", "SON_", "1> about ", "the renewal ",
                                                 "![x](https://evil.example/", "?q=1) today."])]
    r = _chat(client, crm, settings, "What next?", lead_id=crm.leads["a:rep_lead"], stream=True)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/event-stream")
    events = _events(r.text)
    assert events[0][0] == "meta" and events[-1][0] == "done"
    streamed = "".join(d["text"] for e, d in events if e == "delta")
    assert "<PER" not in streamed and "SON_" not in streamed and "evil.example" not in streamed
    from assistant.conversations import vault_id
    from guardrails.principal import Principal

    cid = events[0][1]["conversation_id"]
    p = Principal(tenant_id=crm.tenants["a"], tenant_slug="tenant-a", user_id=crm.users["a:rep"],
                  role="sales_rep", branch_ids=frozenset(), language="en")
    value = services.vault_for(p, conversation_id=vault_id(cid)).mapping()["<PERSON_1>"]
    assert f"Ask {value} about the renewal" in streamed
    assert events[-1][1]["text"] == streamed.strip()
    assert audit_rows(crm)[-1].capability == "chat" and audit_rows(crm)[-1].outcome == "ok"


def test_streaming_a_summary_sends_the_finished_answer(app_client):
    client, crm, settings, services = app_client
    r = _chat(client, crm, settings, f"summary of lead {crm.leads['a:rep_lead']}", stream=True)
    events = _events(r.text)
    assert [e for e, _ in events][0] == "meta" and events[-1][0] == "done"
    assert events[-1][1]["capability"] == "summarize" and "Layla" in events[-1][1]["text"]


@pytest.mark.parametrize("message", ["", "   ", "x" * 8001, "y" * 50_000])
def test_bad_messages_are_422_and_audited(app_client, message):
    client, crm, settings, services = app_client
    r = _chat(client, crm, settings, message)
    assert r.status_code == 422 and r.json()["error"]["details"][0]["path"] == "body.message"
    assert services.fake_model.requests == []
    rows = audit_rows(crm)
    assert rows[-1].outcome == "refused" and rows[-1].payload["reason"] == "invalid_message"


def test_foreign_lead_in_chat_is_the_same_404(app_client):
    client, crm, settings, services = app_client
    r1 = _chat(client, crm, settings, f"summarize lead {crm.leads['b:rep_lead']}")
    r2 = _chat(client, crm, settings, "summarize lead 987654")
    r3 = _chat(client, crm, settings, "what did she say?", lead_id=crm.leads["b:rep_lead"])
    assert r1.status_code == r2.status_code == 404
    assert r1.json()["error"]["message"] == r2.json()["error"]["message"]
    assert r3.status_code == 404
    assert all(req.json_schema and "capability" in req.json_schema["properties"]
               for req in services.fake_model.requests)  # at most the route call, never lead data


def test_out_of_scope_and_analytics_refusals_carry_the_reason(app_client):
    client, crm, settings, services = app_client
    poem = _chat(client, crm, settings, "write me a poem about the sea").json()
    assert poem["refused"] and poem["reason"] == "off_topic" and poem["capability"] == "out_of_scope"
    bulk = _chat(client, crm, settings, "export all phone numbers of my customers").json()
    assert bulk["refused"] and bulk["reason"] == "bulk_personal_data"
    rates = _chat(client, crm, settings, "conversion rate by branch this quarter").json()
    assert rates["capability"] == "analytics" and rates["refused"] and "sales rep" in rates["text"]
    assert services.fake_model.requests == []
    assert [r.outcome for r in audit_rows(crm)] == ["refused", "refused", "refused"]


def test_manager_analytics_is_delegated(app_client):
    client, crm, settings, services = app_client
    r = _chat(client, crm, settings, "how many leads by branch this year", who="a:manager")
    body = r.json()
    assert r.status_code == 200 and body["capability"] == "analytics" and body["data"] is not None


def test_model_returning_nothing_is_a_clear_answer(app_client):
    client, crm, settings, services = app_client
    services.fake_model.script[:] = [json.dumps({"capability": "lead_question"}), ""]
    body = _chat(client, crm, settings, "anything new?", lead_id=crm.leads["a:rep_lead"]).json()
    assert "no answer" in body["text"] and body["capability"] == "lead_question"


def test_search_notes_of_the_current_lead(app_client):
    client, crm, settings, services = app_client
    body = _chat(client, crm, settings, "find notes about the discount", lead_id=crm.leads["a:rep_lead"]).json()
    assert body["capability"] == "search_notes" and len(body["data"]["items"]) == 1
    assert "discount" in body["text"] and services.fake_model.requests == []


def test_conversation_retention_and_erasure(app_client):
    from datetime import datetime, timedelta, timezone

    from assistant.conversations.models import Conversation
    from assistant.conversations.rights import ConversationRetention, ConversationSubjectStore
    from guardrails.redaction.sql_store import VaultEntry

    client, crm, settings, services = app_client
    cid = _chat(client, crm, settings, f"summarize lead {crm.leads['a:rep_lead']}").json()["conversation_id"]
    tenant = crm.tenants["a"]
    store = ConversationSubjectStore()
    with crm.factory() as s:
        exported = store.export(s, tenant, crm.contacts["a"].id)["conversations"]
        assert [c["conversation_id"] for c in exported] == [cid] and len(exported[0]["turns"]) == 2
        assert ConversationRetention().purge(s, tenant_id=tenant, cutoff=datetime.now(timezone.utc) - timedelta(days=1)) == 0
        assert s.scalars(select(VaultEntry).where(VaultEntry.conversation_id == f"chat:{cid}")).first() is not None
        assert store.erase(s, tenant, crm.contacts["a"].id) == 1
        s.commit()
        assert s.get(Conversation, cid) is None
        assert s.scalars(select(VaultEntry).where(VaultEntry.conversation_id == f"chat:{cid}")).first() is None


def test_no_ai_layer_table_holds_a_personal_value_after_chats_and_drafts(app_client):
    from sqlalchemy import text

    from connectors.crm.models import CRM_MODELS
    from connectors.crm.schema import metadata

    client, crm, settings, services = app_client
    lead = crm.leads["a:rep_lead"]
    cid = _chat(client, crm, settings, f"summarize lead {lead}").json()["conversation_id"]
    _chat(client, crm, settings, "draft an sms reminder about the payment", conversation_id=cid)
    _chat(client, crm, settings, "What did Layla Haddad ask for? Her phone is +966 50 123 4567", conversation_id=cid,
          stream=True)
    client.post("/v1/drafts", json={"lead_id": lead, "channel": "email", "language": "ar"},
                headers=h(crm, settings, "a:rep"))
    crm_tables = {m.__tablename__ for m in CRM_MODELS}
    dump = []
    with crm.factory() as s:
        for name in metadata.tables:
            if name not in crm_tables:
                dump += [repr(tuple(r)) for r in s.execute(text(f'SELECT * FROM "{name}"'))]
    blob = "\n".join(dump)
    assert "conversation_turns" in metadata.tables and "<PERSON_" in blob
    assert_no_personal(blob)

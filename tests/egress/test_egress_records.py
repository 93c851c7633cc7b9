"""Call records persist as `model_calls` rows; a receipt resolves for its own tenant only."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine, event
from sqlalchemy.orm import Session

from connectors.crm.base import Base
from connectors.crm.models import Tenant
from connectors.llm import FakeChatModel, ModelTimeout
from guardrails.egress import ModelCall, ModelCallRecord, ProviderTimeout, RetryPolicy, get_receipt, save
from guardrails.egress.prompt import RedactedPrompt
from guardrails.egress.records import clear_prompts, joined_prompt, new_receipt_id, prompt_digest, redacted_messages
from tests.egress.conftest import TENANT_A, TENANT_B, eu_policy, provider, redacted, registry


@pytest.fixture
def session() -> Iterator[Session]:
    engine = create_engine("sqlite://")

    @event.listens_for(engine, "connect")
    def _fk(dbapi_conn, _record) -> None:
        dbapi_conn.execute("PRAGMA foreign_keys=ON")

    Base.metadata.create_all(engine, tables=[Tenant.__table__, ModelCall.__table__])
    with Session(engine) as s:
        s.add_all([Tenant(id=TENANT_A, slug="a", name="A"), Tenant(id=TENANT_B, slug="b", name="B")])
        s.commit()
        yield s


def test_receipt_resolves_to_the_right_record_and_not_for_another_tenant(session, make_guard) -> None:
    fake = FakeChatModel.replying("summary of <PERSON_1>")
    guard = make_guard(registry(provider()), {"fake": fake}, on_record=lambda r: save(session, r))
    first = guard.call(redacted("lead <PERSON_1>", PERSON=1), tenant_policy=eu_policy(TENANT_A), purpose="lead_summary")
    second = guard.call(redacted("other"), tenant_policy=eu_policy(TENANT_B), purpose="analytics")
    session.commit()

    receipt = get_receipt(session, tenant_id=TENANT_A, receipt_id=first.receipt_id)
    assert receipt is not None
    assert receipt["receipt_id"] == first.receipt_id and receipt["tenant_id"] == TENANT_A
    assert receipt["no_training"] is True and receipt["purpose"] == "lead_summary"
    assert receipt["params_sent"] == {"temperature": 0.2, "max_tokens": 400, "store": False}
    assert (receipt["provider"], receipt["model"], receipt["region"]) == ("fake", "fake-model", "eu")
    assert receipt["redaction_counts"] == {"PERSON": 1}
    assert receipt["prompt_sha256"] == first.record.prompt_sha256
    assert receipt["tokens_out"] == first.record.tokens_out and receipt["outcome"] == "ok"
    json.dumps(receipt)  # JSON-ready
    # The redacted prompt sent is kept with the receipt, exactly as sent, and matches the digest.
    assert receipt["prompt_redacted"] == [{"role": "user", "content": "lead <PERSON_1>"}]
    assert receipt["prompt_matches_digest"] is True

    assert get_receipt(session, tenant_id=TENANT_B, receipt_id=first.receipt_id) is None
    assert get_receipt(session, tenant_id=TENANT_A, receipt_id=second.receipt_id) is None
    assert get_receipt(session, tenant_id=TENANT_A, receipt_id=new_receipt_id()) is None
    assert get_receipt(session, tenant_id=TENANT_A, receipt_id="1 OR 1=1") is None


def test_failed_calls_and_refusals_are_recorded_too(session, make_guard) -> None:
    fake = FakeChatModel.replying(ModelTimeout())
    guard = make_guard(registry(provider()), {"fake": fake}, retry=RetryPolicy(max_attempts=2, base_delay_s=0),
                       on_record=lambda r: save(session, r))
    with pytest.raises(ProviderTimeout) as info:
        guard.call(redacted("x"), tenant_policy=eu_policy(), purpose="t")
    with pytest.raises(Exception) as refused:
        guard.call(redacted("x"), tenant_policy=eu_policy(provider="nope"), purpose="t")
    session.commit()
    timeout = get_receipt(session, tenant_id=TENANT_A, receipt_id=info.value.receipt_id)
    assert timeout["outcome"] == "timeout" and timeout["attempts"] == 2 and timeout["error_code"] == "provider_timeout"
    refusal = get_receipt(session, tenant_id=TENANT_A, receipt_id=refused.value.receipt_id)
    assert refusal["outcome"] == "refused" and refusal["policy_id"] == "provider-registry"
    assert refusal["params_sent"] == {}


def test_receipt_ids_are_random_and_long() -> None:
    ids = {new_receipt_id() for _ in range(1000)}
    assert len(ids) == 1000 and all(len(i) >= 24 for i in ids)


def test_record_invariants() -> None:
    base = dict(receipt_id=new_receipt_id(), tenant_id=1, request_id=None, purpose="t", provider="p",
                model="m", region="eu", params_sent={}, prompt_sha256="0" * 64, prompt_chars=0)
    with pytest.raises(ValueError):
        ModelCallRecord(**base, outcome="ok", no_training=False)
    with pytest.raises(ValueError):
        ModelCallRecord(**base, outcome="maybe")


def test_the_stored_prompt_is_the_redacted_one_with_every_message_or_nothing_when_turned_off(session, make_guard):
    fake = FakeChatModel.replying("ok")
    kept, dropped = [], []
    guard = make_guard(registry(provider()), {"fake": fake}, on_record=kept.append)
    prompt = RedactedPrompt.of(system=redacted("You summarise leads."),
                               user=redacted("Call <PERSON_1> on <PHONE_1>; ملاحظة عن <PERSON_2>", PERSON=2, PHONE=1))
    reply = guard.call(prompt, tenant_policy=eu_policy(), purpose="lead_summary")
    save(session, kept[0])
    other = guard.call(redacted("second <PERSON_1>", PERSON=1), tenant_policy=eu_policy(), purpose="chat")
    dropped.append(kept[1])
    save(session, dropped[0], keep_prompt=False)  # LUA_RECEIPT_KEEP_PROMPT=false
    session.commit()

    receipt = get_receipt(session, tenant_id=TENANT_A, receipt_id=reply.receipt_id)
    assert receipt["prompt_redacted"] == [
        {"role": "system", "content": "You summarise leads."},
        {"role": "user", "content": "Call <PERSON_1> on <PHONE_1>; ملاحظة عن <PERSON_2>"},
    ]
    # What the model received is exactly what is shown: the provider got the same messages.
    assert [(m.role, m.content) for m in fake.requests[0].messages] == [
        (m["role"], m["content"]) for m in receipt["prompt_redacted"]]
    assert prompt_digest(joined_prompt(receipt["prompt_redacted"])) == receipt["prompt_sha256"]
    assert receipt["prompt_matches_digest"] is True

    off = get_receipt(session, tenant_id=TENANT_A, receipt_id=other.receipt_id)
    assert off["prompt_redacted"] is None and off["prompt_matches_digest"] is None
    assert off["prompt_sha256"] and off["prompt_chars"] == len("second <PERSON_1>")
    raw = session.get(ModelCall, session.query(ModelCall.id).filter_by(receipt_id=other.receipt_id).scalar())
    assert raw.prompt_redacted is None


def test_only_redacted_text_can_be_stored_with_a_receipt() -> None:
    class Loose:
        messages = (type("M", (), {"role": "user", "content": "Layla Haddad +966501234567"})(),)

    with pytest.raises(TypeError):
        redacted_messages(Loose())
    good = RedactedPrompt.of(user=redacted("hi <PERSON_1>", PERSON=1))
    assert [dict(m) for m in redacted_messages(good)] == [{"role": "user", "content": "hi <PERSON_1>"}]


def test_clear_prompts_by_age_request_and_receipt_keeps_the_receipts_and_other_tenants(session) -> None:
    from datetime import datetime, timedelta, timezone

    now = datetime(2026, 11, 27, tzinfo=timezone.utc)

    def add(tenant, age_days, request_id):
        rec = ModelCallRecord(receipt_id=new_receipt_id(), tenant_id=tenant, request_id=request_id, purpose="t",
                              provider="fake", model="m", region="eu", params_sent={}, prompt_sha256="0" * 64,
                              prompt_chars=3, outcome="ok", created_at=now - timedelta(days=age_days),
                              prompt_redacted=({"role": "user", "content": "<PERSON_1>"},))
        save(session, rec)
        return rec.receipt_id

    old_a, new_a, req_a, old_b = add(TENANT_A, 40, "r1"), add(TENANT_A, 2, "r2"), add(TENANT_A, 1, "r3"), \
        add(TENANT_B, 40, "r4")
    session.commit()
    assert clear_prompts(session, tenant_id=TENANT_A, before=now - timedelta(days=30)) == 1
    assert clear_prompts(session, tenant_id=TENANT_A, before=now - timedelta(days=30)) == 0  # idempotent
    assert clear_prompts(session, tenant_id=TENANT_A, request_ids=["r3", "r4"]) == 1  # r4: another tenant
    assert clear_prompts(session, tenant_id=TENANT_A, receipt_ids=[old_b]) == 0
    session.commit()
    kept = {rid: get_receipt(session, tenant_id=t, receipt_id=rid)["prompt_redacted"]
            for t, rid in ((TENANT_A, old_a), (TENANT_A, new_a), (TENANT_A, req_a), (TENANT_B, old_b))}
    assert kept == {old_a: None, new_a: [{"role": "user", "content": "<PERSON_1>"}], req_a: None,
                    old_b: [{"role": "user", "content": "<PERSON_1>"}]}

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
from guardrails.egress.records import new_receipt_id
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
    assert "<PERSON_1>" not in json.dumps(receipt)

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

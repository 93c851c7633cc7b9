"""The egress guard end to end against a fake OpenAI-compatible server on loopback."""

from __future__ import annotations

import json

import pytest

from connectors.llm import ModelParams
from connectors.llm.fake_server import FakeOpenAIServer, FakeResponse
from connectors.llm.openai_compat import OpenAICompatibleConfig, OpenAICompatibleModel
from guardrails.egress import (
    EgressReply,
    EgressStream,
    ProviderBadResponse,
    ProviderRejected,
    ProviderStreamBroken,
    ProviderTimeout,
    ProviderUnavailable,
    RedactedPrompt,
    RetryPolicy,
)
from guardrails.egress.records import ModelCallRecord
from tests.egress.conftest import eu_policy, provider, redacted, registry

# The lead's personal values, and the redacted text the redaction layer would hand over.
PERSONAL = ["Layla Haddad", "layla.haddad@example.com", "+971 50 123 4567", "784-1987-1234567-1"]
PROMPT = RedactedPrompt.of(
    system=redacted("You summarise CRM leads in three bullets."),
    user=redacted("Lead: <PERSON_1> (<EMAIL_1>, <PHONE_1>), ID <NATIONAL_ID_1>. Stage: negotiation.",
                  PERSON=1, EMAIL=1, PHONE=1, NATIONAL_ID=1),
)


@pytest.fixture
def http_guard(fake_openai: FakeOpenAIServer, make_guard):
    records: list[ModelCallRecord] = []
    prov = provider("eu-server", kind="openai_compatible", endpoint=fake_openai.base_url, model="m",
                    no_training_params={"store": False}, timeout_s=0.5)
    model = OpenAICompatibleModel(OpenAICompatibleConfig(base_url=fake_openai.base_url, model="m", timeout_s=5))

    def make(**kwargs):
        return make_guard(registry(prov), {"eu-server": model}, on_record=records.append, **kwargs)

    return make, records


def call(guard, **kw):
    return guard.call(PROMPT, tenant_policy=eu_policy(), purpose="lead_summary", request_id="req-1", **kw)


def test_request_body_has_no_training_params_and_only_redacted_text(fake_openai, http_guard) -> None:
    make, records = http_guard
    fake_openai.add(FakeResponse("- <PERSON_1> is negotiating.", prompt_tokens=40, completion_tokens=7))
    reply = call(make(), params=ModelParams(temperature=0.1, max_tokens=120, extra={"store": True}))
    assert isinstance(reply, EgressReply) and reply.text == "- <PERSON_1> is negotiating."

    assert len(fake_openai.requests) == 1
    body = fake_openai.bodies[0]
    assert body["store"] is False  # the provider's no-training switch wins over the caller's
    assert [m["content"] for m in body["messages"]] == [m.content.text for m in PROMPT.messages]
    wire = json.dumps(body, ensure_ascii=False)
    for value in PERSONAL:
        assert value not in wire

    record = reply.record
    assert records == [record]
    assert record.no_training is True and record.outcome == "ok" and record.attempts == 1
    assert record.params_sent == {"temperature": 0.1, "max_tokens": 120, "store": False}
    assert (record.provider, record.model, record.region) == ("eu-server", "fake-openai-model", "eu")
    assert (record.tokens_in, record.tokens_out) == (40, 7)
    assert record.prompt_sha256 == PROMPT.sha256 and record.prompt_chars == PROMPT.chars
    assert record.redaction_counts == {"PERSON": 1, "EMAIL": 1, "PHONE": 1, "NATIONAL_ID": 1}
    assert record.request_id == "req-1" and record.receipt_id.startswith("rcpt_")
    # The receipt keeps exactly the redacted messages that went on the wire, and no personal value.
    receipt = record.as_receipt()
    assert receipt["prompt_redacted"] == [{"role": m["role"], "content": m["content"]} for m in body["messages"]]
    assert receipt["prompt_matches_digest"] is True
    for value in PERSONAL:
        assert value not in json.dumps(receipt, ensure_ascii=False)


def test_timeouts_are_retried_then_reported(fake_openai, http_guard, sleeps) -> None:
    make, records = http_guard
    fake_openai.add(FakeResponse("late", delay_s=3.0))
    with pytest.raises(ProviderTimeout) as info:
        call(make())
    assert len(fake_openai.requests) == 3  # bounded: max_attempts
    assert len(sleeps) == 2 and sleeps[1] > sleeps[0]  # exponential backoff
    err = info.value
    assert err.status_code == 504 and "after 3 attempts" in err.message
    assert err.record.outcome == "timeout" and err.record.attempts == 3
    assert records[-1] is err.record


def test_500_then_success(fake_openai, http_guard) -> None:
    make, _ = http_guard
    fake_openai.add(FakeResponse(status=500), FakeResponse(status=503), FakeResponse("fine"))
    reply = call(make())
    assert reply.text == "fine" and reply.record.attempts == 3
    assert len(fake_openai.requests) == 3
    assert all(b["store"] is False for b in fake_openai.bodies)  # every attempt carries the flag


def test_persistent_500_is_unavailable(fake_openai, http_guard) -> None:
    make, _ = http_guard
    fake_openai.add(FakeResponse(status=500))
    with pytest.raises(ProviderUnavailable, match="HTTP 500") as info:
        call(make())
    assert info.value.status_code == 503 and len(fake_openai.requests) == 3


@pytest.mark.parametrize("response, error, outcome", [
    (FakeResponse(raw_body=b'{"choices": [{"message": '), ProviderBadResponse, "bad_response"),
    (FakeResponse(status=400), ProviderRejected, "rejected"),
])
def test_non_retryable_faults_are_not_retried(fake_openai, http_guard, response, error, outcome) -> None:
    make, _ = http_guard
    fake_openai.add(response)
    with pytest.raises(error) as info:
        call(make())
    assert len(fake_openai.requests) == 1
    assert info.value.record.outcome == outcome and info.value.status_code == 502


def test_errors_carry_no_prompt_text(fake_openai, http_guard) -> None:
    make, _ = http_guard
    # a provider that echoes the prompt in its error body
    fake_openai.add(lambda body: FakeResponse(status=500, raw_body=json.dumps(
        {"error": {"message": "bad input: " + json.dumps(body["messages"])}}).encode()))
    with pytest.raises(ProviderUnavailable) as info:
        call(make(retry=RetryPolicy(max_attempts=1)))
    err = info.value
    rendered = json.dumps(err.to_dict()) + str(err) + repr(err)
    assert "<PERSON_1>" not in rendered and "summarise" not in rendered
    assert err.__cause__ is None and err.__suppress_context__


def test_stream_ok_and_record(fake_openai, http_guard) -> None:
    make, records = http_guard
    fake_openai.add(FakeResponse(stream_chunks=("- <PERSON_1> ", "is ", "negotiating."), prompt_tokens=30,
                                 completion_tokens=3))
    stream = call(make(), stream=True)
    assert isinstance(stream, EgressStream) and stream.receipt_id.startswith("rcpt_")
    assert stream.record is None  # known once the stream ends
    assert "".join(stream) == "- <PERSON_1> is negotiating."
    assert stream.record is records[-1] and stream.record.outcome == "ok" and stream.record.streamed
    assert stream.record.receipt_id == stream.receipt_id
    assert (stream.record.tokens_in, stream.record.tokens_out) == (30, 3)
    assert fake_openai.bodies[0]["store"] is False and fake_openai.bodies[0]["stream"] is True


@pytest.mark.parametrize("response", [
    FakeResponse("one two three four", break_after=2),
    FakeResponse("one two three four", bad_chunk_after=2),
])
def test_stream_broken_midway_ends_with_clear_error(fake_openai, http_guard, response) -> None:
    make, records = http_guard
    fake_openai.add(response)
    got: list[str] = []
    with pytest.raises(ProviderStreamBroken, match="broke after 2 chunks") as info:
        for chunk in call(make(), stream=True):
            got.append(chunk)
    assert got == ["one ", "two "]
    assert len(fake_openai.requests) == 1  # never retried once text went out
    assert info.value.record.outcome == "stream_broken" and records[-1] is info.value.record


def test_stream_retries_before_the_first_chunk(fake_openai, http_guard) -> None:
    make, _ = http_guard
    fake_openai.add(FakeResponse(status=502), FakeResponse("ok then"))
    stream = call(make(), stream=True)
    assert "".join(stream) == "ok then" and stream.record.attempts == 2

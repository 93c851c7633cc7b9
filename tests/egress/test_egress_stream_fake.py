"""Streaming through the guard with the scripted fake: retries before text, breaks after, cancellation."""

from __future__ import annotations

import pytest

from connectors.llm import FakeChatModel, FakeStream, ModelStreamBroken, ModelUnavailable
from guardrails.egress import ProviderStreamBroken
from tests.egress.conftest import eu_policy, provider, redacted, registry


def test_fake_stream_break_is_reported_with_a_record(make_guard) -> None:
    records = []
    fake = FakeChatModel.replying(FakeStream(["a ", "b "], error=ModelStreamBroken("x")))
    guard = make_guard(registry(provider()), {"fake": fake}, on_record=records.append)
    stream = guard.call(redacted("hi"), tenant_policy=eu_policy(), purpose="chat", stream=True)
    got = []
    with pytest.raises(ProviderStreamBroken):
        for chunk in stream:
            got.append(chunk)
    assert got == ["a ", "b "] and records[-1].outcome == "stream_broken"
    assert len(fake.requests) == 1


def test_stream_retry_before_first_chunk(make_guard, sleeps) -> None:
    fake = FakeChatModel(script=[ModelUnavailable(), "all good"])
    guard = make_guard(registry(provider()), {"fake": fake})
    stream = guard.call(redacted("hi"), tenant_policy=eu_policy(), purpose="chat", stream=True)
    assert "".join(stream) == "all good" and stream.record.attempts == 2 and len(sleeps) == 1
    assert all(r.params.extra == {"store": False} for r in fake.requests)


def test_cancelled_stream_is_recorded(make_guard) -> None:
    records = []
    guard = make_guard(registry(provider()), {"fake": FakeChatModel.replying("one two three")},
                       on_record=records.append)
    stream = guard.call(redacted("hi"), tenant_policy=eu_policy(), purpose="chat", stream=True)
    assert next(iter(stream)) == "one "
    stream.close()
    assert records[-1].outcome == "cancelled" and stream.record is records[-1]


def test_refusal_is_raised_at_call_time_not_at_iteration(make_guard) -> None:
    guard = make_guard(registry(provider()), {"fake": FakeChatModel.replying("x")})
    with pytest.raises(Exception, match="region"):
        guard.call(redacted("hi"), tenant_policy=eu_policy(allowed_regions=frozenset({"us"})),
                   purpose="chat", stream=True)


def test_a_dropped_unread_stream_does_not_jam_the_half_open_circuit(make_guard) -> None:
    now = [0.0]
    fake = FakeChatModel(script=[ModelUnavailable(), "probe ok"], repeat_last=True)
    guard = make_guard(registry(provider()), {"fake": fake}, breaker_failure_threshold=1,
                       breaker_reset_after_s=10, clock=lambda: now[0])
    with pytest.raises(Exception):
        guard.call(redacted("hi"), tenant_policy=eu_policy(), purpose="chat")
    now[0] += 10
    stream = guard.call(redacted("hi"), tenant_policy=eu_policy(), purpose="chat", stream=True)  # the probe
    stream.close()  # never read
    assert stream.record.outcome == "cancelled"
    assert guard.call(redacted("hi"), tenant_policy=eu_policy(), purpose="chat").text == "probe ok"


def test_json_schema_on_a_model_without_it_is_rejected(make_guard) -> None:
    from connectors.llm import ModelCapabilities
    from guardrails.egress import ProviderRejected

    fake = FakeChatModel.replying("{}")
    fake.capabilities = ModelCapabilities(json_schema=False)
    guard = make_guard(registry(provider()), {"fake": fake})
    with pytest.raises(ProviderRejected, match="JSON schema"):
        guard.call(redacted("hi"), tenant_policy=eu_policy(), purpose="t", json_schema={"type": "object"})
    assert fake.requests == []

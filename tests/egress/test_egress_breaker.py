"""Circuit breaker per provider: opens after repeated faults, half-opens after a pause, closes on success."""

from __future__ import annotations

import pytest

from connectors.llm import FakeChatModel, ModelRequestRejected, ModelUnavailable
from guardrails.egress import CircuitBreaker, ProviderRejected, ProviderUnavailable, RetryPolicy
from guardrails.egress.resilience import CircuitOpen
from tests.egress.conftest import eu_policy, provider, redacted, registry


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_breaker_states() -> None:
    clock = Clock()
    b = CircuitBreaker(failure_threshold=2, reset_after_s=10, clock=clock)
    b.before_call(); b.record_failure()
    assert b.state == "closed"
    b.before_call(); b.record_failure()
    assert b.state == "open"
    with pytest.raises(CircuitOpen) as info:
        b.before_call()
    assert info.value.retry_after_s == pytest.approx(10)
    clock.now += 10
    assert b.state == "half_open"
    b.before_call()  # the one probe
    with pytest.raises(CircuitOpen):
        b.before_call()  # a second caller waits while the probe is out
    b.record_failure()
    assert b.state == "open"  # a failed probe reopens at once
    clock.now += 10
    b.before_call()
    b.record_success()
    assert b.state == "closed"
    b.before_call()


def test_success_resets_the_failure_count() -> None:
    b = CircuitBreaker(failure_threshold=3, reset_after_s=10, clock=Clock())
    for _ in range(2):
        b.record_failure()
    b.record_success()
    for _ in range(2):
        b.record_failure()
    assert b.state == "closed"


def test_guard_opens_the_circuit_and_stops_calling_the_provider(make_guard) -> None:
    clock = Clock()
    fake = FakeChatModel.replying(ModelUnavailable(status=500))
    guard = make_guard(registry(provider()), {"fake": fake}, retry=RetryPolicy(max_attempts=1),
                       breaker_failure_threshold=3, breaker_reset_after_s=30, clock=clock)
    policy = eu_policy()
    for _ in range(3):
        with pytest.raises(ProviderUnavailable):
            guard.call(redacted("hi"), tenant_policy=policy, purpose="t")
    assert len(fake.requests) == 3 and guard.breaker("fake").state == "open"

    with pytest.raises(ProviderUnavailable, match="circuit open") as info:
        guard.call(redacted("hi"), tenant_policy=policy, purpose="t")
    assert len(fake.requests) == 3  # not called while open
    assert info.value.record.outcome == "circuit_open" and info.value.retry_after_s == pytest.approx(30)

    # half-open: one probe goes through; success closes the circuit
    clock.now += 30
    fake.script.append("back")
    fake.repeat_last = True
    assert guard.call(redacted("hi"), tenant_policy=policy, purpose="t").text == "back"
    assert guard.breaker("fake").state == "closed"


def test_failed_probe_reopens(make_guard) -> None:
    clock = Clock()
    fake = FakeChatModel.replying(ModelUnavailable(status=503))
    guard = make_guard(registry(provider()), {"fake": fake}, retry=RetryPolicy(max_attempts=1),
                       breaker_failure_threshold=1, breaker_reset_after_s=5, clock=clock)
    with pytest.raises(ProviderUnavailable):
        guard.call(redacted("hi"), tenant_policy=eu_policy(), purpose="t")
    clock.now += 5
    with pytest.raises(ProviderUnavailable, match="HTTP 503"):
        guard.call(redacted("hi"), tenant_policy=eu_policy(), purpose="t")  # the probe
    with pytest.raises(ProviderUnavailable, match="circuit open"):
        guard.call(redacted("hi"), tenant_policy=eu_policy(), purpose="t")
    assert len(fake.requests) == 2


def test_circuit_opening_mid_retries_stops_them(make_guard, sleeps) -> None:
    fake = FakeChatModel.replying(ModelUnavailable(status=500))
    guard = make_guard(registry(provider()), {"fake": fake}, retry=RetryPolicy(max_attempts=5, jitter=0),
                       breaker_failure_threshold=2)
    with pytest.raises(ProviderUnavailable, match="circuit open"):
        guard.call(redacted("hi"), tenant_policy=eu_policy(), purpose="t")
    assert len(fake.requests) == 2


def test_rejected_requests_do_not_open_the_circuit(make_guard) -> None:
    fake = FakeChatModel.replying(ModelRequestRejected(status=400))
    guard = make_guard(registry(provider()), {"fake": fake}, breaker_failure_threshold=1)
    for _ in range(3):
        with pytest.raises(ProviderRejected):
            guard.call(redacted("hi"), tenant_policy=eu_policy(), purpose="t")
    assert guard.breaker("fake").state == "closed" and len(fake.requests) == 3


def test_breakers_are_per_provider(make_guard) -> None:
    other = provider("other")
    bad, good = FakeChatModel.replying(ModelUnavailable()), FakeChatModel.replying("ok")
    guard = make_guard(registry(provider(), other), {"fake": bad, "other": good},
                       retry=RetryPolicy(max_attempts=1), breaker_failure_threshold=1)
    with pytest.raises(ProviderUnavailable):
        guard.call(redacted("hi"), tenant_policy=eu_policy(), purpose="t")
    assert guard.call(redacted("hi"), tenant_policy=eu_policy(provider="other"), purpose="t").text == "ok"


def test_backoff_grows_and_is_capped() -> None:
    policy = RetryPolicy(base_delay_s=0.5, multiplier=2, max_delay_s=1.5, jitter=0)
    assert [policy.delay(n) for n in (1, 2, 3, 4)] == [0.5, 1.0, 1.5, 1.5]
    jittered = RetryPolicy(base_delay_s=1, jitter=0.2)
    assert 1.0 <= jittered.delay(1, rng=lambda: 0.99) <= 1.2

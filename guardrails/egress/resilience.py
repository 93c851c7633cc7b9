"""Bounded retries with exponential backoff, and a circuit breaker per provider."""

from __future__ import annotations

import random
import threading
import time
from dataclasses import dataclass
from typing import Callable, Literal

BreakerState = Literal["closed", "open", "half_open"]


@dataclass(frozen=True)
class RetryPolicy:
    """At most `max_attempts` tries; waits base * multiplier**(n-1), capped, plus up to `jitter` of it."""

    max_attempts: int = 3
    base_delay_s: float = 0.25
    multiplier: float = 2.0
    max_delay_s: float = 4.0
    jitter: float = 0.2
    total_budget_s: float | None = None  # no new attempt once this much time has gone by

    def __post_init__(self) -> None:
        if self.max_attempts < 1:
            raise ValueError("max_attempts must be >= 1")

    def delay(self, attempt: int, *, rng: Callable[[], float] = random.random) -> float:
        """Seconds to wait after failed attempt number `attempt` (1-based)."""
        base = min(self.max_delay_s, self.base_delay_s * self.multiplier ** (attempt - 1))
        return base * (1.0 + self.jitter * rng())


class CircuitOpen(Exception):
    def __init__(self, retry_after_s: float) -> None:
        super().__init__("circuit open")
        self.retry_after_s = retry_after_s


class CircuitBreaker:
    """Opens after `failure_threshold` consecutive provider faults; after `reset_after_s` lets one
    probe through (half-open): success closes it, failure opens it again."""

    def __init__(
        self,
        *,
        failure_threshold: int = 5,
        reset_after_s: float = 30.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.failure_threshold = failure_threshold
        self.reset_after_s = reset_after_s
        self._clock = clock
        self._lock = threading.Lock()
        self._failures = 0
        self._opened_at: float | None = None
        self._probe_in_flight = False

    @property
    def state(self) -> BreakerState:
        with self._lock:
            return self._state_locked()

    def _state_locked(self) -> BreakerState:
        if self._opened_at is None:
            return "closed"
        if self._clock() - self._opened_at >= self.reset_after_s:
            return "half_open"
        return "open"

    def before_call(self) -> bool:
        """Raise `CircuitOpen` unless a call may go out now; True when this call is the half-open probe."""
        with self._lock:
            state = self._state_locked()
            if state == "closed":
                return False
            if state == "half_open" and not self._probe_in_flight:
                self._probe_in_flight = True
                return True
            assert self._opened_at is not None
            remaining = max(0.0, self.reset_after_s - (self._clock() - self._opened_at))
            raise CircuitOpen(remaining if state == "open" else 1.0)

    def record_success(self) -> None:
        with self._lock:
            self._failures = 0
            self._opened_at = None
            self._probe_in_flight = False

    def record_failure(self) -> None:
        with self._lock:
            self._failures += 1
            if self._probe_in_flight or self._failures >= self.failure_threshold:
                self._opened_at = self._clock()
            self._probe_in_flight = False

    def release_probe(self) -> None:
        """A probe ended without telling us anything about the provider (e.g. a rejected request)."""
        with self._lock:
            self._probe_in_flight = False

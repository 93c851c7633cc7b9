"""Fixtures for egress tests: redacted text, registries, guards that do not sleep."""

from __future__ import annotations

from typing import Any, Callable

import pytest

from connectors.llm.base import ChatModel
from guardrails.egress.guard import EgressGuard
from guardrails.egress.providers import ProviderConfig, ProviderRegistry, TenantLLMPolicy, build_registry
from guardrails.egress.resilience import RetryPolicy
from guardrails.types import RedactedText, _make_redacted
from tests.llm.conftest import fake_openai, no_real_model_requests, smollm2_path  # noqa: F401 - fixtures

TENANT_A = 1
TENANT_B = 2


def redacted(text: str, **counts: int) -> RedactedText:
    return _make_redacted(text, counts)


def provider(name: str = "fake", **overrides: Any) -> ProviderConfig:
    body: dict[str, Any] = dict(
        name=name, kind="fake", model="fake-model", region="eu", trains_on_inputs="never",
        retention="none", no_training_params={"store": False},
    )
    body.update(overrides)
    return ProviderConfig(**body)


def registry(default: ProviderConfig, *others: ProviderConfig) -> ProviderRegistry:
    return build_registry(default, {p.name: p for p in others})


class Sleeps(list):
    """Records the backoff delays instead of sleeping."""

    def __call__(self, seconds: float) -> None:
        self.append(seconds)


@pytest.fixture
def sleeps() -> Sleeps:
    return Sleeps()


@pytest.fixture
def make_guard(sleeps: Sleeps) -> Callable[..., EgressGuard]:
    def make(reg: ProviderRegistry, models: dict[str, ChatModel], **kwargs: Any) -> EgressGuard:
        kwargs.setdefault("retry", RetryPolicy(max_attempts=3, base_delay_s=0.01, jitter=0.0))
        kwargs.setdefault("sleep", sleeps)
        return EgressGuard(registry=reg, model_factory=lambda p: models[p.name], **kwargs)

    return make


def eu_policy(tenant_id: int = TENANT_A, **kw: Any) -> TenantLLMPolicy:
    return TenantLLMPolicy(tenant_id=tenant_id, **kw)

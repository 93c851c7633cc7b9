"""The one exit to model providers: redacted prompts only, no-training enforced and recorded."""

from __future__ import annotations

from guardrails.egress.errors import (
    EgressError,
    EgressRefused,
    NoCompliantProvider,
    ProviderBadResponse,
    ProviderConfigError,
    ProviderError,
    ProviderRejected,
    ProviderStreamBroken,
    ProviderTimeout,
    ProviderUnavailable,
)
from guardrails.egress.guard import EgressGuard, EgressReply, EgressStream
from guardrails.egress.prompt import PromptMessage, RedactedPrompt, as_prompt
from guardrails.egress.providers import (
    ProviderConfig,
    ProviderRegistry,
    TenantLLMPolicy,
    check_default_provider,
    evaluate_provider,
    load_registry_file,
    select_provider,
)
from guardrails.egress.records import ModelCall, ModelCallRecord, get_receipt, save
from guardrails.egress.resilience import CircuitBreaker, RetryPolicy

__all__ = [
    "CircuitBreaker",
    "EgressError",
    "EgressGuard",
    "EgressRefused",
    "EgressReply",
    "EgressStream",
    "ModelCall",
    "ModelCallRecord",
    "NoCompliantProvider",
    "PromptMessage",
    "ProviderBadResponse",
    "ProviderConfig",
    "ProviderConfigError",
    "ProviderError",
    "ProviderRegistry",
    "ProviderRejected",
    "ProviderStreamBroken",
    "ProviderTimeout",
    "ProviderUnavailable",
    "RedactedPrompt",
    "RetryPolicy",
    "TenantLLMPolicy",
    "as_prompt",
    "check_default_provider",
    "evaluate_provider",
    "get_receipt",
    "load_registry_file",
    "save",
    "select_provider",
]

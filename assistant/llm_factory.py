"""Builds the model-provider registry, chat models and the egress guard from `Settings`.

`guardrails/` and `connectors/` take plain config objects; this is the one place that reads settings
for them. Call `check_llm_settings(settings)` at start-up: it refuses a default provider that trains on
inputs or runs outside the EU.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Callable, Mapping

from assistant.settings import Settings
from connectors.llm.base import ChatModel
from connectors.llm.fake import FakeChatModel, demo_reply
from guardrails.egress.errors import ProviderConfigError
from guardrails.egress.guard import EgressGuard, RecordSink
from guardrails.egress.providers import (
    DEFAULT_REGISTRY_PATH,
    ProviderConfig,
    ProviderRegistry,
    TenantLLMPolicy,
    build_registry,
    check_default_provider,
    load_registry_file,
)
from guardrails.egress.resilience import RetryPolicy

OPENAI_NO_TRAINING_PARAMS = {"store": False}


def default_provider_config(settings: Settings) -> ProviderConfig:
    """The deployment's default provider, from the LUA_LLM_* settings."""
    kind = settings.llm_provider
    retention: int | str = settings.llm_retention_days or "none"
    common = dict(
        region=settings.llm_region,
        trains_on_inputs=settings.llm_trains_on_inputs,
        retention=retention,
        timeout_s=settings.llm_timeout_s,
        max_tokens=settings.llm_max_tokens,
        context_tokens=settings.llm_context_tokens,
        threads=settings.llm_threads,
    )
    if kind == "local":
        path = Path(settings.llm_model_path)
        return ProviderConfig(
            name="local", kind="local", model=settings.llm_model or path.stem, model_path=str(path),
            description="embedded local model (in process)",
            no_training_params=settings.llm_no_training_params or {}, languages=("en",), **common,
        )
    if kind == "openai_compatible":
        if not settings.llm_base_url or not settings.llm_model:
            raise ProviderConfigError(
                "LUA_LLM_PROVIDER=openai_compatible needs LUA_LLM_BASE_URL and LUA_LLM_MODEL"
            )
        params = settings.llm_no_training_params
        return ProviderConfig(
            name="openai_compatible", kind="openai_compatible", endpoint=settings.llm_base_url,
            model=settings.llm_model, description="OpenAI-compatible server from settings",
            no_training_params=OPENAI_NO_TRAINING_PARAMS if params is None else params,
            languages=("en", "ar"), **common,
        )
    return ProviderConfig(
        name="fake", kind="fake", model=settings.llm_model or "fake-model",
        description="scripted fake model (tests and demos)",
        no_training_params=settings.llm_no_training_params or {}, languages=("en", "ar"), **common,
    )


def build_provider_registry(settings: Settings) -> ProviderRegistry:
    """The default provider from settings plus the providers YAML (for tenant overrides)."""
    path = settings.llm_providers_file or DEFAULT_REGISTRY_PATH
    return build_registry(default_provider_config(settings), load_registry_file(path))


def check_llm_settings(settings: Settings) -> ProviderRegistry:
    """Start-up check; raises `ProviderConfigError` with a clear message, returns the registry."""
    registry = build_provider_registry(settings)
    check_default_provider(registry.default_provider)
    return registry


def make_model_factory(
    settings: Settings, *, overrides: Mapping[str, ChatModel] | None = None
) -> Callable[[ProviderConfig], ChatModel]:
    """Builds the chat model for a provider; `overrides` (by provider name) replace it, e.g. a fake."""

    def factory(provider: ProviderConfig) -> ChatModel:
        if overrides and provider.name in overrides:
            return overrides[provider.name]
        if provider.kind == "local":
            from connectors.llm.local import LocalLlamaModel, LocalModelConfig

            return LocalLlamaModel(LocalModelConfig(
                model_path=Path(provider.model_path or settings.llm_model_path),
                n_ctx=provider.context_tokens,
                n_threads=provider.threads,
                max_tokens=provider.max_tokens,
                timeout_s=provider.timeout_s,
                name=provider.name,
                languages=frozenset(provider.languages),
            ))
        if provider.kind == "openai_compatible":
            from connectors.llm.openai_compat import OpenAICompatibleConfig, OpenAICompatibleModel

            if provider.api_key_env:
                api_key = os.environ.get(provider.api_key_env, "")
            else:
                api_key = settings.llm_api_key
            return OpenAICompatibleModel(OpenAICompatibleConfig(
                base_url=provider.endpoint,
                model=provider.model,
                api_key=api_key,
                timeout_s=provider.timeout_s,
                max_tokens=provider.max_tokens,
                name=provider.name,
                languages=frozenset(provider.languages),
                context_tokens=provider.context_tokens,
            ))
        # The service's own fake (demo and `make load`) runs for hours: keep only its last requests.
        return FakeChatModel(script=[demo_reply], repeat_last=True, keep_requests=100)

    return factory


def build_egress_guard(
    settings: Settings,
    *,
    models: Mapping[str, ChatModel] | None = None,
    on_record: RecordSink | None = None,
    registry: ProviderRegistry | None = None,
) -> EgressGuard:
    """The process's egress guard. Checks the default provider first (start-up refusal)."""
    registry = registry or check_llm_settings(settings)
    return EgressGuard(
        registry=registry,
        model_factory=make_model_factory(settings, overrides=models),
        retry=RetryPolicy(max_attempts=settings.llm_retry_attempts,
                          total_budget_s=settings.llm_timeout_s * settings.llm_retry_attempts),
        breaker_failure_threshold=settings.llm_breaker_failures,
        breaker_reset_after_s=settings.llm_breaker_reset_s,
        on_record=on_record,
    )


def default_tenant_policy(tenant_id: int) -> TenantLLMPolicy:
    """The policy of a tenant that has set nothing: default provider, EU only, no training."""
    return TenantLLMPolicy(tenant_id=tenant_id)

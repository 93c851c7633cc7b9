"""No-training and region policy: start-up refusals for the default, call-time refusals for overrides."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.llm_factory import build_egress_guard, check_llm_settings, default_provider_config
from assistant.settings import Settings
from connectors.llm import FakeChatModel
from guardrails.egress import (
    EgressRefused,
    NoCompliantProvider,
    ProviderConfigError,
    TenantLLMPolicy,
    check_default_provider,
    evaluate_provider,
    load_registry_file,
)
from guardrails.egress.providers import DEFAULT_REGISTRY_PATH
from tests.egress.conftest import TENANT_A, eu_policy, provider, redacted, registry


@pytest.mark.parametrize("overrides, allowed, policy_id", [
    ({}, True, "ok"),
    ({"trains_on_inputs": "yes"}, False, "no-training"),
    ({"trains_on_inputs": "opt_out", "no_training_params": {}}, False, "no-training"),
    ({"trains_on_inputs": "opt_out", "no_training_params": {"store": False}}, True, "ok"),
    ({"region": "us"}, False, "region"),
    ({"region": "EU"}, True, "ok"),
    ({"retention": 30}, True, "ok"),
])
def test_evaluate_provider_eu_tenant(overrides: dict, allowed: bool, policy_id: str) -> None:
    decision = evaluate_provider(provider(**overrides), eu_policy())
    assert (decision.allowed, decision.policy_id) == (allowed, policy_id)
    if not allowed:
        assert policy_id in decision.reason


def test_no_setting_turns_no_training_off() -> None:
    # even a tenant that allows every region cannot accept a provider that trains on inputs
    policy = TenantLLMPolicy(tenant_id=TENANT_A, allowed_regions=frozenset({"eu", "us", "apac"}))
    assert not evaluate_provider(provider(trains_on_inputs="yes"), policy).allowed
    assert "no_training" not in TenantLLMPolicy.__dataclass_fields__


def test_retention_limit() -> None:
    policy = eu_policy(max_retention_days=0)
    decision = evaluate_provider(provider(retention=30), policy)
    assert not decision.allowed and decision.policy_id == "retention"


@pytest.mark.parametrize("env, match", [
    ({"llm_trains_on_inputs": "yes"}, "no-training"),
    ({"llm_trains_on_inputs": "opt_out"}, "no-training"),
    ({"llm_region": "us"}, "region"),
    ({"llm_provider": "openai_compatible", "llm_base_url": "https://llm.example.com/v1",
      "llm_model": "m", "llm_region": "us"}, "region"),
    ({"llm_provider": "openai_compatible"}, "LUA_LLM_BASE_URL"),
])
def test_default_provider_refused_at_start_up(env: dict, match: str) -> None:
    settings = Settings(**env)
    with pytest.raises(ProviderConfigError, match=match):
        check_llm_settings(settings)
    with pytest.raises(ProviderConfigError):
        build_egress_guard(settings)


def test_compliant_defaults_start() -> None:
    registry_ = check_llm_settings(Settings())
    assert registry_.default == "local"
    openai_like = Settings(llm_provider="openai_compatible", llm_base_url="http://127.0.0.1:1/v1", llm_model="m",
                           llm_trains_on_inputs="opt_out")
    provider_ = default_provider_config(openai_like)
    assert provider_.no_training_params == {"store": False}  # opt_out is fine: the opt-out is sent
    check_default_provider(provider_)


def test_env_settings_define_the_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LUA_LLM_PROVIDER", "openai_compatible")
    monkeypatch.setenv("LUA_LLM_BASE_URL", "http://127.0.0.1:9/v1")
    monkeypatch.setenv("LUA_LLM_MODEL", "qwen")
    monkeypatch.setenv("LUA_LLM_REGION", "EU")
    monkeypatch.setenv("LUA_LLM_NO_TRAINING_PARAMS", '{"store": false, "retention": "none"}')
    p = default_provider_config(Settings())
    assert (p.name, p.endpoint, p.model, p.region) == ("openai_compatible", "http://127.0.0.1:9/v1", "qwen", "eu")
    assert p.no_training_params == {"store": False, "retention": "none"}


def test_builtin_registry_loads() -> None:
    providers = load_registry_file(DEFAULT_REGISTRY_PATH)
    assert providers["openai-us"].region == "us"
    assert providers["openai-us"].no_training_params == {"store": False}
    # the account-level opt-out cannot be proven per request: refused for everyone
    assert not evaluate_provider(providers["mistral-eu"], eu_policy()).allowed


def test_bad_registry_entry_fails_loudly(tmp_path: Path) -> None:
    bad = tmp_path / "p.yaml"
    bad.write_text("providers:\n  x:\n    kind: openai_compatible\n    model: m\n    region: eu\n"
                   "    trains_on_inputs: sometimes\n")
    with pytest.raises(ProviderConfigError, match="'x'"):
        load_registry_file(bad)
    bad.write_text("providers:\n  local:\n    kind: local\n    model: m\n    region: eu\n    trains_on_inputs: never\n")
    with pytest.raises(ProviderConfigError, match="reserved"):
        load_registry_file(bad)


# ---- call time: tenant overrides

def _guard_with(make_guard, *others):
    default = provider("fake")
    models = {p.name: FakeChatModel.replying("ok") for p in (default, *others)}
    return make_guard(registry(default, *others), models), models


@pytest.mark.parametrize("override, policy_kwargs, policy_id", [
    (provider("us-model", region="us"), {}, "region"),
    (provider("trainer", trains_on_inputs="yes"), {"allowed_regions": frozenset({"eu", "us"})}, "no-training"),
    (provider("optout-no-params", trains_on_inputs="opt_out", no_training_params={}), {}, "no-training"),
    (provider("keeps-90", retention=90), {"max_retention_days": 30}, "retention"),
])
def test_tenant_override_refused_at_call_time_without_fallback(make_guard, override, policy_kwargs,
                                                                policy_id) -> None:
    guard, models = _guard_with(make_guard, override)
    policy = eu_policy(provider=override.name, **policy_kwargs)
    with pytest.raises(NoCompliantProvider) as info:
        guard.call(redacted("hi <PERSON_1>"), tenant_policy=policy, purpose="lead_summary")
    err = info.value
    assert err.policy_id == policy_id and policy_id in err.message
    assert err.status_code == 403 and isinstance(err, EgressRefused)
    assert err.record is not None and err.record.outcome == "refused" and err.record.attempts == 0
    # nothing was sent anywhere: not to the refused provider, and no fallback to the compliant default
    assert all(m.requests == [] for m in models.values())


def test_unknown_provider_override_fails_closed(make_guard) -> None:
    guard, models = _guard_with(make_guard)
    with pytest.raises(NoCompliantProvider, match="provider-registry"):
        guard.call(redacted("hi"), tenant_policy=eu_policy(provider="nope"), purpose="t")
    assert models["fake"].requests == []


def test_tenant_with_stricter_regions_refuses_the_default(make_guard) -> None:
    guard, models = _guard_with(make_guard)
    with pytest.raises(NoCompliantProvider, match="region"):
        guard.call(redacted("hi"), tenant_policy=eu_policy(allowed_regions=frozenset({"de"})), purpose="t")
    assert models["fake"].requests == []


def test_tenant_allowing_us_may_use_a_us_provider(make_guard) -> None:
    us = provider("us-model", region="us")
    guard, models = _guard_with(make_guard, us)
    policy = eu_policy(provider="us-model", allowed_regions=frozenset({"eu", "us"}))
    reply = guard.call(redacted("hi"), tenant_policy=policy, purpose="t")
    assert reply.record.region == "us" and len(models["us-model"].requests) == 1

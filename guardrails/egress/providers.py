"""Provider registry (data-use terms per provider) and the tenant no-training / region policy.

The policy has one fixed rule no setting can switch off — a provider must not train on inputs
(`opt_out` counts only when the opt-out parameters travel with every request) — and one tenant rule:
the provider's region must be among the tenant's allowed regions (EU only by default).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, Mapping

import yaml
from pydantic import BaseModel, ConfigDict, Field, field_validator

from guardrails.egress.errors import NoCompliantProvider, ProviderConfigError

DEFAULT_REGISTRY_PATH = Path(__file__).with_name("providers.yaml")
DEFAULT_ALLOWED_REGIONS: frozenset[str] = frozenset({"eu"})
RESERVED_NAMES = frozenset({"local", "openai_compatible", "fake"})  # names of settings-defined defaults

POLICY_NO_TRAINING = "no-training"
POLICY_REGION = "region"
POLICY_RETENTION = "retention"
POLICY_REGISTRY = "provider-registry"


class ProviderConfig(BaseModel):
    """One provider: where it is, which model, and its data-use terms."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str
    kind: Literal["local", "openai_compatible", "fake"]
    description: str = ""
    endpoint: str = ""
    model: str
    region: str
    trains_on_inputs: Literal["never", "opt_out", "yes"]
    retention: Literal["none"] | int = "none"  # days
    no_training_params: dict[str, Any] = Field(default_factory=dict)
    api_key_env: str | None = None
    languages: tuple[str, ...] = ("en",)
    context_tokens: int = Field(4096, ge=256)
    timeout_s: float = Field(60.0, gt=0)
    max_tokens: int = Field(400, ge=1)
    model_path: str | None = None  # kind=local: the GGUF file
    threads: int = Field(2, ge=1)

    @field_validator("region")
    @classmethod
    def _lower_region(cls, v: str) -> str:
        v = v.strip().lower()
        if not v:
            raise ValueError("region must not be empty")
        return v

    @field_validator("retention")
    @classmethod
    def _retention_days(cls, v: Any) -> Any:
        if isinstance(v, int) and v < 0:
            raise ValueError("retention days must be >= 0")
        return v

    @property
    def retention_days(self) -> int:
        """Days the provider keeps prompts and outputs (0 for none)."""
        return 0 if self.retention == "none" else int(self.retention)


class ProviderRegistry(BaseModel):
    """The providers a tenant may be routed to, by name, plus the deployment default."""

    model_config = ConfigDict(frozen=True)

    providers: dict[str, ProviderConfig]
    default: str

    def get(self, name: str) -> ProviderConfig | None:
        return self.providers.get(name)

    @property
    def default_provider(self) -> ProviderConfig:
        return self.providers[self.default]


def load_registry_file(path: Path | str = DEFAULT_REGISTRY_PATH) -> dict[str, ProviderConfig]:
    """Read a providers YAML file into validated provider configs (a bad entry fails loudly)."""
    raw = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    entries = raw.get("providers") or {}
    if not isinstance(entries, dict):
        raise ProviderConfigError(f"{path}: 'providers' must be a mapping of name to provider")
    out: dict[str, ProviderConfig] = {}
    for name, body in entries.items():
        if name in RESERVED_NAMES:
            raise ProviderConfigError(f"{path}: provider name {name!r} is reserved for the settings default")
        try:
            out[name] = ProviderConfig(name=name, **(body or {}))
        except Exception as exc:  # pydantic.ValidationError, TypeError
            raise ProviderConfigError(f"{path}: provider {name!r} is invalid: {exc}") from exc
    return out


def build_registry(default: ProviderConfig, others: Mapping[str, ProviderConfig]) -> ProviderRegistry:
    providers = dict(others)
    providers[default.name] = default
    return ProviderRegistry(providers=providers, default=default.name)


@dataclass(frozen=True)
class TenantLLMPolicy:
    """A tenant's model-provider policy. No-training is not a field: it is always required."""

    tenant_id: int
    allowed_regions: frozenset[str] = DEFAULT_ALLOWED_REGIONS
    provider: str | None = None  # tenant override: a registry name; None → the deployment default
    max_retention_days: int | None = None  # None → any retention the provider declares
    version: str = "default"

    def __post_init__(self) -> None:
        object.__setattr__(
            self, "allowed_regions", frozenset(r.strip().lower() for r in self.allowed_regions)
        )


@dataclass(frozen=True, slots=True)
class PolicyDecision:
    allowed: bool
    reason: str
    policy_id: str
    provider: str | None = None


def evaluate_provider(provider: ProviderConfig, policy: TenantLLMPolicy) -> PolicyDecision:
    """Check one provider against a tenant policy; the reason names the policy, never data."""
    name = provider.name
    if provider.trains_on_inputs == "yes":
        return PolicyDecision(
            False,
            f"policy '{POLICY_NO_TRAINING}': provider '{name}' trains on inputs",
            POLICY_NO_TRAINING,
            name,
        )
    if provider.trains_on_inputs == "opt_out" and not provider.no_training_params:
        return PolicyDecision(
            False,
            f"policy '{POLICY_NO_TRAINING}': provider '{name}' trains on inputs unless opted out, "
            "and no opt-out request parameters are configured",
            POLICY_NO_TRAINING,
            name,
        )
    if provider.region not in policy.allowed_regions:
        allowed = ", ".join(sorted(policy.allowed_regions)) or "none"
        return PolicyDecision(
            False,
            f"policy '{POLICY_REGION}': provider '{name}' runs in region '{provider.region}', "
            f"allowed regions: {allowed}",
            POLICY_REGION,
            name,
        )
    if policy.max_retention_days is not None and provider.retention_days > policy.max_retention_days:
        return PolicyDecision(
            False,
            f"policy '{POLICY_RETENTION}': provider '{name}' keeps data {provider.retention_days} days, "
            f"allowed: {policy.max_retention_days}",
            POLICY_RETENTION,
            name,
        )
    return PolicyDecision(True, "provider complies with the tenant policy", "ok", name)


def select_provider(registry: ProviderRegistry, policy: TenantLLMPolicy) -> ProviderConfig:
    """The one provider this tenant's call may go to, or `NoCompliantProvider`. Never a fallback."""
    name = policy.provider or registry.default
    provider = registry.get(name)
    if provider is None:
        raise NoCompliantProvider(
            f"policy '{POLICY_REGISTRY}': provider '{name}' is not configured; no call was made",
            policy_id=POLICY_REGISTRY,
            provider=name,
        )
    decision = evaluate_provider(provider, policy)
    if not decision.allowed:
        raise NoCompliantProvider(
            f"{decision.reason}; no compliant provider, no call was made",
            policy_id=decision.policy_id,
            provider=name,
        )
    return provider


def check_default_provider(provider: ProviderConfig) -> None:
    """Start-up check: the default provider must never train on inputs and must run in the EU."""
    decision = evaluate_provider(provider, TenantLLMPolicy(tenant_id=0))
    if not decision.allowed:
        raise ProviderConfigError(
            f"default model provider refused at start-up: {decision.reason} "
            "(check LUA_LLM_PROVIDER, LUA_LLM_REGION, LUA_LLM_TRAINS_ON_INPUTS)"
        )

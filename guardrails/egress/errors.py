"""Egress exceptions, by audience: each carries its HTTP status on the class and a fixed, PII-free message.

Messages name the provider and the policy, never the prompt, the reply or the provider's error body.
Every exception raised by `EgressGuard.call` carries `receipt_id` (the call's record), when one exists.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from guardrails.egress.records import ModelCallRecord


class EgressError(Exception):
    status_code = 500
    code = "egress_error"

    def __init__(self, message: str, *, provider: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.provider = provider
        self.record: "ModelCallRecord | None" = None

    @property
    def receipt_id(self) -> str | None:
        return self.record.receipt_id if self.record is not None else None

    def to_dict(self) -> dict[str, object]:
        """The error as the API shows it (code, message, receipt id)."""
        return {"code": self.code, "message": self.message, "receipt_id": self.receipt_id}


class EgressRefused(EgressError):
    """The tenant's policy forbids the call (no-training, region, retention): nothing was sent."""

    status_code = 403
    code = "egress_refused"

    def __init__(self, message: str, *, policy_id: str, provider: str | None = None) -> None:
        super().__init__(message, provider=provider)
        self.policy_id = policy_id


class NoCompliantProvider(EgressRefused):
    """No configured provider satisfies the tenant's policy; we fail closed, never fall back."""

    code = "no_compliant_provider"


class ProviderConfigError(ValueError):
    """The deployment's default provider violates the fixed policy: raised at start-up."""


class ProviderError(EgressError):
    """The provider failed; the message says how, without anything it was sent or returned."""

    status_code = 502
    code = "provider_error"


class ProviderUnavailable(ProviderError):
    status_code = 503
    code = "provider_unavailable"

    def __init__(
        self, message: str, *, provider: str | None = None, retry_after_s: float | None = None
    ) -> None:
        super().__init__(message, provider=provider)
        self.retry_after_s = retry_after_s


class ProviderTimeout(ProviderError):
    status_code = 504
    code = "provider_timeout"


class ProviderBadResponse(ProviderError):
    status_code = 502
    code = "provider_bad_response"


class ProviderStreamBroken(ProviderError):
    status_code = 502
    code = "provider_stream_broken"


class ProviderRejected(ProviderError):
    """The provider refused the request as invalid (4xx): a bug or a configuration error on our side."""

    status_code = 502
    code = "provider_rejected"

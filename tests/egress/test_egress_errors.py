"""The egress exception hierarchy: HTTP status on the class, one error shape, no personal data."""

from __future__ import annotations

import pytest

from guardrails.egress import errors as e


@pytest.mark.parametrize("cls, status", [
    (e.EgressRefused, 403), (e.NoCompliantProvider, 403), (e.ProviderUnavailable, 503),
    (e.ProviderTimeout, 504), (e.ProviderBadResponse, 502), (e.ProviderStreamBroken, 502),
    (e.ProviderRejected, 502), (e.ProviderError, 502),
])
def test_status_on_the_class(cls: type, status: int) -> None:
    assert cls.status_code == status and issubclass(cls, e.EgressError)


def test_error_shape() -> None:
    err = e.NoCompliantProvider("policy 'region': ...", policy_id="region", provider="x")
    assert err.to_dict() == {"code": "no_compliant_provider", "message": "policy 'region': ...", "receipt_id": None}
    assert not issubclass(e.ProviderConfigError, e.EgressError)  # a start-up error, not a request error

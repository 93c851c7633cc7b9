"""Connector-level model faults. Messages are fixed texts: never a prompt, a reply or a provider body.

`guardrails.egress` maps these to its user-facing exceptions (with HTTP statuses) and decides which
are worth a retry (`retryable`).
"""

from __future__ import annotations


class ModelError(Exception):
    """A chat-model call failed. `retryable` says whether trying again may help."""

    retryable = False
    kind = "error"

    def __init__(self, message: str = "the model call failed", *, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status  # provider HTTP status, when there was one


class ModelTimeout(ModelError):
    retryable = True
    kind = "timeout"


class ModelUnavailable(ModelError):
    """Connection refused or reset, 5xx, 429: the provider may answer next time."""

    retryable = True
    kind = "unavailable"


class ModelRequestRejected(ModelError):
    """The provider rejected the request (4xx other than 408/429): retrying the same request will not help."""

    kind = "rejected"


class ModelBadResponse(ModelError):
    """The provider answered with something that is not a valid reply (malformed JSON, no choices)."""

    kind = "bad_response"


class ModelStreamBroken(ModelError):
    """A stream ended with a broken chunk or a dropped connection after it had started."""

    kind = "stream_broken"


class ModelNotInstalled(ModelError):
    """The local model file is missing or unreadable: an installation step is needed, not a retry."""

    kind = "not_installed"


class RealRequestsBlocked(RuntimeError):
    """A real provider call was attempted while `connectors.llm.ALLOW_MODEL_REQUESTS` is off.

    Deliberately not a ModelError: nothing catches, retries or converts it, so the test fails.
    """

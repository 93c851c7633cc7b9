"""Value types shared by the guardrails: spans, known values and redacted text.

A `RedactedText` can only be built by the redaction layer (it needs a module-private
token), so a plain string can never be handed to the egress path by mistake.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Literal, Mapping

DataClass = Literal["public", "internal", "personal", "special"]
DATA_CLASSES: tuple[DataClass, ...] = ("public", "internal", "personal", "special")


@dataclass(frozen=True, slots=True)
class Span:
    """A detected piece of personal data in a text: [start, end) with its entity type."""

    start: int
    end: int
    type: str  # PERSON, EMAIL, PHONE, IBAN, CARD, NATIONAL_ID, ADDRESS, LOCATION, IP, HEALTH ...
    source: str  # which detector found it: field, presidio, identifier, gazetteer ...
    score: float = 1.0

    def __post_init__(self) -> None:
        if self.start < 0 or self.end <= self.start:
            raise ValueError("span must have 0 <= start < end")

    @property
    def length(self) -> int:
        return self.end - self.start


@dataclass(frozen=True, slots=True)
class KnownValue:
    """A personal value of a CRM record in the request's context (field-aware detection)."""

    value: str
    type: str
    data_class: DataClass = "personal"
    record: str | None = None  # e.g. "contact:12"; for audit references, never the value


_CONSTRUCTION_TOKEN = object()


@dataclass(frozen=True)
class RedactedText:
    """Text that has passed redaction. Only `guardrails.redaction` may construct it."""

    text: str
    counts: Mapping[str, int] = field(default_factory=dict)
    _token: object = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self._token is not _CONSTRUCTION_TOKEN:
            raise TypeError("RedactedText is produced by guardrails.redaction only")
        object.__setattr__(self, "counts", MappingProxyType(dict(self.counts)))

    def __str__(self) -> str:  # pragma: no cover - guard against accidental formatting
        return self.text


def _make_redacted(text: str, counts: Mapping[str, int]) -> RedactedText:
    """Build a RedactedText. For use by guardrails.redaction only."""
    return RedactedText(text=text, counts=counts, _token=_CONSTRUCTION_TOKEN)

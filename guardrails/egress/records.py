"""Per-call records and privacy receipts: what was sent where, under which terms — never the prompt.

Every model call (and every refusal) yields a `ModelCallRecord`. It holds the parameters actually
sent, a sha256 and the length of the redacted prompt (the redacted text itself is kept by the
conversation layer), token counts, latency and outcome. `save` persists it as a `ModelCall` row;
`get_receipt` resolves a receipt id for its own tenant only.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass, field, fields
from datetime import datetime
from types import MappingProxyType
from typing import Any, Mapping

from sqlalchemy import JSON, Boolean, DateTime, Float, Integer, String, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from connectors.crm.base import Base, utcnow
from connectors.crm.models import TenantScoped, dc

RECEIPT_PREFIX = "rcpt_"
OUTCOMES = (
    "ok",
    "refused",
    "circuit_open",
    "timeout",
    "unavailable",
    "rejected",
    "bad_response",
    "stream_broken",
    "error",
    "cancelled",
)


def new_receipt_id() -> str:
    """A random, unguessable receipt id (144 bits)."""
    return RECEIPT_PREFIX + secrets.token_urlsafe(18)


def prompt_digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class ModelCallRecord:
    receipt_id: str
    tenant_id: int
    request_id: str | None
    purpose: str
    provider: str
    model: str
    region: str
    params_sent: Mapping[str, Any]
    prompt_sha256: str
    prompt_chars: int
    outcome: str
    no_training: bool = True
    redaction_counts: Mapping[str, int] = field(default_factory=dict)
    tokens_in: int = 0
    tokens_out: int = 0
    latency_ms: float = 0.0
    attempts: int = 0
    error_code: str | None = None
    policy_id: str | None = None
    streamed: bool = False
    created_at: datetime = field(default_factory=utcnow)

    def __post_init__(self) -> None:
        if self.outcome not in OUTCOMES:
            raise ValueError(f"unknown outcome {self.outcome!r}")
        if self.no_training is not True:
            raise ValueError("a model call record always carries no_training=True")
        object.__setattr__(self, "params_sent", MappingProxyType(dict(self.params_sent)))
        object.__setattr__(self, "redaction_counts", MappingProxyType(dict(self.redaction_counts)))

    def as_receipt(self) -> dict[str, Any]:
        """The privacy receipt as an admin sees it (JSON-ready)."""
        out = {name: getattr(self, name) for name in _FIELDS}
        out["params_sent"] = dict(self.params_sent)
        out["redaction_counts"] = dict(self.redaction_counts)
        out["created_at"] = self.created_at.isoformat()
        return out


_FIELDS = tuple(f.name for f in fields(ModelCallRecord))


class ModelCall(TenantScoped, Base):
    """One model call (or refusal): the persisted form of a `ModelCallRecord`."""

    __tablename__ = "model_calls"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, info=dc("internal"))
    receipt_id: Mapped[str] = mapped_column(String(48), unique=True, index=True, info=dc("internal"))
    request_id: Mapped[str | None] = mapped_column(String(64), nullable=True, info=dc("internal"))
    purpose: Mapped[str] = mapped_column(String(64), info=dc("internal"))
    provider: Mapped[str] = mapped_column(String(120), info=dc("internal"))
    model: Mapped[str] = mapped_column(String(200), info=dc("internal"))
    region: Mapped[str] = mapped_column(String(32), info=dc("internal"))
    no_training: Mapped[bool] = mapped_column(Boolean, default=True, info=dc("internal"))
    params_sent: Mapped[dict] = mapped_column(JSON, default=dict, info=dc("internal"))
    prompt_sha256: Mapped[str] = mapped_column(String(64), info=dc("internal"))
    prompt_chars: Mapped[int] = mapped_column(Integer, info=dc("internal"))
    redaction_counts: Mapped[dict] = mapped_column(JSON, default=dict, info=dc("internal"))
    tokens_in: Mapped[int] = mapped_column(Integer, default=0, info=dc("internal"))
    tokens_out: Mapped[int] = mapped_column(Integer, default=0, info=dc("internal"))
    latency_ms: Mapped[float] = mapped_column(Float, default=0.0, info=dc("internal"))
    attempts: Mapped[int] = mapped_column(Integer, default=0, info=dc("internal"))
    outcome: Mapped[str] = mapped_column(String(32), info=dc("internal"))
    error_code: Mapped[str | None] = mapped_column(String(64), nullable=True, info=dc("internal"))
    policy_id: Mapped[str | None] = mapped_column(String(64), nullable=True, info=dc("internal"))
    streamed: Mapped[bool] = mapped_column(Boolean, default=False, info=dc("internal"))
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, index=True, info=dc("internal")
    )




def save(session: Session, record: ModelCallRecord) -> ModelCall:
    """Add the record to the session (the caller commits, with the rest of its request)."""
    values = {name: getattr(record, name) for name in _FIELDS}
    values["params_sent"] = dict(record.params_sent)
    values["redaction_counts"] = dict(record.redaction_counts)
    row = ModelCall(**values)
    session.add(row)
    session.flush()
    return row


def get_receipt(session: Session, *, tenant_id: int, receipt_id: str) -> dict[str, Any] | None:
    """The receipt as a dict, or None when it does not exist or belongs to another tenant."""
    if not isinstance(receipt_id, str) or not receipt_id.startswith(RECEIPT_PREFIX):
        return None
    row = session.scalars(
        select(ModelCall).where(ModelCall.receipt_id == receipt_id, ModelCall.tenant_id == tenant_id)
    ).one_or_none()
    if row is None:
        return None
    record = ModelCallRecord(
        **{name: getattr(row, name) for name in _FIELDS}
    )
    return record.as_receipt()

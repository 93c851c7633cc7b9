"""Per-call records and privacy receipts: what was sent where, under which terms.

Every model call (and every refusal) yields a `ModelCallRecord`. It holds the parameters actually
sent, a sha256 and the length of the redacted prompt, the redacted prompt itself (the exact
`RedactedText` messages sent: placeholders only, never a restored value), token counts, latency and
outcome. `save` persists it as a `ModelCall` row — with the prompt unless `keep_prompt=False`
(setting `LUA_RECEIPT_KEEP_PROMPT`); `get_receipt` resolves a receipt id for its own tenant only.
Stored prompts leave with the tenant's conversations (`guardrails.retention`) and with a data
subject's erasure (`guardrails.subjects.stores.ModelCallSubjectStore`), through `clear_prompts`.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass, field, fields
from datetime import datetime
from types import MappingProxyType
from typing import Any, Mapping

from sqlalchemy import JSON, Boolean, DateTime, Float, Integer, String, null, select, update
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


def redacted_messages(prompt: Any) -> tuple[Mapping[str, str], ...]:
    """The messages of a `RedactedPrompt` as stored with its receipt: ({"role", "content"}, ...).

    Only `RedactedText` content is accepted (TypeError otherwise), so a receipt can never hold text
    that skipped redaction. `joined_prompt` of the result is the text whose sha256 the receipt carries.
    """
    from guardrails.types import RedactedText

    out = []
    for m in prompt.messages:
        if not isinstance(m.content, RedactedText):
            raise TypeError("a receipt stores only RedactedText")
        out.append(MappingProxyType({"role": str(m.role), "content": m.content.text}))
    return tuple(out)


def joined_prompt(messages: Any) -> str:
    """The form of the prompt that `prompt_sha256` digests (see `RedactedPrompt.sha256`)."""
    return "\n".join(f"{m['role']}: {m['content']}" for m in messages)


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
    prompt_redacted: tuple[Mapping[str, str], ...] | None = None  # placeholders only; see redacted_messages

    def __post_init__(self) -> None:
        if self.outcome not in OUTCOMES:
            raise ValueError(f"unknown outcome {self.outcome!r}")
        if self.no_training is not True:
            raise ValueError("a model call record always carries no_training=True")
        object.__setattr__(self, "params_sent", MappingProxyType(dict(self.params_sent)))
        object.__setattr__(self, "redaction_counts", MappingProxyType(dict(self.redaction_counts)))
        if self.prompt_redacted is not None:
            object.__setattr__(self, "prompt_redacted", tuple(
                MappingProxyType({"role": str(m["role"]), "content": str(m["content"])}) for m in self.prompt_redacted))

    def as_receipt(self) -> dict[str, Any]:
        """The privacy receipt as an admin sees it (JSON-ready)."""
        out = {name: getattr(self, name) for name in _FIELDS}
        out["params_sent"] = dict(self.params_sent)
        out["redaction_counts"] = dict(self.redaction_counts)
        out["created_at"] = self.created_at.isoformat()
        out["prompt_redacted"] = _plain(self.prompt_redacted)
        # The stored prompt is the one whose digest was recorded when it was sent.
        out["prompt_matches_digest"] = (None if self.prompt_redacted is None
                                        else prompt_digest(joined_prompt(self.prompt_redacted)) == self.prompt_sha256)
        return out


def _plain(messages: tuple[Mapping[str, str], ...] | None) -> list[dict[str, str]] | None:
    return None if messages is None else [dict(m) for m in messages]


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
    # The redacted prompt sent ([{"role", "content"}], placeholders only). Pseudonymous personal data:
    # shown to the requesting user and the tenant's admins only, cleared by retention and erasure.
    prompt_redacted: Mapped[list | None] = mapped_column(
        JSON(none_as_null=True), nullable=True, default=None, info=dc("personal")
    )


def save(session: Session, record: ModelCallRecord, *, keep_prompt: bool = True) -> ModelCall:
    """Add the record to the session (the caller commits, with the rest of its request).

    `keep_prompt=False` (setting `LUA_RECEIPT_KEEP_PROMPT=false`) stores the digest and length only."""
    values = {name: getattr(record, name) for name in _FIELDS}
    values["params_sent"] = dict(record.params_sent)
    values["redaction_counts"] = dict(record.redaction_counts)
    values["prompt_redacted"] = _plain(record.prompt_redacted) if keep_prompt else None
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


def clear_prompts(session: Session, *, tenant_id: int, before: datetime | None = None,
                  request_ids: Any = None, receipt_ids: Any = None) -> int:
    """Forget stored prompts of the tenant: those created before `before`, or of the given requests or
    receipts (the receipt itself — digest, counts, terms — stays). Returns how many were cleared."""
    conds = [ModelCall.tenant_id == tenant_id, ModelCall.prompt_redacted.is_not(None)]
    if before is not None:
        conds.append(ModelCall.created_at < before)
    batches: list[Any] = [None]
    if request_ids is not None or receipt_ids is not None:
        column = ModelCall.request_id if request_ids is not None else ModelCall.receipt_id
        ids = sorted({str(i) for i in (request_ids if request_ids is not None else receipt_ids) if i})
        batches = [column.in_(ids[i : i + 500]) for i in range(0, len(ids), 500)]
    n = 0
    for extra in batches:
        stmt = update(ModelCall).where(*conds, *([extra] if extra is not None else []))
        res = session.execute(stmt.values(prompt_redacted=null()).execution_options(synchronize_session=False))
        n += int(res.rowcount or 0)
    return n

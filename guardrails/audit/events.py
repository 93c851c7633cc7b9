"""The audit event: what happened, never the personal data or the prompt text it touched."""

from __future__ import annotations

import uuid
import copy
from dataclasses import dataclass, field, fields
from datetime import datetime, timezone
from typing import Any, Literal

Outcome = Literal["ok", "refused", "error"]


def new_request_id() -> str:
    return uuid.uuid4().hex


@dataclass(frozen=True)
class AuditEvent:
    tenant_id: int
    capability: str
    outcome: Outcome
    request_id: str = field(default_factory=new_request_id)
    occurred_at: datetime = field(default_factory=lambda: datetime.now(timezone.utc))
    user_id: int | None = None
    role: str | None = None
    scope_version: int | None = None
    reason: str | None = None  # a policy id or error code, never free text from the request
    record_refs: tuple[str, ...] = ()  # "lead:12", "activity:40", "contact:7"
    fields_sent: tuple[str, ...] = ()  # "contact.first_name", "activity.body"
    redaction_counts: dict[str, int] = field(default_factory=dict)
    provider: str | None = None
    model: str | None = None
    region: str | None = None
    no_training: bool | None = None
    params_sent: dict[str, Any] = field(default_factory=dict)
    tokens_in: int | None = None
    tokens_out: int | None = None
    latency_ms: float | None = None
    receipt_id: str | None = None
    routed_to: str | None = None  # a chat turn's delegated capability (lead_summary, message_draft, ...)

    def payload(self) -> dict[str, Any]:
        """The canonical, JSON-ready content that the chain hashes.

        The same dict `dataclasses.asdict` would give (with the conversions below), built field by
        field: `asdict` deep-copies every value and was most of an audit write's CPU time.
        """
        data = {name: getattr(self, name) for name in _FIELD_NAMES}
        data["params_sent"] = copy.deepcopy(self.params_sent)
        data["occurred_at"] = self.occurred_at.astimezone(timezone.utc).isoformat()
        data["record_refs"] = list(self.record_refs)
        data["fields_sent"] = list(self.fields_sent)
        data["redaction_counts"] = dict(sorted(self.redaction_counts.items()))
        if self.latency_ms is not None:
            data["latency_ms"] = round(float(self.latency_ms), 3)
        return data


_FIELD_NAMES = tuple(f.name for f in fields(AuditEvent))

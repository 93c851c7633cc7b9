"""Lead summary: facts by code, narrative by the model, on redacted context only.

Path: policy decision → scoped read (lead, contact, recent activities) → redaction into the
request's vault → the guarded model call (JSON schema) → restoration → output check → audit.
Stage, value, dates and owner are filled by code from the record, never by the model.
"""

from __future__ import annotations

import json
import logging
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any

from assistant.capabilities import faithfulness
from assistant.capabilities.authorize import authorize, refusal_error
from assistant.capabilities.grounding import (
    LANGUAGE_NAMES,
    Grounded,
    crm_block,
    echo_note,
    model_languages,
    note_injection,
    relevant_notes,
)
from assistant.capabilities.context import (
    DATA_RULES,
    RequestTrace,
    audit,
    guarded_call,
    redact_all,
)
from assistant.services import Services
from connectors.crm.db import tenant_session
from connectors.crm.reader import LeadContext, ScopedReader, money
from guardrails.errors import NotFound
from guardrails.injection import strip_foreign_links
from guardrails.principal import Principal
from guardrails.scopes import Task

log = logging.getLogger("assistant.lead_summary")

SUMMARY_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "needs": {"type": "array", "maxItems": 4, "items": {"$ref": "#/$defs/point"}},
        "blockers": {"type": "array", "maxItems": 3, "items": {"$ref": "#/$defs/point"}},
        "next_step": {"$ref": "#/$defs/point"},
        "sentiment": {"type": "string", "enum": ["positive", "neutral", "negative", "unknown"]},
    },
    "required": ["needs", "blockers", "next_step", "sentiment"],
    "$defs": {
        "point": {
            "type": "object",
            "properties": {
                "text": {"type": "string", "maxLength": 300},
                "activity_ids": {"type": "array", "maxItems": 5, "items": {"type": "integer"}},
            },
            "required": ["text", "activity_ids"],
        }
    },
}

SYSTEM = (
    "You are the assistant of a CRM. You summarise one sales lead for the sales rep who owns it. "
    + DATA_RULES
    + " Answer with JSON only: the customer's needs, the blockers, the next step and the overall "
    "sentiment. Each point is one short sentence and lists the ids of the activities it rests on "
    "(the number after A in [A123]). Use only facts found in the data."
)

LANGUAGE_RULE = {
    "en": " Write the points in English.",
    "ar": " Write the points in Arabic.",
}
RETRY_RULE = (" Your previous answer stated numbers or dates that are not in the data. State only numbers "
              "and dates copied exactly from the data, or none at all.")

# Section labels by code, so a user whose language the model writes poorly still reads their own.
LABELS = {
    "en": {"needs": "Needs", "blockers": "Blockers", "next_step": "Next step", "sentiment": "Sentiment",
           "stage": "Stage", "value": "Value", "owner": "Owner", "created_at": "Created", "closed_at": "Closed",
           "positive": "positive", "neutral": "neutral", "negative": "negative", "unknown": "unknown"},
    "ar": {"needs": "الاحتياجات", "blockers": "العوائق", "next_step": "الخطوة التالية", "sentiment": "الانطباع",
           "stage": "المرحلة", "value": "القيمة", "owner": "المسؤول", "created_at": "تاريخ الإنشاء",
           "closed_at": "تاريخ الإغلاق", "positive": "إيجابي", "neutral": "محايد", "negative": "سلبي",
           "unknown": "غير معروف"},
}
NOTE_LANGUAGE = {
    "en": "The configured model does not write {lang} well, so the points are written in English; the section "
          "labels are in {lang}.",
    "ar": "النموذج المُعدّ لا يكتب {lang_ar} بشكل جيد، لذلك كُتبت النقاط بالإنجليزية؛ عناوين الأقسام بلغتك.",
}
NOTE_UNFAITHFUL = "{n} point(s) stated numbers or dates not found in the records and were removed."
NOTE_INJECTION = "{n} note(s) contained instruction-like or hidden content; it was treated as data and defused."
NOTE_LINKS = "{n} link(s) or image(s) not found in the records were removed from the answer."


@dataclass
class Point:
    text: str
    activity_ids: list[int] = field(default_factory=list)


@dataclass
class LeadSummary:
    lead_id: int
    title: str
    stage: str | None
    status: str | None
    value: str | None
    created_at: str | None
    closed_at: str | None
    owner: str | None
    branch: str | None
    needs: list[Point]
    blockers: list[Point]
    next_step: Point | None
    sentiment: str
    activities_considered: list[int]
    withheld_special: int
    receipt_id: str | None
    language: str
    notes: list[str] = field(default_factory=list)
    labels: dict[str, str] = field(default_factory=dict)
    requested_language: str = "en"
    relevant_note_ids: list[int] = field(default_factory=list)
    injection_flagged: int = 0

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _context_text(ctx: LeadContext) -> str:
    """The fenced data block (kept for callers of the first version)."""
    return crm_block(ctx).text


def _iso(value: Any) -> str | None:
    return value.date().isoformat() if isinstance(value, datetime) else None


def summarize_lead(*, services: Services, principal: Principal, lead_id: int, request_id: str,
                   language: str = "en", max_activities: int = 12,
                   conversation_id: str | None = None) -> LeadSummary:
    """Summarise one lead. `conversation_id`: reuse a chat's vault so placeholders stay stable."""
    trace = RequestTrace(principal=principal, capability="lead_summary", request_id=request_id)
    decision, scope = authorize(services, principal, Task("lead_summary", lead_id=lead_id))
    trace.scope_version = decision.scope_version
    trace.scope = scope
    if not decision.allowed:
        audit(services, trace, outcome="refused", reason=decision.policy_id)
        raise refusal_error(decision, principal.language)
    with tenant_session(services.factory, principal.tenant_id) as session:
        ctx = ScopedReader(session, principal=principal, scope=scope).lead_context(lead_id, max_activities=max_activities)
    if ctx is None:
        audit(services, trace, outcome="refused", reason="not_found")
        raise NotFound("No such lead.")
    trace.record_refs = ctx.record_refs
    trace.fields_sent = ctx.fields_read
    try:
        extra = relevant_notes(services, principal, scope, ctx)
        trace.record_refs = trace.record_refs + [f"activity:{a.id}" for a in extra]
        return _run(services, principal, ctx, trace, language, extra=extra,
                    vault_id=conversation_id or f"req:{trace.request_id}")
    except Exception as exc:
        code = getattr(exc, "code", type(exc).__name__)
        outcome = "refused" if getattr(exc, "status_code", 500) in (403,) else "error"
        audit(services, trace, outcome=outcome, reason=str(code))
        raise


def _call(services: Services, principal: Principal, trace: RequestTrace, system: Any, user: Any) -> Any:
    return guarded_call(services, principal, trace, system=system, user=user, purpose="lead_summary",
                        json_schema=SUMMARY_SCHEMA)


def _unfaithful(data: dict[str, Any], index: Any) -> int:
    """How many points state a number or date the records do not hold."""
    points = [*data.get("needs", []), *data.get("blockers", []), data.get("next_step")]
    return sum(1 for p in points if isinstance(p, dict) and not faithfulness.check(str(p.get("text", "")), index=index).ok)


def _run(services: Services, principal: Principal, ctx: LeadContext, trace: RequestTrace,
         language: str, *, extra: list[Any], vault_id: str) -> LeadSummary:
    vault = services.vault_for(principal, conversation_id=vault_id)
    requested = language if language in LANGUAGE_RULE else "en"
    written = requested if requested in model_languages(services, principal) else "en"
    notes: list[str] = []
    if written != requested:
        notes.append(NOTE_LANGUAGE["en"].format(lang=LANGUAGE_NAMES.get(requested, requested)))
        if requested == "ar":
            notes.append(NOTE_LANGUAGE["ar"].format(lang_ar="العربية"))
    grounded: Grounded = crm_block(ctx, extra=extra)
    note_injection(trace, grounded)
    if grounded.flagged:
        notes.append(NOTE_INJECTION.format(n=grounded.flagged))
    instructions = SYSTEM + LANGUAGE_RULE[written]
    system, user = redact_all(services, vault=vault, texts=[instructions, grounded.text],
                              known=ctx.known, trace=trace)
    reply = _call(services, principal, trace, system, user)
    data, parse_notes = _parse(reply.text)
    index = faithfulness.source_index([*grounded.sources, user.text])
    if data and _unfaithful(data, index):
        # One regeneration with the rule restated; then the failing points are removed below.
        trace.extra_counts["FAITHFULNESS_RETRY"] = trace.extra_counts.get("FAITHFULNESS_RETRY", 0) + 1
        (system2,) = redact_all(services, vault=vault, texts=[instructions + RETRY_RULE], known=ctx.known, trace=trace)
        reply = _call(services, principal, trace, system2, user)
        data2, parse_notes2 = _parse(reply.text)
        if data2:
            data, parse_notes = data2, parse_notes2
    notes.extend(parse_notes)
    valid_ids = {a.id for a in ctx.activities} | {a.id for a in extra}
    dropped = 0
    links_removed = 0

    def restore(point: dict | None) -> Point | None:
        nonlocal dropped, links_removed
        if not isinstance(point, dict) or not str(point.get("text", "")).strip():
            return None
        if not faithfulness.check(str(point["text"]), index=index).ok:
            dropped += 1
            return None
        if not grounded.echo.point_ok(str(point["text"])):
            return None  # it repeats a code only a doubted note holds: counted on grounded.echo
        restored = services.redactor.restore(str(point["text"]), vault=vault)
        checked = services.redactor.check_output(restored.text, vault=vault, known=ctx.known)
        text, removed = strip_foreign_links(checked.text, allowed=grounded.links)
        links_removed += removed
        trace.extra_counts["INVENTED_PLACEHOLDER"] = trace.extra_counts.get("INVENTED_PLACEHOLDER", 0) + restored.invented
        trace.extra_counts["OUTPUT_MASKED"] = trace.extra_counts.get("OUTPUT_MASKED", 0) + checked.masked
        ids = [int(i) for i in point.get("activity_ids", []) if isinstance(i, int) and i in valid_ids]
        return Point(text.strip(), ids) if text.strip() else None

    needs = [p for p in (restore(x) for x in data.get("needs", []) or []) if p]
    blockers = [p for p in (restore(x) for x in data.get("blockers", []) or []) if p]
    next_step = restore(data.get("next_step"))
    if dropped:
        trace.extra_counts["UNFAITHFUL_REMOVED"] = dropped
        notes.append(NOTE_UNFAITHFUL.format(n=dropped))
    if links_removed:
        trace.extra_counts["OUTPUT_LINKS_REMOVED"] = links_removed
        notes.append(NOTE_LINKS.format(n=links_removed))
    echo_note(trace, grounded.echo, notes)
    sentiment = str(data.get("sentiment", "unknown"))
    summary = LeadSummary(
        lead_id=ctx.lead_id,
        title=str(ctx.lead.get("title", "")),
        stage=ctx.lead.get("stage"),  # type: ignore[arg-type]
        status=ctx.lead.get("status"),  # type: ignore[arg-type]
        value=money(ctx.lead.get("value"), ctx.lead.get("currency")) if "value" in ctx.lead else None,  # type: ignore[arg-type]
        created_at=_iso(ctx.lead.get("created_at")),
        closed_at=_iso(ctx.lead.get("closed_at")),
        owner=ctx.owner_name,
        branch=ctx.branch_name,
        needs=needs,
        blockers=blockers,
        next_step=next_step,
        sentiment=sentiment if sentiment in ("positive", "neutral", "negative", "unknown") else "unknown",
        activities_considered=sorted(valid_ids),
        withheld_special=ctx.withheld_special,
        receipt_id=reply.receipt_id,
        language=written,
        notes=notes,
        labels=dict(LABELS.get(requested, LABELS["en"])),
        requested_language=requested,
        relevant_note_ids=[a.id for a in extra],
        injection_flagged=grounded.flagged,
    )
    audit(services, trace, outcome="ok", reason="model_reply_unreadable" if parse_notes else None)
    return summary


def _parse(text: str) -> tuple[dict[str, Any], list[str]]:
    """Parse the model's JSON; a reply that is not JSON becomes an empty summary, not an error."""
    try:
        data = json.loads(text)
        if isinstance(data, dict):
            return data, []
    except (json.JSONDecodeError, TypeError):
        pass
    start, end = text.find("{"), text.rfind("}")
    if 0 <= start < end:
        try:
            data = json.loads(text[start : end + 1])
            if isinstance(data, dict):
                return data, []
        except json.JSONDecodeError:
            pass
    log.warning("lead summary reply was not JSON", extra={"chars": len(text)})
    return {}, ["The model's answer could not be read; only the facts from the record are shown."]

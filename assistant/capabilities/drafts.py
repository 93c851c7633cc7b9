"""Message drafts (email, WhatsApp, SMS) for the contact of one lead, guarded end to end.

Path: decide → scoped read → channel address check → (model writes the language well?)
  yes: fenced, defused CRM data → redaction → guarded call (JSON) → faithfulness (one retry, then
       failing sentences dropped) → restoration → output check → links not from the CRM removed
  no:  the bilingual template library, filled by code
→ channel length limit (cut at a sentence boundary) → audit. Personal values come back only at the end.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import asdict, dataclass, field
from typing import Any

from assistant.capabilities import draft_templates, faithfulness
from assistant.capabilities.authorize import authorize, refusal_error
from assistant.capabilities.context import (
    DATA_RULES,
    RequestTrace,
    audit,
    guarded_call,
    redact_all,
)
from assistant.capabilities.grounding import LANGUAGE_NAMES, crm_block, echo_note, model_languages, note_injection
from assistant.services import Services
from connectors.crm.db import tenant_session
from connectors.crm.models import User
from connectors.crm.reader import ScopedReader, money
from guardrails.errors import Forbidden, InvalidInput, NotFound
from guardrails.injection import strip_foreign_links
from guardrails.injection_echo import EchoGuard
from guardrails.principal import Principal
from guardrails.scopes import Task

log = logging.getLogger("assistant.drafts")

CHANNELS = ("email", "whatsapp", "sms")
LIMITS = {"sms": 320, "whatsapp": 1000, "email": 2000}
ADDRESS_FIELD = {"email": "email", "whatsapp": "phone", "sms": "phone"}
GOAL_TEXT = {
    "follow_up": "a follow-up on the lead", "meeting": "ask for a meeting", "offer": "present our offer",
    "payment_reminder": "a polite payment reminder", "thank_you": "thank the customer",
}
TONE_TEXT = {"formal": "formal and polite", "friendly": "warm and friendly", "short": "very short and direct"}

SYSTEM = (
    "You write one {channel} message from a sales rep to the customer of a CRM lead. " + DATA_RULES +
    " Goal: {goal}. Tone: {tone}. Write in {language}. The body must stay under {limit} characters. "
    "Address the customer by the placeholder that stands for their name. Never include links, images, "
    "phone numbers or email addresses. State only facts, numbers and dates found in the data. "
    "Answer with JSON only: {{\"subject\": ..., \"body\": ...}}."
)
RETRY_RULE = " Your previous draft stated numbers or dates not in the data: use none that are not copied from it."


def schema(channel: str) -> dict[str, Any]:
    # No maxLength: llama.cpp turns it into one grammar rule per character and, at 1000-2000, fails
    # to parse the grammar and aborts the process. The limit is enforced by `truncate` instead.
    return {
        "type": "object",
        "properties": {
            "subject": {"type": "string"},
            "body": {"type": "string"},
        },
        "required": ["subject", "body"] if channel == "email" else ["body"],
    }


@dataclass
class Draft:
    lead_id: int
    channel: str
    language: str
    tone: str
    goal: str
    subject: str | None
    body: str
    to: str
    generated_by: str  # "model" | "template"
    limit: int
    truncated: bool
    receipt_id: str | None
    injection_flagged: int = 0
    notes: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def detect_language(text: str, *, ignore: tuple[str, ...] = ()) -> str:
    """'ar' when most letters are Arabic, else 'en' (drafts only choose between the two).

    `ignore`: CRM values (lead title, company) that keep their own script inside any language."""
    for value in ignore:
        if value:
            text = text.replace(value, " ")
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return "en"
    arabic = sum(1 for c in letters if "\u0600" <= c <= "\u06ff" or "\u0750" <= c <= "\u077f")
    return "ar" if arabic / len(letters) >= 0.5 else "en"


def truncate(text: str, limit: int) -> tuple[str, bool]:
    """Cut at the last sentence end within `limit` (a word boundary if no sentence fits)."""
    if len(text) <= limit:
        return text, False
    cut = text[:limit]
    ends = [m.end() for m in re.finditer(r"[.!?؟](?=\s|$)", cut)]
    if ends and ends[-1] >= limit * 0.3:
        return cut[: ends[-1]].rstrip(), True
    space = cut.rfind(" ", 0, limit - 1)
    return (cut[: space if space > 0 else limit - 1].rstrip() + "…"), True


def draft_message(*, services: Services, principal: Principal, lead_id: int, channel: str, language: str,
                  tone: str, goal: str, request_id: str, conversation_id: str | None = None) -> Draft:
    """Draft one message for the lead's contact (see the module docstring for the path)."""
    trace = RequestTrace(principal=principal, capability="message_draft", request_id=request_id)
    decision, scope = authorize(services, principal, Task("message_draft", lead_id=lead_id, channel=channel))
    trace.scope_version = decision.scope_version
    trace.scope = scope
    if decision.allowed and scope.channels and not scope.allows_channel(channel):
        audit(services, trace, outcome="refused", reason="channel_not_allowed")
        raise Forbidden(f"Your organisation has not enabled {channel} drafts for your role.")
    if not decision.allowed:
        audit(services, trace, outcome="refused", reason=decision.policy_id)
        raise refusal_error(decision, principal.language)
    with tenant_session(services.factory, principal.tenant_id) as session:
        ctx = ScopedReader(session, principal=principal, scope=scope).lead_context(lead_id, max_activities=8)
        me = session.get(User, principal.user_id)
        sender = me.full_name if me is not None else ""
    if ctx is None:
        audit(services, trace, outcome="refused", reason="not_found")
        raise NotFound("No such lead.")
    trace.record_refs, trace.fields_sent = ctx.record_refs, ctx.fields_read
    to = str(ctx.contact.get(ADDRESS_FIELD[channel]) or "").strip()
    if not to:
        audit(services, trace, outcome="refused", reason="no_channel_address")
        what = "an email address" if channel == "email" else "a phone number"
        raise InvalidInput(f"This contact has no {what} for a {channel} message.",
                           details=[{"path": "channel", "message": f"the contact has no {what}",
                                     "type": "no_channel_address"}])
    try:
        return _draft(services, principal, ctx, trace, channel=channel, language=language, tone=tone, goal=goal,
                      to=to, sender=sender, vault_id=conversation_id or f"req:{request_id}")
    except Exception as exc:
        code = getattr(exc, "code", type(exc).__name__)
        audit(services, trace, outcome="refused" if getattr(exc, "status_code", 500) == 403 else "error",
              reason=str(code))
        raise


def _names(ctx: Any, language: str) -> str:
    alt = str(ctx.contact.get("name_alt") or "")
    if language == "ar" and alt and detect_language(alt) == "ar":
        return alt.split()[0]
    return str(ctx.contact.get("first_name") or ctx.contact.get("last_name") or "")


def _template(ctx: Any, *, channel: str, language: str, tone: str, goal: str, sender: str) -> draft_templates.TemplateDraft:
    value = money(ctx.lead.get("value"), ctx.lead.get("currency")) if "value" in ctx.lead else None
    return draft_templates.render(language=language, goal=goal, tone=tone, name=_names(ctx, language),
                                  title=str(ctx.lead.get("title", "")), sender=sender,
                                  company=ctx.contact.get("company"), value=value, with_subject=channel == "email")


def _draft(services: Services, principal: Principal, ctx: Any, trace: RequestTrace, *, channel: str,
           language: str, tone: str, goal: str, to: str, sender: str, vault_id: str) -> Draft:
    limit = LIMITS[channel]
    notes: list[str] = []
    receipt = None
    grounded = crm_block(ctx)
    note_injection(trace, grounded)
    use_model = language in model_languages(services, principal)
    subject = body = ""
    if use_model:
        subject, body, receipt, model_notes = _model_draft(services, principal, ctx, trace, grounded, channel=channel,
                                                           language=language, tone=tone, goal=goal, vault_id=vault_id)
        notes += model_notes
        keep = (str(ctx.lead.get("title") or ""), str(ctx.contact.get("company") or ""))
        if body and detect_language(body, ignore=keep) != language:
            notes.append(f"The model answered in the wrong language; a template in {LANGUAGE_NAMES[language]} was used.")
            trace.extra_counts["DRAFT_WRONG_LANGUAGE"] = 1
            use_model = False
        elif not body.strip():
            notes.append("The model returned no usable draft; a template was used.")
            use_model = False
    else:
        notes.append(f"The configured model does not write {LANGUAGE_NAMES.get(language, language)} well; "
                     "this draft was filled from a reviewed template.")
    if not use_model:
        t = _template(ctx, channel=channel, language=language, tone=tone, goal=goal, sender=sender)
        subject, body = t.subject, t.body
        if goal not in draft_templates.GOALS:
            notes.append("A free-text goal cannot be applied to a template; a follow-up template was used.")
    body, cut = truncate(body.strip(), limit)
    if cut:
        notes.append(f"The draft was shortened to the {channel} limit of {limit} characters.")
    out = Draft(lead_id=ctx.lead_id, channel=channel, language=language, tone=tone, goal=goal,
                subject=(subject.strip() or None) if channel == "email" else None, body=body, to=to,
                generated_by="model" if use_model else "template", limit=limit, truncated=cut,
                receipt_id=receipt, injection_flagged=grounded.flagged, notes=notes)
    audit(services, trace, outcome="ok", reason=None if use_model else "template")
    return out


def _model_draft(services: Services, principal: Principal, ctx: Any, trace: RequestTrace, grounded: Any, *,
                 channel: str, language: str, tone: str, goal: str, vault_id: str) -> tuple[str, str, str | None, list[str]]:
    vault = services.vault_for(principal, conversation_id=vault_id)
    instructions = SYSTEM.format(channel=channel, goal=GOAL_TEXT.get(goal, "the goal the rep states below"),
                                 tone=TONE_TEXT.get(tone, tone), language=LANGUAGE_NAMES.get(language, "English"),
                                 limit=LIMITS[channel])
    user_text = grounded.text + ("" if goal in GOAL_TEXT else f"\nGoal written by the rep: {goal}")
    echo = EchoGuard(grounded.echo.payload.without(goal))  # the rep's own words may be repeated
    system, user = redact_all(services, vault=vault, texts=[instructions, user_text], known=ctx.known, trace=trace)
    index = faithfulness.source_index([*grounded.sources, user.text])
    data = _call(services, principal, trace, system, user, channel)
    receipt = getattr(trace.model_record, "receipt_id", None)
    bad = not faithfulness.check(f"{data.get('subject', '')}\n{data.get('body', '')}", index=index).ok
    if bad:
        trace.extra_counts["FAITHFULNESS_RETRY"] = 1
        (system2,) = redact_all(services, vault=vault, texts=[instructions + RETRY_RULE], known=ctx.known, trace=trace)
        data = _call(services, principal, trace, system2, user, channel) or data
        receipt = getattr(trace.model_record, "receipt_id", None)
    notes: list[str] = []
    parts = []
    for key in ("subject", "body"):
        text, dropped = faithfulness.drop_unsupported(str(data.get(key) or ""), index=index)
        if dropped:
            trace.extra_counts["UNFAITHFUL_REMOVED"] = trace.extra_counts.get("UNFAITHFUL_REMOVED", 0) + dropped
            notes.append(f"{dropped} sentence(s) with numbers or dates not found in the records were removed.")
        text = echo.sentences(text)
        restored = services.redactor.restore(text, vault=vault)
        checked = services.redactor.check_output(restored.text, vault=vault, known=ctx.known)
        clean, removed = strip_foreign_links(checked.text, allowed=grounded.links)
        if removed:
            trace.extra_counts["OUTPUT_LINKS_REMOVED"] = trace.extra_counts.get("OUTPUT_LINKS_REMOVED", 0) + removed
            notes.append(f"{removed} link(s) or image(s) not found in the records were removed.")
        trace.extra_counts["INVENTED_PLACEHOLDER"] = trace.extra_counts.get("INVENTED_PLACEHOLDER", 0) + restored.invented
        trace.extra_counts["OUTPUT_MASKED"] = trace.extra_counts.get("OUTPUT_MASKED", 0) + checked.masked
        parts.append(clean.strip())
    echo_note(trace, echo, notes)
    return parts[0], parts[1], receipt, notes


def _call(services: Services, principal: Principal, trace: RequestTrace, system: Any, user: Any,
          channel: str) -> dict[str, Any]:
    reply = guarded_call(services, principal, trace, system=system, user=user, purpose="message_draft",
                         json_schema=schema(channel))
    return parse_json(reply.text)


def parse_json(text: str) -> dict[str, Any]:
    """The model's JSON object, or {} when it sent something else (never an exception)."""
    for candidate in (text, text[text.find("{"): text.rfind("}") + 1] if "{" in text else ""):
        try:
            data = json.loads(candidate)
        except (json.JSONDecodeError, TypeError):
            continue
        if isinstance(data, dict):
            return data
    return {}

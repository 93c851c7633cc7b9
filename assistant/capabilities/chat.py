"""The chat conversation: one message → the router → a capability → a redacted history.

`prepare_chat` validates, opens the conversation (bound to tenant and user), and routes; every
refusal there is audited and raised before any answer starts. `run_chat` answers in one piece;
`chat_stream.stream_chat` answers as server-sent events (a lead question streams from the model through the
conversation vault's stream restorer; other capabilities stream their finished answer). Each
message writes exactly one "chat" audit record: the capability it delegates to (summary, draft,
analytics) is folded into it — `routed_to`, its record refs, fields, redaction counts, model call
and outcome — instead of writing its own.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from typing import Any

from assistant.capabilities import faithfulness
from assistant.capabilities.authorize import authorize
from assistant.capabilities.chat_answers import (
    analytics_answer,
    clarify_text,
    draft_text,
    search_answer,
    summary_text,
)
from assistant.capabilities.context import (
    DATA_RULES,
    RequestTrace,
    audit,
    delegating,
    guarded_call,
    redact_all,
)
from assistant.capabilities.drafts import detect_language, draft_message, parse_json
from assistant.capabilities.grounding import crm_block, echo_note, note_injection
from assistant.capabilities.lead_summary import summarize_lead
from assistant.capabilities.router import NEEDS_LEAD, ROUTE_SCHEMA, ROUTER_SYSTEM, Route, route_by_pattern, route_from_model
from assistant.conversations import ConversationStore, StoredTurn, vault_id
from assistant.services import Services
from connectors.crm.db import tenant_session
from connectors.crm.reader import LeadContext, ScopedReader
from guardrails.errors import Forbidden, InvalidInput, NotFound
from guardrails.injection import strip_foreign_links
from guardrails.injection_echo import EchoGuard
from guardrails.principal import Principal
from guardrails.scopes import Task

log = logging.getLogger("assistant.chat")

MAX_MESSAGE_CHARS = 8000
_CONV_ID = re.compile(r"^c_[A-Za-z0-9_\-]{16,60}$")
QUESTION_SYSTEM = (
    "You are the assistant of a CRM, answering a sales rep's question about one lead. " + DATA_RULES +
    " Answer briefly in {language}, using only the data. If the data does not hold the answer, say so. "
    "Never include links or images."
)
EMPTY_REPLY = {"en": "The model returned no answer; please try again.",
               "ar": "لم يُرجع النموذج أي إجابة؛ حاول مرة أخرى."}


@dataclass
class ChatAnswer:
    conversation_id: str
    capability: str
    text: str
    lead_id: int | None
    route_source: str
    data: dict[str, Any] | None = None
    receipt_id: str | None = None
    notes: list[str] = field(default_factory=list)
    refused: bool = False
    reason: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in self.__dataclass_fields__}


@dataclass
class PreparedChat:
    services: Services
    principal: Principal
    request_id: str
    conversation_id: str
    created: bool
    message: str
    language: str
    route: Route
    trace: RequestTrace
    store: ConversationStore
    history: list[StoredTurn]
    ctx: LeadContext | None = None

    @property
    def vault(self) -> Any:
        return self.services.vault_for(self.principal, conversation_id=vault_id(self.conversation_id))

    @property
    def known(self) -> list[Any]:
        return list(self.ctx.known) if self.ctx else []


def _refuse(services: Services, trace: RequestTrace, reason: str, exc: Exception) -> None:
    audit(services, trace, outcome="refused", reason=reason)
    raise exc


def prepare_chat(*, services: Services, principal: Principal, message: str, request_id: str,
                 conversation_id: str | None = None, lead_id: int | None = None,
                 store: ConversationStore | None = None) -> PreparedChat:
    trace = RequestTrace(principal=principal, capability="chat", request_id=request_id)
    decision, _scope = authorize(services, principal, Task("chat"))
    trace.scope_version = decision.scope_version
    trace.scope = _scope
    if not decision.allowed:
        _refuse(services, trace, decision.policy_id, Forbidden(decision.message(principal.language)))
    text = (message or "").strip()
    if not text or len(text) > MAX_MESSAGE_CHARS:
        _refuse(services, trace, "invalid_message", InvalidInput(
            f"The message must be 1 to {MAX_MESSAGE_CHARS} characters.",
            details=[{"path": "body.message", "message": f"must be 1 to {MAX_MESSAGE_CHARS} characters",
                      "type": "string_length"}]))
    store = store or ConversationStore(services.factory)
    if conversation_id is not None and not _CONV_ID.match(conversation_id):
        _refuse(services, trace, "conversation_not_found", NotFound("No such conversation."))
    try:
        cid, conv_lead, created = store.open(principal, conversation_id)
    except NotFound as exc:
        _refuse(services, trace, "conversation_not_found", exc)
    language = detect_language(text) if any("\u0600" <= c <= "\u06ff" for c in text) else (
        principal.language if principal.language in ("en", "ar") else "en")
    history = [] if created else store.history(principal, cid)
    current = lead_id if lead_id is not None else conv_lead
    p = PreparedChat(services, principal, request_id, cid, created, text, language,
                     Route("lead_question", current), trace, store, history)
    try:
        route = route_by_pattern(text, current_lead=current)
        if route is None:
            p.ctx = _lead_context(p, current) if current is not None else None
            route = _model_route(p, current)
        if route.capability == "lead_question" and route.lead_id is not None:
            if p.ctx is None or p.ctx.lead_id != route.lead_id:
                p.ctx = _lead_context(p, route.lead_id)
            if p.ctx is None:
                _refuse(services, trace, "not_found", NotFound("No such lead."))
    except NotFound:
        raise
    except Exception as exc:
        audit(services, trace, outcome="error", reason=str(getattr(exc, "code", type(exc).__name__)))
        raise
    p.route = route
    return p


def _lead_context(p: PreparedChat, lead_id: int) -> LeadContext | None:
    _decision, scope = authorize(p.services, p.principal, Task("chat", lead_id=lead_id))
    with tenant_session(p.services.factory, p.principal.tenant_id) as session:
        ctx = ScopedReader(session, principal=p.principal, scope=scope).lead_context(lead_id, max_activities=12)
    if ctx is not None:
        p.trace.record_refs = ctx.record_refs
        p.trace.fields_sent = ctx.fields_read
    return ctx


def _history_text(history: list[StoredTurn]) -> str:
    lines = [f"{t.role}: {t.content}" for t in history[-6:]]
    return ("Earlier in this conversation (redacted):\n" + "\n".join(lines) + "\n") if lines else ""


def _call(p: PreparedChat, system: Any, user: Any, *, purpose: str, json_schema: Any = None, stream: bool = False) -> Any:
    return guarded_call(p.services, p.principal, p.trace, system=system, user=user, purpose=purpose,
                        json_schema=json_schema, stream=stream)


def _model_route(p: PreparedChat, current: int | None) -> Route:
    system, user = redact_all(p.services, vault=p.vault, texts=[ROUTER_SYSTEM, _history_text(p.history) +
                              f"Current lead: {current if current is not None else 'none'}\nMessage: {p.message}"],
                              known=p.known, trace=p.trace)
    reply = _call(p, system, user, purpose="chat_route", json_schema=ROUTE_SCHEMA)
    return route_from_model(parse_json(reply.text), text=p.message, current_lead=current)


# ------------------------------------------------------------------ answering

def run_chat(p: PreparedChat) -> ChatAnswer:
    """Answer the prepared message in one piece; store both turns redacted; write the turn's one
    audit record (a summary, draft or analytics answer it delegates to is folded into it)."""
    try:
        with delegating(p.trace):
            answer = _dispatch(p)
    except Exception as exc:
        status = getattr(exc, "status_code", 500)
        outcome = "refused" if status in (403, 404, 422) else "error"
        audit(p.services, p.trace, outcome=outcome, reason=str(getattr(exc, "code", type(exc).__name__)))
        raise
    _finish(p, answer)
    return answer


def _finish(p: PreparedChat, answer: ChatAnswer) -> None:
    red = p.services.redactor
    if p.ctx is None and answer.lead_id is not None:
        # The lead's known values make the stored history's redaction field-aware, not NER-only.
        refs = list(p.trace.record_refs)
        p.ctx = _lead_context(p, answer.lead_id)
        p.trace.record_refs = refs
    user_turn = red.redact(p.message, vault=p.vault, known=p.known)
    reply_turn = red.redact(answer.text or "", vault=p.vault, known=p.known)
    p.store.append(p.principal, p.conversation_id, role="user", content=user_turn, capability=answer.capability,
                   lead_id=answer.lead_id, request_id=p.request_id)
    p.store.append(p.principal, p.conversation_id, role="assistant", content=reply_turn,
                   capability=answer.capability, lead_id=answer.lead_id, request_id=p.request_id)
    p.trace.extra_counts["CHAT_TURNS_STORED"] = 2
    audit(p.services, p.trace, outcome="refused" if answer.refused else "ok",
          reason=f"route:{answer.capability}:{p.route.source}" if not answer.refused else answer.reason)


def _answer(p: PreparedChat, capability: str, text: str, **kw: Any) -> ChatAnswer:
    return ChatAnswer(conversation_id=p.conversation_id, capability=capability, text=text,
                      lead_id=kw.pop("lead_id", p.route.lead_id), route_source=p.route.source, **kw)


def _dispatch(p: PreparedChat) -> ChatAnswer:
    r, s = p.route, p.services
    if r.capability == "out_of_scope":
        return _answer(p, "out_of_scope", r.message, refused=True, reason=r.reason)
    if r.capability in NEEDS_LEAD and r.lead_id is None:
        return _answer(p, "clarify", clarify_text(p.language), reason="no_lead")
    if r.capability == "summarize":
        summary = summarize_lead(services=s, principal=p.principal, lead_id=r.lead_id, request_id=p.request_id,
                                 language=p.language, conversation_id=vault_id(p.conversation_id))
        return _answer(p, "summarize", summary_text(summary), data=summary.as_dict(), receipt_id=summary.receipt_id,
                       notes=list(summary.notes))
    if r.capability == "draft":
        draft = draft_message(services=s, principal=p.principal, lead_id=r.lead_id, channel=r.channel,
                              language=r.language or p.language, tone=r.tone, goal=r.goal, request_id=p.request_id,
                              conversation_id=vault_id(p.conversation_id))
        return _answer(p, "draft", draft_text(draft), data=draft.as_dict(), receipt_id=draft.receipt_id,
                       notes=list(draft.notes))
    if r.capability == "search_notes":
        text, data, refused, reason = search_answer(s, p.principal, query=p.message, lead_id=r.lead_id,
                                                    language=p.language, trace=p.trace)
        return _answer(p, "search_notes", text, data=data, refused=refused, reason=reason)
    if r.capability == "analytics":
        text, data, refused, reason = analytics_answer(s, p.principal, question=p.message, request_id=p.request_id,
                                                       conversation_id=vault_id(p.conversation_id))
        return _answer(p, "analytics", text, data=data, refused=refused, reason=reason, lead_id=None,
                       receipt_id=(data or {}).get("receipt_id"))
    return _lead_question(p)


def _question_prompt(p: PreparedChat) -> tuple[Any, Any, Any, Any]:
    ctx = p.ctx
    if ctx is None:
        raise NotFound("No such lead.")
    grounded = crm_block(ctx)
    note_injection(p.trace, grounded)
    history = _history_text(p.history)
    grounded.echo = EchoGuard(grounded.echo.payload.without(p.message, history))  # the user's words may be repeated
    system, user = redact_all(p.services, vault=p.vault, known=ctx.known, trace=p.trace, texts=[
        QUESTION_SYSTEM.format(language="Arabic" if p.language == "ar" else "English"),
        grounded.text + "\n" + history + f"Question: {p.message}"])
    return system, user, grounded, faithfulness.source_index([*grounded.sources, user.text])


def _lead_question(p: PreparedChat) -> ChatAnswer:
    system, user, grounded, index = _question_prompt(p)
    reply = _call(p, system, user, purpose="chat")
    text, dropped = faithfulness.drop_unsupported(reply.text, index=index)
    text = grounded.echo.sentences(text)
    restored = p.services.redactor.restore(text, vault=p.vault)
    checked = p.services.redactor.check_output(restored.text, vault=p.vault, known=p.known)
    clean, removed = strip_foreign_links(checked.text, allowed=grounded.links)
    notes = []
    if dropped:
        notes.append(f"{dropped} sentence(s) with numbers or dates not found in the records were removed.")
    if removed:
        notes.append(f"{removed} link(s) or image(s) not found in the records were removed.")
    echo_note(p.trace, grounded.echo, notes)
    if not clean.strip():
        clean = EMPTY_REPLY.get(p.language, EMPTY_REPLY["en"])
        notes.append("empty model reply")
    p.trace.extra_counts.update({"INVENTED_PLACEHOLDER": restored.invented, "OUTPUT_MASKED": checked.masked,
                                 "OUTPUT_LINKS_REMOVED": removed, "UNFAITHFUL_REMOVED": dropped})
    return _answer(p, "lead_question", clean.strip(), receipt_id=reply.receipt_id, notes=notes)

"""Chat answers written by code: summaries and drafts as text, note search, the analytics hand-off."""

from __future__ import annotations

import logging
import re
from typing import Any

from assistant.capabilities.authorize import authorize
from connectors.crm.db import tenant_session
from connectors.crm.reader import ScopedReader
from guardrails import injection
from guardrails.principal import Principal
from guardrails.scopes import Task

log = logging.getLogger("assistant.chat")

CLARIFY = {"en": "Which lead do you mean? Name it, for example \"lead 12\".",
           "ar": "أي عميل محتمل تقصد؟ اذكر رقمه، مثلاً \"العميل 12\"."}
NO_ANALYTICS = {"en": "Analytics is not available here.", "ar": "التحليلات غير متاحة هنا."}
NO_SEARCH = {"en": "Note search is not available here; name a lead to search its notes.",
             "ar": "البحث في الملاحظات غير متاح هنا؛ اذكر رقم العميل للبحث في ملاحظاته."}
NO_HITS = {"en": "No matching notes found.", "ar": "لم يتم العثور على ملاحظات مطابقة."}
_STOP = {"the", "and", "for", "with", "about", "what", "notes", "note", "find", "search", "show", "lead", "that",
         "this", "from", "have", "were", "was", "any", "look", "mentioning", "mentions", "happened", "عن", "في",
         "ابحث", "ملاحظات", "الملاحظات", "العميل"}


def clarify_text(language: str) -> str:
    return CLARIFY.get(language, CLARIFY["en"])


def summary_text(summary: Any) -> str:
    """A lead summary as chat text: facts by code, labels in the user's language, citations kept."""
    lab = summary.labels or {}
    facts = [f"{lab.get('stage', 'Stage')}: {summary.stage}" if summary.stage else "",
             f"{lab.get('value', 'Value')}: {summary.value}" if summary.value else "",
             f"{lab.get('owner', 'Owner')}: {summary.owner}" if summary.owner else ""]
    lines = [f"{summary.title} (#{summary.lead_id})", " · ".join(f for f in facts if f)]

    def cite(point: Any) -> str:
        ids = "".join(f" [A{i}]" for i in point.activity_ids)
        return f"- {point.text}{ids}"

    if summary.needs:
        lines += [f"{lab.get('needs', 'Needs')}:"] + [cite(p) for p in summary.needs]
    if summary.blockers:
        lines += [f"{lab.get('blockers', 'Blockers')}:"] + [cite(p) for p in summary.blockers]
    if summary.next_step:
        lines += [f"{lab.get('next_step', 'Next step')}:", cite(summary.next_step)]
    lines.append(f"{lab.get('sentiment', 'Sentiment')}: {lab.get(summary.sentiment, summary.sentiment)}")
    return "\n".join(line for line in lines if line)


def draft_text(draft: Any) -> str:
    head = f"Subject: {draft.subject}\n\n" if draft.subject else ""
    return f"{head}{draft.body}"


def _terms(query: str) -> list[str]:
    words = re.findall(r"[\w\u0600-\u06ff]{3,}", query.lower())
    return [w for w in words if w not in _STOP and not w.isdigit()]


def search_answer(services: Any, principal: Principal, *, query: str, lead_id: int | None, language: str,
                  trace: Any) -> tuple[str, dict[str, Any] | None, bool, str | None]:
    """(text, data, refused, reason): the tenant-bound note search when wired, else the lead's own notes."""
    decision, scope = authorize(services, principal, Task("note_search", lead_id=lead_id))
    if not decision.allowed:
        return decision.message(language), None, True, decision.policy_id
    items: list[dict[str, Any]] = []
    search = getattr(services, "note_search", None)
    if search is None and lead_id is None:
        return NO_SEARCH.get(language, NO_SEARCH["en"]), None, True, "note_search_unavailable"
    if search is not None:
        hits = search.search(principal=principal, scope=scope, query=query, limit=8)
        items = [{"activity_id": h.activity_id, "lead_id": h.lead_id, "kind": h.kind,
                  "occurred_at": h.occurred_at.date().isoformat(), "text": h.text}
                 for h in hits if lead_id is None or h.lead_id == lead_id]
    if lead_id is not None:
        # Within one lead, words matter as much as meaning (and notes not indexed yet count too):
        # add the lead's notes that contain the query's words.
        with tenant_session(services.factory, principal.tenant_id) as session:
            ctx = ScopedReader(session, principal=principal, scope=scope).lead_context(lead_id, max_activities=50)
        if ctx is None:
            return NO_HITS.get(language, NO_HITS["en"]), {"items": []}, False, "not_found"
        terms = _terms(query)
        seen = {i["activity_id"] for i in items}
        for a in ctx.activities:
            if a.id not in seen and a.body and (not terms or any(t in a.body.lower() for t in terms)):
                items.append({"activity_id": a.id, "lead_id": lead_id, "kind": a.kind,
                              "occurred_at": a.occurred_at.date().isoformat(), "text": a.body})
    flagged = 0
    for item in items:
        if injection.scan(item["text"]).flagged:  # shown to the user defused, like in prompts
            item["text"], flagged = injection.neutralise(item["text"]), flagged + 1
    trace.record_refs = sorted(set(trace.record_refs) | {f"activity:{i['activity_id']}" for i in items})
    if flagged:
        trace.extra_counts["INJECTION_FLAGGED"] = trace.extra_counts.get("INJECTION_FLAGGED", 0) + flagged
    if not items:
        return NO_HITS.get(language, NO_HITS["en"]), {"items": []}, False, None
    lines = [f"[A{i['activity_id']}] {i['occurred_at']} {i['kind']}: {i['text'][:200]}" for i in items]
    return "\n".join(lines), {"items": items}, False, None


def analytics_answer(services: Any, principal: Principal, *, question: str, request_id: str,
                     conversation_id: str) -> tuple[str, dict[str, Any] | None, bool, str | None]:
    """Delegate to the analytics engine (issue 9) when it is importable; refuse clearly otherwise."""
    language = "ar" if any("\u0600" <= c <= "\u06ff" for c in question) else "en"
    decision, datascope = authorize(services, principal, Task("analytics"))
    if not decision.allowed:
        return decision.message(language), None, True, decision.policy_id
    try:
        from assistant.analytics.service import ask, config_from_settings
        from assistant.analytics.validate import scope_from_datascope
    except ImportError:
        return NO_ANALYTICS[language], None, True, "analytics_unavailable"
    # The admin's analytics scope (metrics, dimensions, branches) and model regions apply in chat too.
    ans = ask(services=services, principal=principal, question=question, request_id=request_id,
              scope=scope_from_datascope(datascope), datascope=datascope,
              config=config_from_settings(services.settings), conversation_id=conversation_id)
    return ans.text, ans.as_dict(), ans.kind == "refusal", ans.reason

"""Streaming chat answers as server-sent events: `meta`, `delta` chunks, then `done` (or `error`).

A lead question streams from the model through the conversation vault's stream restorer, so a
placeholder split across chunks comes out whole; text is released word by word so that a link is
always whole when it is checked. Other capabilities stream their finished answer.
"""

from __future__ import annotations

import json
import re
from typing import Any, Iterator

from assistant.capabilities import faithfulness
from assistant.capabilities.chat import EMPTY_REPLY, ChatAnswer, PreparedChat, _answer, _call, _finish, _question_prompt
from assistant.capabilities.context import audit, save_model_record
from assistant.capabilities.grounding import ECHO_NOTE
from guardrails.injection import strip_foreign_links
from guardrails.injection_echo import Payload


def sse(event: str, data: Any) -> str:
    return f"event: {event}\ndata: {json.dumps(data, ensure_ascii=False, default=str)}\n\n"


def stream_chat(p: PreparedChat, answer: ChatAnswer | None = None) -> Iterator[str]:
    """Server-sent events: `meta`, then `delta` chunks, then `done` (or `error`)."""
    yield sse("meta", {"conversation_id": p.conversation_id, "capability": p.route.capability,
                       "lead_id": p.route.lead_id, "route_source": p.route.source})
    if answer is not None:  # a finished answer (summary, draft, search, analytics): stream its text
        for piece in re.findall(r"\S+\s*|\s+", answer.text):
            yield sse("delta", {"text": piece})
        yield sse("done", answer.as_dict())
        return
    yield from _stream_question(p)


def _stream_question(p: PreparedChat) -> Iterator[str]:
    try:
        system, user, grounded, index = _question_prompt(p)
        stream = _call(p, system, user, purpose="chat", stream=True)
        restorer = p.services.redactor.stream_restorer(p.vault)
        words = _WordGate(grounded.links, grounded.echo.payload)
        parts: list[str] = []
        for chunk in stream:
            out = words.feed(restorer.feed(chunk))
            if out:
                parts.append(out)
                yield sse("delta", {"text": out})
        tail = words.feed(restorer.flush()) + words.flush()
        if tail:
            parts.append(tail)
            yield sse("delta", {"text": tail})
        p.trace.model_record = stream.record
        save_model_record(p.services, stream.record)
    except Exception as exc:
        code = str(getattr(exc, "code", "internal_error"))
        audit(p.services, p.trace, outcome="error", reason=code)
        yield sse("error", {"code": code, "message": getattr(exc, "message", "The answer could not be completed."),
                            "request_id": p.request_id})
        return
    text = "".join(parts).strip()
    notes = []
    if not text:  # a model that returns nothing: a clear answer, as without streaming
        text = EMPTY_REPLY.get(p.language, EMPTY_REPLY["en"])
        notes.append("empty model reply")
        yield sse("delta", {"text": text})
    if not faithfulness.check(text, index=index).ok:
        notes.append("This streamed answer states numbers or dates not found in the records; check them.")
        p.trace.extra_counts["UNFAITHFUL_STREAMED"] = 1
    p.trace.extra_counts.update({"INVENTED_PLACEHOLDER": restorer.invented, "OUTPUT_LINKS_REMOVED": words.removed})
    if words.echoed:
        p.trace.extra_counts["OUTPUT_ECHO_REMOVED"] = words.echoed
        notes.append(ECHO_NOTE.format(n=words.echoed))
    answer = _answer(p, "lead_question", text, receipt_id=stream.receipt_id, notes=notes)
    _finish(p, answer)
    yield sse("done", answer.as_dict())


class _WordGate:
    """Emits streamed text only up to the last whitespace, so a URL (or a code) is always whole when
    checked; codes only doubted notes hold are masked (injection_echo: a sent sentence cannot be withdrawn)."""

    def __init__(self, allowed: set[str], payload: Payload | None = None) -> None:
        self.allowed = allowed
        self.payload = payload or Payload()
        self.buf = ""
        self.removed = 0
        self.echoed = 0

    def _clean(self, text: str) -> str:
        out, n = strip_foreign_links(text, allowed=self.allowed)
        self.removed += n
        out, echoed = self.payload.mask(out)
        self.echoed += echoed
        return out

    def feed(self, text: str) -> str:
        self.buf += text
        cut = max(self.buf.rfind(" "), self.buf.rfind("\n"))
        if cut < 0 or "](" in self.buf[cut:] or self.buf.count("[") > self.buf.count("]"):
            return ""
        out, self.buf = self.buf[: cut + 1], self.buf[cut + 1 :]
        return self._clean(out)

    def flush(self) -> str:
        out, self.buf = self.buf, ""
        return self._clean(out)

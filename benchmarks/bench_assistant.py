"""Benchmark of the assistant's own guard layers, and of a whole summary / draft / chat turn.

Micro: injection scan per note, faithfulness check per answer, chat routing per message.
Macro: summarize_lead, draft_message and one chat turn end to end with the fake model (the real
redactor, SQLite), so the figures show what the guards add next to redaction. Prints JSON.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS", " ")


def _stats(samples: list[float]) -> dict[str, float]:
    s = sorted(samples)
    return {"p50_ms": round(s[len(s) // 2], 4), "p95_ms": round(s[int(0.95 * (len(s) - 1))], 4),
            "mean_ms": round(statistics.fmean(s), 4), "n": len(s)}


def _time(fn, n: int) -> dict[str, float]:
    out = []
    for _ in range(n):
        t = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t) * 1000)
    return _stats(out)


def micro(n: int = 300) -> dict:
    from assistant.capabilities.faithfulness import check, source_index
    from assistant.capabilities.router import route_by_pattern
    from evals.assistant.dataset import BENIGN, attacks
    from guardrails.injection import scan

    notes = [t for _, t in BENIGN] * 3 + [a.text for a in attacks()]
    long_note = " ".join(t for _, t in BENIGN)  # ~1.5 KB of mixed English and Arabic
    index = source_index(["value 48,000.00 SAR created 2026-09-22", "[A3] 2026-10-29 call: 10% discount"])
    answer = "Layla wants a 10% discount on the 48,000 SAR renewal; call on 29 October 2026. " * 3
    i = iter(range(10**9))
    return {
        "injection_scan_note": _time(lambda: scan(notes[next(i) % len(notes)]), n),
        "injection_scan_1_5kb": _time(lambda: scan(long_note), n // 3),
        "faithfulness_check_answer": _time(lambda: check(answer, index=index), n),
        "route_by_pattern": _time(lambda: route_by_pattern("draft a short whatsapp in arabic to lead 12"), n),
    }


def macro(n: int = 15) -> dict:
    from assistant.capabilities.chat import prepare_chat, run_chat
    from assistant.capabilities.drafts import draft_message
    from assistant.capabilities.lead_summary import summarize_lead
    from evals.assistant.run import Harness

    h = Harness(model="fake", workdir=Path(tempfile.mkdtemp(prefix="bench-assistant-")))
    kw = dict(services=h.services, principal=h.principal)
    summarize_lead(**kw, lead_id=h.lead, request_id="warm")  # loads the NLP models once
    red = h.services.redactor
    vault = h.services.vault_for(h.principal, conversation_id="bench")
    text = "Called Layla Haddad on +966 50 123 4567 about the renewal; she wants a 10% discount."
    return {
        "redact_one_note": _time(lambda: red.redact(text, vault=vault), n),
        "summarize_lead": _time(lambda: summarize_lead(**kw, lead_id=h.lead, request_id="b"), n),
        "draft_message": _time(lambda: draft_message(**kw, lead_id=h.lead, channel="email", language="en",
                                                     tone="formal", goal="offer", request_id="b"), n),
        "chat_turn_summary": _time(lambda: run_chat(prepare_chat(**kw, message=f"summarize lead {h.lead}",
                                                                 request_id="b")), n),
    }


def main() -> int:
    print(json.dumps({"micro": micro(), "macro_fake_model": macro()}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())

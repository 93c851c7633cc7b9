"""Bulk-exfiltration detection: asks for everyone's personal data, machine-speed enumeration of
leads, and requests to repeat the model's context.

Pure policy (no web framework): `AbuseDetector.check_text(text)` and
`AbuseDetector.record_lead_access(tenant_id=, user_id=, lead_id=)` return an `AbuseVerdict`; the API
layer refuses (403) or throttles (429) and writes an `abuse_alert` audit event that the tenant's
admins read at GET /v1/admin/alerts. Verdict reasons are fixed policy ids, never request text.
"""

from __future__ import annotations

import re
import threading
import time
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from typing import Literal

Action = Literal["allow", "refuse", "throttle"]


@dataclass(frozen=True)
class AbuseVerdict:
    action: Action
    kind: str | None  # "bulk_personal_data" | "context_extraction" | "enumeration"
    reason: str  # a policy id, e.g. "abuse.bulk_personal_data"
    retry_after_s: int = 0
    new_alert: bool = False  # the first refusal of a burst: the one that alerts the admins

    @property
    def allowed(self) -> bool:
        return self.action == "allow"


ALLOW = AbuseVerdict("allow", None, "ok")

_QUANT = r"(all|every|each|entire|whole|full|complete|any|list|dump|export|bulk|everyone'?s?|everybody'?s?)"
_PEOPLE = r"(customers?|clients?|contacts?|leads?|patients?|people|persons?|users?|members?|prospects?|everyone|everybody)"
_PII = (r"(phones?|phone numbers?|mobiles?|numbers|e-?mails?|e-?mail addresses|addresses|national ids?|id numbers|"
        r"passports?|ibans?|bank|birthdays?|dates? of birth|diagnos[ie]s|health|medical|personal (data|details|info))")
_EN_BULK = [
    re.compile(rf"\b{_QUANT}\b[^.?!\n]{{0,40}}\b{_PEOPLE}\b[^.?!\n]{{0,40}}\b{_PII}\b"),
    re.compile(rf"\b{_PII}\b[^.?!\n]{{0,30}}\b(of|for|from)\b[^.?!\n]{{0,12}}\b{_QUANT}\b[^.?!\n]{{0,20}}\b{_PEOPLE}\b"),
    re.compile(rf"\b(list|dump|export|give me|show me|send me|print)\b[^.?!\n]{{0,20}}\b{_PII}\b[^.?!\n]{{0,30}}\b{_PEOPLE}\b"),
]
_AR_BULK = [
    re.compile(r"(جميع|كل|كافه|قائمه)[^.؟!\n]{0,40}(العملاء|الزبائن|المرضي|العميل|جهات الاتصال|الاشخاص)[^.؟!\n]{0,40}"
               r"(ارقام|رقم|هواتف|هاتف|جوال|بريد|ايميل|عناوين|عنوان|هويه)"),
    re.compile(r"(ارقام|هواتف|بريد|عناوين|هويات)[^.؟!\n]{0,30}(جميع|كل|كافه)[^.؟!\n]{0,20}(العملاء|الزبائن|المرضي|جهات الاتصال)"),
]
_EN_CONTEXT = [
    re.compile(r"\b(repeat|print|show|reveal|output|dump|display|echo|recite|copy|tell me)\b[^.?!\n]{0,30}"
               r"\b(your|the|this|all|entire|whole|above|previous|hidden|full)\b[^.?!\n]{0,20}"
               r"\b(context|system prompt|prompt|instructions|conversation so far|everything above|input|data you (were|have been) (given|sent))\b"),
    re.compile(r"\b(what (is|was|were) (in )?your (system prompt|context|instructions))\b"),
    re.compile(r"\b(repeat|print|output) (everything|all|the text) (above|before|so far)\b"),
]
_AR_CONTEXT = [
    re.compile(r"(كرر|اعد|اطبع|اعرض|اظهر|اكشف)[^.؟!\n]{0,30}(سياقك|السياق|التعليمات|تعليماتك|موجه النظام|الموجه)"),
]
_AR_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ى": "ي", "ة": "ه"})
_AR_MARKS = re.compile("[\u064b-\u065f\u0670\u0640]")
_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff\u00ad]")


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    text = _INVISIBLE.sub("", text)
    text = _AR_MARKS.sub("", text).translate(_AR_FOLD)
    return re.sub(r"\s+", " ", text.lower().replace("’", "'"))


@dataclass(frozen=True)
class AbuseLimits:
    enumeration_distinct: int = 25  # distinct leads opened by one user... (0 = off)
    enumeration_window_s: float = 60.0  # ...within this window: no human reads that fast
    cooldown_s: int = 300  # throttled for this long after tripping


class AbuseDetector:
    """Thread-safe; state is per (tenant, user) and bounded by the window: users idle for longer
    than the window (and past their cooldown) are dropped by a sweep once per window."""

    def __init__(self, limits: AbuseLimits | None = None) -> None:
        self.limits = limits or AbuseLimits()
        self._lock = threading.Lock()
        # per user: lead id -> when it was last opened; at most `enumeration_distinct` + 1 entries
        self._seen: dict[tuple[int, int], dict[int, float]] = defaultdict(dict)
        self._blocked_until: dict[tuple[int, int], float] = {}
        self._last_sweep: float | None = None

    def tracked_users(self) -> int:
        """How many (tenant, user) keys the detector holds state for (memory tests)."""
        with self._lock:
            return len(self._seen.keys() | self._blocked_until.keys())

    def _sweep(self, now: float) -> None:
        window = self.limits.enumeration_window_s
        if self._last_sweep is not None and now - self._last_sweep < window:
            return
        self._last_sweep = now
        for key in [k for k, d in self._seen.items() if not d or now - max(d.values()) > window]:
            del self._seen[key]
        for key in [k for k, until in self._blocked_until.items() if now >= until]:
            del self._blocked_until[key]

    def check_text(self, text: str) -> AbuseVerdict:
        folded = _fold(text or "")
        if any(p.search(folded) for p in _EN_BULK + _AR_BULK):
            return AbuseVerdict("refuse", "bulk_personal_data", "abuse.bulk_personal_data", new_alert=True)
        if any(p.search(folded) for p in _EN_CONTEXT + _AR_CONTEXT):
            return AbuseVerdict("refuse", "context_extraction", "abuse.context_extraction", new_alert=True)
        return ALLOW

    def record_lead_access(self, *, tenant_id: int, user_id: int, lead_id: int, now: float | None = None) -> AbuseVerdict:
        now = time.monotonic() if now is None else now
        key = (tenant_id, user_id)
        lim = self.limits
        if not lim.enumeration_distinct:
            return ALLOW
        with self._lock:
            self._sweep(now)
            until = self._blocked_until.get(key)
            if until is not None and now < until:
                return AbuseVerdict("throttle", "enumeration", "abuse.enumeration", max(1, int(until - now + 0.999)))
            if until is not None:
                del self._blocked_until[key]
            seen = self._seen[key]
            for old in [lid for lid, t in seen.items() if now - t > lim.enumeration_window_s]:
                del seen[old]
            seen[lead_id] = now
            if len(seen) > lim.enumeration_distinct:
                seen.clear()
                self._blocked_until[key] = now + lim.cooldown_s
                return AbuseVerdict("throttle", "enumeration", "abuse.enumeration", lim.cooldown_s, new_alert=True)
        return ALLOW

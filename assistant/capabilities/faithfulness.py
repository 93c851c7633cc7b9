"""Faithfulness: every number, date and amount a model states must appear in the source records.

Facts are compared in a normal form, so "48,000.00", "48000" and "٤٨٬٠٠٠" are the same number and
"2026-10-29", "29/10/2026" and "29 October 2026" the same date. Placeholders (`<PHONE_1>`) and
activity citations (`[A12]`) are not facts. `check()` returns a verdict with the unsupported facts;
`drop_unsupported()` removes the sentences that state them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Iterable

_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
    "يناير": 1, "فبراير": 2, "مارس": 3, "أبريل": 4, "ابريل": 4, "مايو": 5, "يونيو": 6, "يوليو": 7,
    "أغسطس": 8, "اغسطس": 8, "سبتمبر": 9, "أكتوبر": 10, "اكتوبر": 10, "نوفمبر": 11, "ديسمبر": 12,
}
_MONTH_WORD = (r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
               r"sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|يناير|فبراير|مارس|أبريل|ابريل|مايو|"
               r"يونيو|يوليو|أغسطس|اغسطس|سبتمبر|أكتوبر|اكتوبر|نوفمبر|ديسمبر)")
_PLACEHOLDER = re.compile(r"<[A-Z_]+_\d+>|\[[A-Z_]+_\d+\]|\[A\d+\]|\bA\d+\b|\[REDACTED\]")
_ISO = re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.]+Z?)?\b")
_DMY = re.compile(r"\b(\d{1,2})[/.](\d{1,2})[/.](\d{4}|\d{2})\b")
_D_MON = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH_WORD}\.?(?:,?\s+(\d{{4}}))?", re.IGNORECASE)
_MON_D = re.compile(rf"{_MONTH_WORD}\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(\d{{4}}))?\b", re.IGNORECASE)
_NUMBER = re.compile(r"(?<![\w.])\d{1,3}(?:[,٬ \u202f\u00a0]\d{3})+(?:[.٫]\d+)?(?![\d])|(?<![\w])\d+(?:[.٫]\d+)?(?![\d])")


@dataclass(frozen=True, slots=True)
class Fact:
    kind: str  # "number" | "date"
    value: str  # normal form: "48000", "2026-10-29" or "--10-29" (no year)
    start: int
    end: int


@dataclass(frozen=True)
class FaithVerdict:
    ok: bool
    checked: int
    unsupported: tuple[Fact, ...] = ()
    reason: str = ""

    @property
    def share_supported(self) -> float:
        return 1.0 if not self.checked else (self.checked - len(self.unsupported)) / self.checked


def normalise_digits(text: str) -> str:
    return text.translate(_DIGITS)


def _month(word: str) -> int | None:
    w = word.lower().rstrip(".")
    return _MONTHS.get(w) or _MONTHS.get(w[:3]) or _MONTHS.get(word)


def _number(raw: str) -> str | None:
    cleaned = re.sub(r"[,٬ \u202f\u00a0]", "", raw).replace("٫", ".")
    try:
        d = Decimal(cleaned)
    except InvalidOperation:
        return None
    return format(d.normalize(), "f")


def extract_facts(text: str) -> list[Fact]:
    """Numbers and dates of `text` in normal form (placeholders and citations excluded)."""
    t = _PLACEHOLDER.sub(lambda m: " " * len(m.group(0)), normalise_digits(text))
    facts: list[Fact] = []
    taken: list[tuple[int, int]] = []

    def free(a: int, b: int) -> bool:
        return not any(a < y and x < b for x, y in taken)

    def add_date(m: re.Match[str], y: str | None, mo: int | None, d: str) -> None:
        if mo is None or not (1 <= mo <= 12) or not (1 <= int(d) <= 31) or not free(m.start(), m.end()):
            return
        year = (y if len(y) == 4 else f"20{y}") if y else "-"
        facts.append(Fact("date", f"{year}-{mo:02d}-{int(d):02d}", m.start(), m.end()))
        taken.append((m.start(), m.end()))

    for m in _ISO.finditer(t):
        add_date(m, m.group(1), int(m.group(2)), m.group(3))
    for m in _DMY.finditer(t):
        add_date(m, m.group(3), int(m.group(2)), m.group(1))
    for m in _D_MON.finditer(t):
        add_date(m, m.group(3), _month(m.group(2)), m.group(1))
    for m in _MON_D.finditer(t):
        add_date(m, m.group(3), _month(m.group(1)), m.group(2))
    for m in _NUMBER.finditer(t):
        if not free(m.start(), m.end()):
            continue
        value = _number(m.group(0))
        if value is not None:
            facts.append(Fact("number", value, m.start(), m.end()))
    return sorted(facts, key=lambda f: f.start)


def source_index(sources: Iterable[str]) -> tuple[set[str], set[str]]:
    """Numbers and dates found in the sources; a source date also vouches for its parts."""
    numbers: set[str] = set()
    dates: set[str] = set()
    for src in sources:
        for f in extract_facts(src):
            if f.kind == "number":
                numbers.add(f.value)
            else:
                dates.add(f.value)
                y, mo, d = f.value.rsplit("-", 2) if not f.value.startswith("-") else ("-", *f.value[2:].split("-"))
                dates.add(f"--{mo}-{d}")
                numbers.update({str(int(d)), str(int(mo))} | ({y} if y != "-" else set()))
    return numbers, dates


def supported(fact: Fact, numbers: set[str], dates: set[str]) -> bool:
    if fact.kind == "number":
        return fact.value in numbers
    if fact.value.startswith("-"):
        return "--" + fact.value[2:] in dates
    return fact.value in dates


def check(text: str, *, sources: Iterable[str] = (), index: tuple[set[str], set[str]] | None = None) -> FaithVerdict:
    """Which numbers and dates of `text` are not found in the sources."""
    numbers, dates = index or source_index(sources)
    facts = extract_facts(text)
    bad = tuple(f for f in facts if not supported(f, numbers, dates))
    reason = "" if not bad else f"{len(bad)} unsupported number(s) or date(s)"
    return FaithVerdict(not bad, len(facts), bad, reason)


_SENTENCE = re.compile(r".+?(?:[.!?؟]+(?=\s|$)|\n|$)", re.DOTALL)


def drop_unsupported(text: str, *, index: tuple[set[str], set[str]]) -> tuple[str, int]:
    """`text` without the sentences that state unsupported facts; and how many were dropped."""
    kept: list[str] = []
    dropped = 0
    for m in _SENTENCE.finditer(text):
        sentence = m.group(0)
        if sentence.strip() and not check(sentence, index=index).ok:
            dropped += 1
            continue
        kept.append(sentence)
    return re.sub(r"[ \t]{2,}", " ", "".join(kept)).strip(), dropped

"""Phrase matching on normalised text, aware of Arabic clitics (و ف ب ل ك before a word).

`find(text, phrases)` returns non-overlapping matches, longest phrase first, so "new leads" wins
over "leads" and "sales cycle" over "sales".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Mapping

from assistant.analytics.normalise import ARABIC, normalise

_PREFIX = r"(?:و|ف)?(?:ب|ل|ك)?"


@dataclass(frozen=True, slots=True)
class Match:
    start: int
    end: int
    value: str
    phrase: str


@lru_cache(maxsize=4096)
def pattern(phrase: str) -> re.Pattern[str]:
    norm = normalise(phrase)
    body = re.escape(norm).replace(r"\ ", r"\s+")
    if ARABIC.match(norm[:1] or " "):
        alts = [body]
        if norm.startswith("ال"):
            alts.append("ل" + re.escape(norm[1:]).replace(r"\ ", r"\s+"))  # ل + ال → لل
        return re.compile(rf"(?:(?<=\s)|^){_PREFIX}(?:{'|'.join(alts)})(?=\s|$)")
    return re.compile(rf"(?<![\w]){body}(?![\w])")


@lru_cache(maxsize=64)
def _ordered(items: tuple[tuple[str, str], ...]) -> tuple[tuple[str, str, re.Pattern[str]], ...]:
    """Longest phrase first; phrases that normalise to nothing ("€", "$") are dropped."""
    keep = [(p, v) for p, v in items if normalise(p)]
    return tuple((p, v, pattern(p)) for p, v in sorted(keep, key=lambda kv: -len(normalise(kv[0]))))


def find(text: str, phrases: Mapping[str, str] | Iterable[tuple[str, str]],
         taken: list[tuple[int, int]] | None = None) -> list[Match]:
    """Non-overlapping matches of `phrase → value`, longest phrases first; `taken` spans are skipped."""
    items = tuple(phrases.items() if isinstance(phrases, Mapping) else phrases)
    used = list(taken or [])
    out: list[Match] = []
    for phrase, value, rx in _ordered(items):
        for m in rx.finditer(text):
            s, e = m.span()
            if any(s < b and a < e for a, b in used):
                continue
            used.append((s, e))
            out.append(Match(s, e, value, phrase))
    return sorted(out, key=lambda m: m.start)


def blank(text: str, matches: Iterable[Match]) -> str:
    """The text with matched spans replaced by spaces (positions kept)."""
    chars = list(text)
    for m in matches:
        for i in range(m.start, m.end):
            chars[i] = " "
    return "".join(chars)

"""Language detection per segment, by script: cheap, exact for Arabic vs Latin, enough to route NER."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

Lang = Literal["ar", "en", "mixed", "none"]
_SEGMENT = re.compile(r"[^\n.!?؟]+[.!?؟]*\n?|\n")


@dataclass(frozen=True, slots=True)
class Segment:
    start: int
    end: int
    lang: Lang


def script_lang(text: str) -> Lang:
    """'ar' / 'en' / 'mixed' / 'none' from the share of Arabic vs Latin letters."""
    arabic = latin = 0
    for ch in text:
        if "\u0600" <= ch <= "\u06ff" or "\u0750" <= ch <= "\u077f" or "\ufb50" <= ch <= "\ufeff":
            arabic += 1
        elif ch.isascii() and ch.isalpha():
            latin += 1
    total = arabic + latin
    if not total:
        return "none"
    share = arabic / total
    if share >= 0.8:
        return "ar"
    if share <= 0.2:
        return "en"
    return "mixed"


def segments(text: str) -> list[Segment]:
    """Sentence/line segments with their language."""
    out: list[Segment] = []
    for m in _SEGMENT.finditer(text):
        if m.group().strip():
            out.append(Segment(m.start(), m.end(), script_lang(m.group())))
    return out


def dominant_lang(text: str) -> Lang:
    return script_lang(text)

"""Street addresses not in the records: house number + street words, in English, German, Estonian, Arabic.

A city or street name alone is public information and stays; a street with a house number is
someone's address. Street-type words come from Faker's address providers (installed) plus the
German/Estonian/French forms. Runs on normalised text (accents folded, ASCII digits).
"""

from __future__ import annotations

import re
from functools import lru_cache

from guardrails.types import Span

SOURCE = "identifier"
_EXTRA_EN = ("St", "Rd", "Ave", "Ln", "Dr", "Blvd", "Ct", "Pl", "Sq", "Hwy", "Pkwy", "Close", "Gardens", "Mews")
_DE_SUFFIX = r"(?:stra(?:ss|ß)e|str\.|gasse|weg|platz|allee|ring|damm|ufer|chaussee|markt|steig|pfad|hof)"
_ET_SUFFIX = r"(?:tn|tanav|mnt|maantee|pst|puiestee|poik|tee|valjak)"
_UNIT = r"(?:Flat|Apt\.?|Apartment|Suite|Unit|Studio|Floor|Fl\.?)"
_HOUSE = r"\d{1,5}[A-Za-z]?(?:\s?[/\-]\s?\d{1,5}[A-Za-z]?)?"


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], ...]:
    suffixes = set(_EXTRA_EN)
    try:
        from faker import Faker

        for loc in ("en_US", "en_GB"):
            suffixes.update(Faker(loc).provider("faker.providers.address").street_suffixes)
    except Exception:  # noqa: BLE001 - Faker missing: keep the built-in words
        pass
    alt = "|".join(sorted((re.escape(s) for s in suffixes), key=len, reverse=True))
    return (
        # 12 Baker Street, 9217 Safronov Crossing Apt. 337, Flat 4, Barton Place
        re.compile(
            rf"(?:\b{_UNIT}\s+\w+,?\s+(?:{_HOUSE}\s+)?|\b{_HOUSE}\s+)(?:[A-Z][\w'\-]*\s+){{1,3}}(?:{alt})\b\.?"
            rf"(?:,?\s+{_UNIT}\s*\d+\w*)?"
        ),
        # German compound street + number; Estonian street + number
        re.compile(rf"\b[A-Z][\w\-]*{_DE_SUFFIX}\s+{_HOUSE}\b", re.IGNORECASE),
        re.compile(rf"\b[A-Z][\w\-]*\s+{_ET_SUFFIX}\.?\s+{_HOUSE}\b"),
        # 5 rue de la Paix / via Roma 12
        re.compile(r"\b\d{1,4},?\s+(?:rue|avenue|boulevard|place|chemin)\s+(?:d[eu']\s?|de la\s|des\s)?[A-Z][\w\-]*\b"),
        # Arabic: a street or district word with a house/building number near it
        re.compile(
            r"(?:(?:مبني|منزل|فيلا|شقه|عماره|بنايه)\s*(?:رقم\s*)?\d{1,5}\s*,?\s*)?"
            r"(?:شارع|طريق|حي|جاده|زقاق)\s+[\u0621-\u064A]+(?:\s+[\u0621-\u064A]+){0,2}"
            r"(?:\s*,?\s*(?:مبني|منزل|فيلا|شقه|عماره|بنايه|رقم)\s*(?:رقم\s*)?\d{1,5})?"
        ),
    )


def find_addresses(text: str) -> list[Span]:
    """ADDRESS spans in normalised `text`."""
    spans: list[Span] = []
    for k, pattern in enumerate(_patterns()):
        for m in pattern.finditer(text):
            value = m.group()
            if not any(c.isdigit() for c in value):
                continue  # a street name alone is not personal
            if k == 0 and not re.match(rf"(?:{_UNIT}|\d)", value):
                continue  # English form needs a house number or a flat in front
            spans.append(Span(m.start(), m.end(), "ADDRESS", SOURCE, 0.8))
    return spans

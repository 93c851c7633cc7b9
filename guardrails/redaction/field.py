"""Field-aware detection: the personal and special values of the records in the request.

Each known value is compiled into matchers that survive formatting: names also match a first or
last name alone (with Arabic prefixes و/ب/ل/ال … and English possessives), numbers match in any
spacing or digit script (a phone also in its local or international form), text values match
case- and spacing-insensitively. Runs on the case-folded normalised text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import phonenumbers

from guardrails.redaction.identifiers import PHONE_REGIONS, parse_phone
from guardrails.redaction.lexicons import ARABIC_CONNECTORS, LATIN_PARTICLES, LATIN_TITLES
from guardrails.redaction.normalise import normalise_value
from guardrails.types import KnownValue, Span

SOURCE = "field"
NAME_TYPES = frozenset({"PERSON", "NAME", "FIRST_NAME", "LAST_NAME", "FULL_NAME", "CONTACT_NAME"})
SPECIAL_TYPES = frozenset({"SPECIAL", "HEALTH", "DIAGNOSIS", "MEDICAL", "RELIGION", "ETHNICITY", "BIOMETRIC",
                           "GENETIC", "SEXUAL_ORIENTATION", "POLITICAL", "TRADE_UNION"})
_AR_PREFIX = r"(?:وبال|وال|بال|فال|كال|ولل|لل|وب|ول|فب|فل|ال|و|ف|ب|ل|ك)?"
_SEP = r"[\s\-./()+]{0,3}"
_STOP = frozenset(normalise_value(w) for w in (
    "the and with for from that this have has was were will into about over under their there "
    "في من على الى إلى عن مع هذا هذه التي الذي كان").split())


@dataclass(frozen=True)
class Matcher:
    pattern: re.Pattern[str]
    type: str
    special: bool


def span_type(value: KnownValue) -> str:
    """Entity type for spans of a known value (special values map to a special type)."""
    t = value.type.upper()
    if value.data_class == "special":
        return t if t in SPECIAL_TYPES else "SPECIAL"
    if t in NAME_TYPES:
        return "PERSON"
    return t


def _word_pattern(token: str) -> str:
    """A name token with optional Arabic prefixes and word boundaries on both sides."""
    esc = re.escape(token)
    if "\u0600" <= token[0] <= "\u06ff":
        alts = [esc]
        if token.startswith("ال") and len(token) > 3:
            alts.append(re.escape("ل" + token[1:]))  # للعتيبي
        return rf"(?<![\w]){_AR_PREFIX}(?P<v>{'|'.join(alts)})(?![\w])"
    return rf"(?<![\w@.+])(?P<v>{esc})(?![\w@]|\.\w)"  # not a piece of an email or a handle


def _digits_pattern(digits: str) -> str:
    return _SEP.join(re.escape(d) for d in digits)


def _phone_patterns(raw: str) -> list[str]:
    e164 = parse_phone(raw, cue=True)
    digits = "".join(c for c in normalise_value(raw) if c.isdigit())
    nsn = digits
    if e164:
        try:
            num = phonenumbers.parse(e164, None)
            nsn = phonenumbers.national_significant_number(num)
        except phonenumbers.NumberParseException:  # pragma: no cover - e164 came from phonenumbers
            pass
    if len(nsn) < 6:
        return []
    # Any country-code / trunk / 00 prefix before the national number belongs to the span.
    return [rf"(?<![\d])(?:(?:\+|00)?\d{{1,3}}{_SEP}(?:\(?0\)?{_SEP})?|\(?0\)?{_SEP})?{_digits_pattern(nsn)}(?!\d)"]


def _text_pattern(value: str) -> str:
    tokens = [t for t in re.split(r"[\s,]+", value) if t]
    return r"(?<![\w])" + r"[\s,\-]{0,3}".join(re.escape(t) for t in tokens) + r"(?![\w])"


def _name_tokens(value: str) -> list[str]:
    toks = [t for t in re.split(r"[\s\-]+", value) if t]
    out: list[str] = []
    for t in toks:
        t = t.strip(".,'\"")
        if len(t) < 2 or t in ARABIC_CONNECTORS or t in LATIN_PARTICLES or t in LATIN_TITLES:
            continue
        out.append(t)
    return out


def compile_matchers(values: tuple[KnownValue, ...]) -> tuple[Matcher, ...]:
    return _compile(values)


@lru_cache(maxsize=256)
def _compile(values: tuple[KnownValue, ...]) -> tuple[Matcher, ...]:
    out: list[Matcher] = []
    for kv in values:
        if kv.data_class not in ("personal", "special") or not kv.value or not kv.value.strip():
            continue
        norm = normalise_value(kv.value)
        kind = span_type(kv)
        special = kv.data_class == "special"
        digits = "".join(c for c in norm if c.isdigit())
        alnum = "".join(c for c in norm if c.isalnum())
        patterns: list[str] = []
        if kind == "PHONE" or (kind not in NAME_TYPES and kind != "PERSON" and "@" not in norm
                               and len(digits) >= 7 and len(digits) >= 0.6 * len(alnum) and _looks_phone(norm)):
            patterns += _phone_patterns(norm)
        if kind == "PERSON":
            patterns.append(_text_pattern(norm))
            patterns += [_word_pattern(t) for t in _name_tokens(norm)]
        elif kind == "EMAIL":
            local, _, domain = norm.partition("@")
            patterns.append(r"(?<![\w.+-])" + re.escape(local) + r" ?(?:@|\[at\]|\(at\)| at ) ?"
                            + r" ?(?:\.|\[dot\]|\(dot\)| dot ) ?".join(re.escape(p) for p in domain.split("."))
                            + r"(?![\w-])")
        elif len(alnum) >= 5 and len(digits) >= 4 and len(digits) >= 0.5 * len(alnum):
            # ids, IBANs, cards, account numbers: any spacing, any case
            patterns.append(r"(?<![\w])" + _SEP.join(re.escape(c) for c in alnum) + r"(?![\w])")
        else:
            patterns.append(_text_pattern(norm))
            if kind == "ADDRESS" or special:
                patterns += [_text_pattern(p) for p in _address_parts(norm)]
            if special:
                patterns += [_word_pattern(t) for t in re.split(r"[\s,]+", norm) if len(t) >= 4 and t not in _STOP]
        for p in patterns:
            out.append(Matcher(re.compile(p), kind, special))
    return tuple(out)


def _looks_phone(norm: str) -> bool:
    return norm.lstrip().startswith(("+", "00")) or parse_phone(norm, cue=True) is not None


def _address_parts(norm: str) -> list[str]:
    parts = [p.strip() for p in re.split(r"[,\n]", norm) if p.strip()]
    return [p for p in parts if p != norm and (any(c.isdigit() for c in p) or len(p.split()) >= 2) and len(p) >= 6]


def find_known(folded: str, values: list[KnownValue] | tuple[KnownValue, ...]) -> list[Span]:
    """Spans of known values in case-folded normalised text."""
    spans: list[Span] = []
    for m in compile_matchers(tuple(values)):
        for hit in m.pattern.finditer(folded):
            s, e = (hit.start("v"), hit.end("v")) if "v" in m.pattern.groupindex else (hit.start(), hit.end())
            while s < e and folded[s] in " -./,":
                s += 1
            while e > s and folded[e - 1] in " -./,":
                e -= 1
            if e > s:
                spans.append(Span(s, e, m.type, SOURCE, 1.0))
    return spans


__all__ = ["find_known", "span_type", "SPECIAL_TYPES", "NAME_TYPES", "PHONE_REGIONS"]

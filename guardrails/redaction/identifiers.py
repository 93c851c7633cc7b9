"""Structured identifiers: emails, IPs, IBANs, cards, national ids, phones, other long numbers.

Runs on normalised text (ASCII digits, no invisible characters, single spaces), so Arabic-Indic
digits, zero-width splits and odd spacing inside numbers are already undone. Validation uses
python-stdnum (IBAN of every country, Estonian isikukood, Luhn) and phonenumbers (GCC and EU
regions, E.164 and local forms). Returned spans are in normalised coordinates.
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass
from functools import lru_cache

import phonenumbers
from stdnum import iban as std_iban
from stdnum import luhn, numdb
from stdnum.ee import ik as ee_ik

from guardrails.types import Span

SOURCE = "identifier"
# Local forms are tried in these regions, GCC first (the product's home market), then the EU.
PHONE_REGIONS = (
    "SA", "AE", "KW", "QA", "BH", "OM",
    "GB", "DE", "FR", "NL", "BE", "IT", "ES", "PT", "IE", "AT", "CH", "SE", "DK", "FI", "NO",
    "PL", "CZ", "EE", "LV", "LT", "GR", "RO", "HU", "LU", "US",
)
_PHONE_CUES = re.compile(
    r"(?:phone|tel|mobile|mob|cell|call|whats ?app|wa|fax|sms|contact|reach|"
    r"رقم|هاتف|جوال|موبايل|واتس|اتصل|تلفون|telefon|handy)\W{0,3}(?:\w+\W{1,3}){0,2}$",
    re.IGNORECASE,
)
_ID_CUES = re.compile(
    r"(?:\bid\b|identity|national|iqama|passport|isikukood|personal code|"
    r"هويه|هوية|اقامه|إقامة|سجل|جواز)\W{0,3}(?:\w+\W{1,3}){0,3}$",
    re.IGNORECASE,
)

_EMAIL = re.compile(
    r"(?<![\w.+-])[\w.+-]{1,64} ?@ ?[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,24}(?![\w-])"
)
_EMAIL_OBFUSCATED = re.compile(
    r"(?<![\w.+-])[\w.+-]{1,64} ?(?:\[at\]|\(at\)|\{at\}| at ) ?[A-Za-z0-9-]+"
    r"(?: ?(?:\.|\[dot\]|\(dot\)|\{dot\}| dot ) ?[A-Za-z0-9-]+)*"
    r" ?(?:\[dot\]|\(dot\)|\{dot\}| dot |\.) ?[A-Za-z]{2,24}(?![\w-])",
    re.IGNORECASE,
)
_IPV4 = re.compile(r"(?<![\w.+\-])(?:\d{1,3}\.){3}\d{1,3}(?![\w\-]|\.\d)")
_IPV6 = re.compile(r"(?<![\w:])(?:[0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f]{0,4}(?![\w:])")
_IBAN = re.compile(r"(?<![A-Za-z0-9])[A-Za-z] ?[A-Za-z] ?\d[ \-.]?\d(?:[ \-.]?[A-Za-z0-9]){10,34}")
# A run of digits with separators; split further into space-separated groups below.
_NUMBER_RUN = re.compile(r"(?<![\w])(?<![A-Za-z][\-/_])(?:\+|00)?\(?\d(?:[\d./\-]|\) ?| (?=[\d(]))*\d(?!\w)")
_DATE = re.compile(r"^(?:\d{1,4}[./\-]\d{1,2}[./\-]\d{1,4}|\d{1,2}[./\-]\d{4})$")
_EMIRATES = re.compile(r"^784\d{12}$")


@dataclass(frozen=True, slots=True)
class Identifier:
    """A validated identifier with its canonical form (used as the vault lookup key)."""

    type: str
    canonical: str


def find_identifiers(text: str) -> list[Span]:
    """All structured identifiers in normalised `text`."""
    spans: list[Span] = []
    taken: list[tuple[int, int]] = []

    def add(start: int, end: int, kind: str, score: float = 1.0) -> None:
        if any(start < e and s < end for s, e in taken):
            return
        spans.append(Span(start, end, kind, SOURCE, score))
        taken.append((start, end))

    for m in _EMAIL.finditer(text):
        add(m.start(), m.end(), "EMAIL")
    if "at" in text.lower():
        for m in _EMAIL_OBFUSCATED.finditer(text):
            add(m.start(), m.end(), "EMAIL", 0.9)
    for m in _IPV4.finditer(text):
        if _valid_ip(m.group()):
            add(m.start(), m.end(), "IP")
    if "::" in text or text.count(":") >= 5:
        for m in _IPV6.finditer(text):
            if m.group().count(":") >= 2 and _valid_ip(m.group()):
                add(m.start(), m.end(), "IP")
    for m in _IBAN.finditer(text):
        hit = _iban_prefix(m.group())
        if hit:
            add(m.start(), m.start() + hit, "IBAN")
    for m in _NUMBER_RUN.finditer(text):
        for start, end, kind in _classify_run(text, m.start(), m.end()):
            add(start, end, kind)
    return spans


def _valid_ip(value: str) -> bool:
    try:
        ipaddress.ip_address(value)
    except ValueError:
        return False
    return True


@lru_cache(maxsize=4096)
def _iban_prefix(candidate: str) -> int:
    """Length of the longest prefix of `candidate` that is an IBAN (0 if none)."""
    compact: list[str] = []
    ends: list[int] = []
    for i, ch in enumerate(candidate):
        if ch.isalnum():
            compact.append(ch.upper())
            ends.append(i + 1)
    value = "".join(compact)
    # An IBAN's length is fixed by its country (the BBAN structure of python-stdnum's registry), so
    # only that one prefix can be valid: checking it alone gives what trying every length gave.
    length = _iban_length(value[:2])
    if length < 15 or length > len(value):
        return 0
    if std_iban.is_valid(value[:length]):
        return ends[length - 1]
    # Right shape and length for its country but a bad checksum: still an account number.
    if _iban_shape_ok(value[:length]):
        return ends[length - 1]
    return 0


_BBAN_PART = re.compile(r"([1-9][0-9]*)!([nac])")


@lru_cache(maxsize=None)
def _iban_length(country: str) -> int:
    """Length of the IBANs of `country` in python-stdnum's IBAN registry (0 if it has none)."""
    info = numdb.get("iban").info(country)
    bban = info[0][1].get("bban", "") if info and info[0][1] else ""
    return 4 + sum(int(n) for n, _ in _BBAN_PART.findall(bban)) if bban else 0


def _iban_shape_ok(value: str) -> bool:
    """Valid once its two check digits are recomputed (country format and length are right)."""
    if len(value) < 15 or not value[:2].isalpha() or not value[2:4].isdigit():
        return False
    try:
        fixed = value[:2] + std_iban.calc_check_digits(value) + value[4:]
    except Exception:  # noqa: BLE001 - malformed input
        return False
    return std_iban.is_valid(fixed)


def _classify_run(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """Split a digit run into space-separated groups and classify the longest valid windows."""
    groups = [(m.start() + start, m.end() + start) for m in re.finditer(r"\S+", text[start:end])]
    found: list[tuple[int, int, str]] = []
    i = 0
    while i < len(groups):
        if _DATE.match(text[groups[i][0] : groups[i][1]]):
            i += 1
            continue
        hit = None
        for j in range(min(len(groups), i + 24), i, -1):
            window = groups[i:j]
            s, e = window[0][0], window[-1][1]
            n_digits = sum(c.isdigit() for c in text[s:e])
            if n_digits > 19 or n_digits < 6:
                continue  # cheap pruning: nothing we classify is longer or shorter
            if any(_DATE.match(text[a:b]) for a, b in window):
                continue
            kind = classify_number(text[s:e], before=text[max(0, s - 40) : s])
            if kind:
                hit = (s, e, kind.type)
                i = j
                break
        if hit:
            found.append(hit)
        else:
            i += 1
    return found


def classify_number(value: str, *, before: str = "") -> Identifier | None:
    """Identify a number written with separators; `before` is the text preceding it (for cues)."""
    return _classify(value, bool(_PHONE_CUES.search(before)), bool(_ID_CUES.search(before)))


@lru_cache(maxsize=8192)
def _classify(value: str, phone_cue: bool, id_cue: bool) -> Identifier | None:
    digits = "".join(c for c in value if c.isdigit())
    n = len(digits)
    if n < 6:
        return None
    plus = value.lstrip("(").startswith(("+", "00"))
    if not plus:
        if _EMIRATES.match(digits) and luhn.is_valid(digits):
            return Identifier("NATIONAL_ID", digits)
        if n == 15 and digits.startswith("784") and "-" in value:
            return Identifier("NATIONAL_ID", digits)
        if n == 11 and ee_ik.is_valid(digits):
            return Identifier("NATIONAL_ID", digits)
        if n == 10 and digits[0] in "12" and (luhn.is_valid(digits) or id_cue):
            return Identifier("NATIONAL_ID", digits)
        if 13 <= n <= 19 and digits[0] in "23456" and luhn.is_valid(digits):
            return Identifier("CARD", digits)
    phone = parse_phone(value, cue=phone_cue)
    if phone:
        return Identifier("PHONE", phone)
    if id_cue and n >= 6:
        return Identifier("NATIONAL_ID", digits)
    if n >= 9:
        # Long digit strings in CRM text are account numbers, ids or phones in a form we do not
        # know: treat them as identifiers rather than let them through.
        return Identifier("PHONE" if plus else "ID_NUMBER", digits)
    return None


@lru_cache(maxsize=8192)
def parse_phone(value: str, *, cue: bool = False) -> str | None:
    """E.164 form of a phone number written in international or GCC/EU local form, or None."""
    raw = value.strip()
    digits = "".join(c for c in raw if c.isdigit())
    if len(digits) < 7 or len(digits) > 15:
        return None
    if raw.lstrip("(").startswith("+") or (raw.startswith("00") and len(digits) > 9):
        intl = "+" + (digits[2:] if raw.startswith("00") else digits)
        num = _parse(intl, None)
        if num is not None and (phonenumbers.is_valid_number(num) or phonenumbers.is_possible_number(num)):
            return phonenumbers.format_number(num, phonenumbers.PhoneNumberFormat.E164)
        return None
    if not digits.startswith("0") and not cue and len(digits) < 9 and not re.search(r"\d[ \-.]\d", raw):
        return None  # short bare numbers are too often something else, unless written like a phone
    for region in PHONE_REGIONS:
        num = _parse(digits, region)
        if num is None or not phonenumbers.is_valid_number(num):
            continue
        return phonenumbers.format_number(num, phonenumbers.PhoneNumberFormat.E164)
    return None


def _parse(value: str, region: str | None) -> phonenumbers.PhoneNumber | None:
    try:
        return phonenumbers.parse(value, region)
    except phonenumbers.NumberParseException:
        return None


def canonical_identifier(value: str, kind: str) -> str | None:
    """Canonical lookup form of an identifier of type `kind` (None when not applicable)."""
    if kind == "PHONE":
        return parse_phone(value, cue=True) or "".join(c for c in value if c.isdigit()) or None
    if kind in ("IBAN", "CARD", "NATIONAL_ID", "ID_NUMBER"):
        return "".join(c for c in value.upper() if c.isalnum()) or None
    if kind == "EMAIL":
        v = value.lower().replace(" ", "")
        for a, b in (("[at]", "@"), ("(at)", "@"), ("{at}", "@"), ("[dot]", "."), ("(dot)", "."), ("{dot}", ".")):
            v = v.replace(a, b)
        return v
    return None

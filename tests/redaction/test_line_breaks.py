"""Line breaks survive normalisation (issue 4): values wrapped over lines are still found, and the
line-based name cues (sign-off lines, "X:" speakers, label lines) fire on every line, not only the
text's first. Synthetic people only."""

from __future__ import annotations

import pytest

from guardrails.redaction.normalise import normalise, normalise_value
from guardrails.types import KnownValue

LAYLA = [KnownValue("Layla Haddad", "PERSON")]

# (id, text, the value that must not stay in clear, known values)
SPLIT_VALUES = [
    ("known-name-lf", "Spoke with Layla\nHaddad about the quote.", "Layla\nHaddad", LAYLA),
    ("known-name-crlf", "Spoke with Layla\r\nHaddad about the quote.", "Layla\r\nHaddad", LAYLA),
    ("known-name-u2028", "Spoke with Layla\u2028Haddad about the quote.", "Layla\u2028Haddad", LAYLA),
    ("known-name-u2029-spaces", "Spoke with Layla  \u2029  Haddad today.", "Layla  \u2029  Haddad", LAYLA),
    ("known-ar-name-lf", "اتصل خالد\nالزهراني صباحا", "خالد\nالزهراني", [KnownValue("خالد الزهراني", "PERSON")]),
    ("known-phone-lf", "call +966 50\n123 4567 today", "+966 50\n123 4567", [KnownValue("+966501234567", "PHONE")]),
    ("known-phone-local-crlf", "رقم الجوال 050 123\r\n4567 للتواصل", "050 123\r\n4567", [KnownValue("+966501234567", "PHONE")]),
    ("known-iban-lf", "IBAN SA03 8000 0000\n6080 1016 7519 please", "SA03 8000 0000\n6080 1016 7519",
     [KnownValue("SA0380000000608010167519", "IBAN")]),
    ("known-address-two-lines", "Deliver to:\n12 Palm Road,\nJeddah 21432", "12 Palm Road,\nJeddah 21432",
     [KnownValue("12 Palm Road, Jeddah 21432", "ADDRESS")]),
    ("known-address-value-has-newline", "deliver to 12 Palm Road, Jeddah", "12 Palm Road",
     [KnownValue("12 Palm Road\nJeddah", "ADDRESS")]),
    ("known-email-after-break", "mail:\nlayla.haddad@example.com", "layla.haddad@example.com",
     [KnownValue("layla.haddad@example.com", "EMAIL")]),
    # not in the records: identifiers wrapped over a line
    ("phone-lf", "Mobile: +971 50\n987 6543 (after 5pm)", "+971 50\n987 6543", []),
    ("iban-lf", "Konto DE89 3704 0044\n0532 0130 00 bitte", "DE89 3704 0044\n0532 0130 00", []),
    ("card-lf", "card 4111 1111\n1111 1111 exp 12/27", "4111 1111\n1111 1111", []),
    ("emirates-id-lf", "Emirates ID 784-1985-\n1234567-1 verified", "784-1985-\n1234567-1", []),
]


def _leaked(text: str, value: str, spans) -> str:
    start = text.index(value)
    covered = {i for s in spans for i in range(s.start, s.end)}
    return "".join(text[i] for i in range(start, start + len(value)) if i not in covered and not text[i].isspace())


@pytest.mark.parametrize("row", SPLIT_VALUES, ids=[r[0] for r in SPLIT_VALUES])
def test_value_split_over_lines_is_detected(redactor, row):
    _id, text, value, known = row
    spans = redactor.detect(text, known=known)
    assert not _leaked(text, value, spans), spans


@pytest.mark.parametrize("row", SPLIT_VALUES, ids=[r[0] for r in SPLIT_VALUES])
def test_value_split_over_lines_is_not_in_redacted_text(redactor, vault, row):
    _id, text, value, known = row
    red = redactor.redact(text, vault=vault, known=known)
    flat = lambda s: normalise_value(s).replace(" ", "")  # noqa: E731
    assert flat(value) not in flat(red.text)


def test_same_name_over_a_line_break_gets_the_same_placeholder(redactor, vault):
    one = redactor.redact("Met Layla Haddad today.", vault=vault, known=LAYLA).text
    two = redactor.redact("Met Layla\nHaddad today.", vault=vault, known=LAYLA).text
    assert one == two == "Met <PERSON_1> today."


def test_residue_check_sees_values_over_line_breaks(redactor):
    text = "note: <PERSON_1> and Layla\r\nHaddad"
    left = redactor._residue(text, LAYLA)
    assert {(s.start, s.end) for s in left} >= {(text.index("Layla"), len(text))}


# (id, normalised input, expected text) — a whitespace run is one character, a newline if it holds one
NORMALISE_ROWS = [
    ("lf", "a\nb", "a\nb"),
    ("crlf", "a\r\nb", "a\nb"),
    ("cr", "a\rb", "a\nb"),
    ("u2028", "a\u2028b", "a\nb"),
    ("u2029", "a\u2029b", "a\nb"),
    ("spaces-around", "a  \n\t b", "a\nb"),
    ("blank-lines", "a\n\n\nb", "a\nb"),
    ("zero-width-in-run", "a \u200b\nb", "a\nb"),
    ("tab-only", "a\t\tb", "a b"),
]


@pytest.mark.parametrize("row", NORMALISE_ROWS, ids=[r[0] for r in NORMALISE_ROWS])
def test_normalise_keeps_line_breaks(row):
    _id, text, expected = row
    norm = normalise(text)
    assert norm.text == expected
    assert len(norm.starts) == len(norm.ends) == len(norm.text)
    s, e = norm.to_original(0, len(norm.text))
    assert (s, e) == (0, len(text))
    k = norm.text.find("\n")
    if k >= 0:  # the newline maps back to the whole whitespace run
        s, e = norm.to_original(k, k + 1)
        assert normalise(text[s:e]).text == "\n"


def test_normalise_value_treats_line_breaks_as_spaces():
    assert normalise_value("Layla\r\nHaddad ") == normalise_value("layla haddad") == "layla haddad"


# Line-based name cues on a later line of the text (they used to fire only at the text's start).
LINE_CUES = [
    ("signoff-later-line", "Thanks for the call.\nBest regards,\nOttilie Whitcombe", "Ottilie Whitcombe"),
    ("speaker-later-line", "ok see below\nMoataz: can we move the call?", "Moataz"),
    ("label-later-line", "Renewal due in May.\nOwner: Nabil Oyelaran", "Nabil Oyelaran"),
    ("ar-speaker-later-line", "ملخص المكالمة\nمبارك: متى يناسبك الاجتماع؟", "مبارك"),
    ("ar-label-later-line", "تم التجديد\nالمسؤول عن الحساب: أنس حداد", "أنس حداد"),
    ("latin-name-in-arabic-line", "مع التحية،\nHertha زيارة العميل", "Hertha"),
]


@pytest.mark.parametrize("row", LINE_CUES, ids=[r[0] for r in LINE_CUES])
def test_line_cues_fire_on_later_lines(redactor, row):
    _id, text, name = row
    assert not _leaked(text, name, redactor.detect(text)), redactor.detect(text)


def test_names_on_two_lines_are_two_people(redactor):
    text = "Attendees:\nDeepa Nwosu\nFarhan Oyelaran"
    persons = [text[s.start : s.end] for s in redactor.detect(text) if s.type == "PERSON"]
    assert "Deepa Nwosu" in persons and "Farhan Oyelaran" in persons

"""Restoration: exact and rewritten forms, invented placeholders, overlaps, streaming at every split."""

from __future__ import annotations

import pytest

from guardrails.redaction.restore import Restorer, StreamRestorer
from guardrails.types import KnownValue

MAPPING = {"<PERSON_1>": "Layla Haddad", "<PERSON_10>": "Omar $1 \\g<0> Khalid", "<PHONE_2>": "+966 50 123 4567",
           "<EMAIL_1>": "<PERSON_1>@example.com"}


@pytest.mark.parametrize(
    "model_text, expected",
    [
        ("Hi <PERSON_1>!", "Hi Layla Haddad!"),
        ("Hi [PERSON_1]!", "Hi Layla Haddad!"),
        ("Hi <person_1>!", "Hi Layla Haddad!"),
        ("Hi PERSON_1!", "Hi Layla Haddad!"),
        ("Hi < PERSON-1 >!", "Hi Layla Haddad!"),
        ("Hi &lt;PERSON_1&gt;!", "Hi Layla Haddad!"),
        ("Hi {PERSON_1}.", "Hi Layla Haddad."),
        ("<PERSON_10> and <PERSON_1>", "Omar $1 \\g<0> Khalid and Layla Haddad"),
        ("PERSON_10 then PERSON_1", "Omar $1 \\g<0> Khalid then Layla Haddad"),
        ("Call <PHONE_2>.", "Call +966 50 123 4567."),
        ("mail <EMAIL_1>", "mail <PERSON_1>@example.com"),  # a value is never re-read as a placeholder
    ],
)
def test_restore_forms(model_text, expected):
    res = Restorer(MAPPING).restore(model_text)
    assert res.text == expected
    assert res.invented == 0


def test_invented_placeholders_are_removed_and_counted():
    res = Restorer(MAPPING).restore("Dear <PERSON_1>, <PERSON_3> wrote from <EMAIL_2> and [PHONE_9].")
    assert res.text == "Dear Layla Haddad,  wrote from  and ."
    assert res.invented == 3 and res.restored == 1
    assert "PERSON_3" not in res.text and "EMAIL_2" not in res.text


def test_round_trip_with_overlapping_spans(redactor, vault):
    text = "Layla Haddad <layla.haddad@example.com> and Haddad's phone 0501234567; Layla again."
    known = [KnownValue("Layla Haddad", "PERSON"), KnownValue("layla.haddad@example.com", "EMAIL"),
             KnownValue("Haddad", "PERSON"), KnownValue("+966501234567", "PHONE")]
    red = redactor.redact(text, vault=vault, known=known)
    assert "Haddad" not in red.text and "0501234567" not in red.text
    assert redactor.restore(red.text, vault=vault).text == text


def test_round_trip_arabic_mixed(redactor, vault):
    text = "اتصل بالسيد فهد العتيبي على ٠٥٠١٢٣٤٥٦٧ about IBAN SA0380000000608010167519."
    red = redactor.redact(text, vault=vault)
    assert "فهد" not in red.text and "٠٥٠١٢٣٤٥٦٧" not in red.text and "SA03" not in red.text
    assert redactor.restore(red.text, vault=vault).text == text


STREAM_TEXT = "Dear <PERSON_1>, call [PHONE_2] or <PERSON_10>; PERSON_1 agreed. <EMAIL_7> is unknown."


def _expected():
    return Restorer(MAPPING).restore(STREAM_TEXT).text


@pytest.mark.parametrize("size", [1, 2, 3, 5, 8])
def test_streaming_fixed_chunks(size):
    sr = StreamRestorer(Restorer(MAPPING))
    out = "".join(sr.feed(STREAM_TEXT[i : i + size]) for i in range(0, len(STREAM_TEXT), size)) + sr.flush()
    assert out == _expected()


def test_streaming_every_split_position():
    expected = _expected()
    for cut in range(len(STREAM_TEXT) + 1):
        for cut2 in (cut, min(len(STREAM_TEXT), cut + 4)):
            sr = StreamRestorer(Restorer(MAPPING))
            out = sr.feed(STREAM_TEXT[:cut]) + sr.feed(STREAM_TEXT[cut:cut2]) + sr.feed(STREAM_TEXT[cut2:]) + sr.flush()
            assert out == expected, (cut, cut2)


def test_streaming_holds_back_only_possible_placeholders():
    sr = StreamRestorer(Restorer(MAPPING))
    assert sr.feed("Hello there, ") == "Hello there, "
    assert sr.feed("see <PER") == "see "
    assert sr.feed("SON_1> now") == "Layla Haddad now"
    assert sr.flush() == ""
    assert sr.feed("the end.") == "the end."


def test_streaming_never_emits_raw_invented_placeholder():
    sr = StreamRestorer(Restorer(MAPPING))
    chunks = ["Ask <EM", "AIL_", "9> or P", "HONE_", "4 now"]
    out = "".join(sr.feed(c) for c in chunks) + sr.flush()
    assert "EMAIL_9" not in out and "PHONE_4" not in out
    assert sr.invented == 2


def test_redactor_stream_restorer(redactor, vault):
    red = redactor.redact("Met Layla Haddad", vault=vault, known=[KnownValue("Layla Haddad", "PERSON")])
    sr = redactor.stream_restorer(vault)
    text = red.text + " yesterday."
    out = "".join(sr.feed(ch) for ch in text) + sr.flush()
    assert out == "Met Layla Haddad yesterday."

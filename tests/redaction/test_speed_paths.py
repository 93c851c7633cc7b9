"""The fast paths of detection give exactly what the plain paths give.

- normalise copies runs of unchanged characters in one step: same text and offset map as the
  character-by-character reference below, on any mix of tricky characters;
- keep_alef_maqsura derives the fold_ya=False text from the first normalisation;
- the NER runs all windows of a text in one spaCy batch: same entities as one window at a time.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from guardrails.redaction.normalise import Normalised, fold_char, keep_alef_maqsura, normalise

# Characters that exercise every branch: ASCII, spaces of all kinds, invisible and bidi marks,
# tatweel and harakat, Arabic letter variants, Arabic-Indic/Persian digits, accents, look-alikes.
_ALPHABET = (
    "aZ09 .,@+-_'\n\t\r\u00a0\u2003\u200b\u200c\u200d\u200e\u202e\u2066\ufeff\u00ad"
    "\u0640\u064b\u064e\u0651\u0670أإآىيئةؤکی٠١٩۰۹٫٬،؛؟–—−＠．éÉñßﬁ①ＡＺ\u0301\u0308"
    "محمدعليالسيد"
)


def _reference(text: str, *, casefold: bool = False, collapse_spaces: bool = True, fold_ya: bool = True) -> Normalised:
    """The character-by-character normalisation the fast path must reproduce."""
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    prev_space = False
    for i, ch in enumerate(text):
        folded = "ى" if (ch == "ى" and not fold_ya) else fold_char(ch, casefold)
        if not folded:
            if starts:
                ends[-1] = i + 1
            continue
        if collapse_spaces and folded in (" ", "\n"):
            if prev_space:  # a whitespace run is one character: a newline if the run holds one
                ends[-1] = i + 1
                if folded == "\n":
                    out[-1] = "\n"
                continue
            prev_space = True
        else:
            prev_space = False
        for c in folded:
            out.append(c)
            starts.append(i)
            ends.append(i + 1)
    return Normalised("".join(out), tuple(starts), tuple(ends), len(text))


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=60), st.booleans(), st.booleans(), st.booleans())
def test_normalise_fast_path_matches_reference(text: str, casefold: bool, collapse: bool, fold_ya: bool) -> None:
    assert normalise(text, casefold=casefold, collapse_spaces=collapse, fold_ya=fold_ya) == _reference(
        text, casefold=casefold, collapse_spaces=collapse, fold_ya=fold_ya
    )


def test_normalise_fast_path_on_crm_text() -> None:
    text = ("Call  Layla\u200b Haddad on +966 50 123 4567.\nالسيد مُحمّد عـــلي على الهاتف ٠٥٠١٢٣٤٥٦٧ "
            "— email: LAYLA＠example.com\t\tIBAN SA03 8000 0000 6080 1016 7519")
    for casefold in (False, True):
        for fold_ya in (False, True):
            assert normalise(text, casefold=casefold, fold_ya=fold_ya) == _reference(text, casefold=casefold, fold_ya=fold_ya)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=60))
def test_keep_alef_maqsura_matches_second_pass(text: str) -> None:
    assert keep_alef_maqsura(normalise(text), text) == normalise(text, fold_ya=False).text


def test_keep_alef_maqsura_tells_preposition_from_name() -> None:
    text = "اتصل عـلي على الرقم"
    raw = keep_alef_maqsura(normalise(text), text)
    assert "على" in raw and "علي" in raw
    assert "على" not in normalise(text).text  # the default pass folds ى → ي


def test_ner_batch_equals_one_window_at_a_time(redactor) -> None:
    ner = redactor._ner  # noqa: SLF001 - the batching is an internal fast path
    if ner is None:
        return
    windows = [
        "Jessica Rogers discussed the Robertson-Hahn partnership.",
        "that Urmas Aleksandrov from Davis Ltd is also interested in",
        "Whatsapp from Mike: hi, can",
        "Login from 64.179.92.164 flagged for Katie",
        " Riyadh - IBAN received.",
        "Maria confirmed the meeting at",
    ]
    ner._cache.clear()  # noqa: SLF001
    batched = ner.analyze_windows(windows)
    single = []
    for w in windows:
        ner._cache.clear()  # noqa: SLF001
        single += ner.analyze_windows([w])
    assert batched == single
    assert any(kind == "PERSON" for ents in batched for _, _, kind, _ in ents)


def _iban_prefix_reference(candidate: str) -> int:
    """Every prefix length tried, longest first (what identifiers._iban_prefix must reproduce)."""
    from stdnum import iban as std_iban

    from guardrails.redaction.identifiers import _iban_shape_ok

    compact, ends = [], []
    for i, ch in enumerate(candidate):
        if ch.isalnum():
            compact.append(ch.upper())
            ends.append(i + 1)
    value = "".join(compact)
    for length in range(len(value), 14, -1):
        if std_iban.is_valid(value[:length]):
            return ends[length - 1]
    for length in range(len(value), 14, -1):
        if _iban_shape_ok(value[:length]):
            return ends[length - 1]
    return 0


_IBAN_SAMPLES = [
    "SA03 8000 0000 6080 1016 7519", "SA0380000000608010167519 12", "DE89370400440532013000",
    "gb82 west 1234 5698 7654 32", "EE38 2200 2210 2014 5685 99", "AE07 0331 2345 6789 0123 456",
    "NO93 8601 1117 947", "SA04 8000 0000 6080 1016 7519",  # bad checksum, right shape
    "XX12 3456 7890 1234 5678", "KW81 CBKU 0000 0000 0000 1234 5601 01", "QA58 DOHB 0000 1234 5678 90AB CDEF G",
]


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(["SA", "AE", "DE", "GB", "EE", "NO", "KW", "QA", "BH", "FR", "XX", "sa"]),
       st.text(alphabet="0123456789ABCDEFXYZ -.", min_size=12, max_size=40))
def test_iban_prefix_matches_every_length_reference(country: str, rest: str) -> None:
    from guardrails.redaction.identifiers import _iban_prefix

    candidate = country + rest
    assert _iban_prefix(candidate) == _iban_prefix_reference(candidate)


@pytest.mark.parametrize("candidate", _IBAN_SAMPLES)
def test_iban_prefix_matches_reference_on_samples(candidate: str) -> None:
    from guardrails.redaction.identifiers import _iban_prefix

    assert _iban_prefix(candidate) == _iban_prefix_reference(candidate)
    assert _iban_prefix(candidate) == _iban_prefix_reference(candidate)  # cached answer too

"""The output side of injection handling: an answer must not echo a payload planted in a doubted note.

The input side (patterns and the sentence classifier, `guardrails.injection`) misses some attacks
written in templates it has never seen. Such an attack only succeeds when the model copies what the
note asked for into its answer: a code word, a marker, a quoted phrase, an address. So the answer
is checked too. A note is *doubted* when the detector flagged it or when its most instruction-like
sentence scores above the classifier's lower `suspect` threshold (far more notes than are flagged:
that is affordable because nothing is withheld for doubt alone). The *payload* of a request is the
set of distinctive tokens of its doubted notes — words shaped like codes or markers (letters with
digits, a run of four capitals, parts joined by "-" "_" "." around such a run) — that appear in no
other record of the prompt. The check runs on what the model wrote, before personal values are
restored: a name or number the redactor masked is a placeholder there and never matches. An answer
point (summary) or sentence (draft, chat) that contains a payload token is removed and counted; a
streamed answer has the token itself masked (what was sent cannot be taken back).

Ordinary words are never payload, whatever the note: a business sentence copied from a doubted note
loses nothing, and a shouted word matches only in capitals ("URGENT", not "urgent"). The cost is a
point removed when the model repeats a doubted note's own code (an order number, a company written
in capitals) that no other record holds; `python -m evals.assistant.run` counts how often benign
notes carry such a code.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Iterable

from guardrails.injection_views import _INVISIBLE, _unconfuse

# A token: letters/digits with inner joiners (MANGO-otter, ref_42, v2.5). Unicode letters count,
# so Arabic and Cyrillic codes are tokens too.
_TOKEN = re.compile(r"[^\W_](?:[\w\-.·]*[^\W_])?")
# Four capitals: "CFO", "VAT", "UAE" and the other three-letter abbreviations of business notes are words.
_CAPS_RUN = re.compile(r"[A-Z]{4,}")
_QUANTITY = re.compile(r"[\d.,\-]+[^\W\d_]{1,3}")
_MIN_SQUASHED = 6  # keys at least this long are also found when the model splits or re-spaces them


def _view(text: str) -> str:
    """NFKC, invisible characters dropped, look-alike letters mapped back to Latin (case kept)."""
    return _unconfuse(unicodedata.normalize("NFKC", _INVISIBLE.sub("", text)))


def _squash(text: str) -> str:
    return "".join(ch for ch in text.casefold() if ch.isalnum())


def distinctive(token: str) -> bool:
    """A token shaped like a code or marker rather than a word of running text."""
    letters = sum(ch.isalpha() for ch in token)
    digits = sum(ch.isdigit() for ch in token)
    if len(token) < 3 or letters == 0:
        return False  # numbers are the faithfulness check's business
    if digits:
        # a code (PO-4471, REF88X), not a quantity with its unit or suffix (5pm, 28th, 100kg, 2-3x)
        return letters >= 2 and not _QUANTITY.fullmatch(token)
    return bool(_CAPS_RUN.search(token))  # MANGO, MANGO-otter, VERIFIED


def tokens(text: str) -> set[str]:
    """The distinctive tokens of a text (its normalised view)."""
    return {m.group(0) for m in _TOKEN.finditer(_view(text)) if distinctive(m.group(0))}


@dataclass(frozen=True)
class Payload:
    """What an answer may not repeat: distinctive tokens (exact, case kept, for an all-capitals word;
    casefolded otherwise) and squashed keys (long tokens, found even when re-spaced or re-hyphenated)."""

    exact: frozenset[str] = frozenset()
    folded: frozenset[str] = frozenset()
    squashed: frozenset[str] = frozenset()

    def __bool__(self) -> bool:
        return bool(self.exact or self.folded or self.squashed)

    def found_in(self, text: str) -> bool:
        if not self:
            return False
        view = _view(text)
        words = {m.group(0) for m in _TOKEN.finditer(view)}
        if words & self.exact or {w.casefold() for w in words} & self.folded:
            return True
        flat = _squash(view)
        return any(key in flat for key in self.squashed)

    def without(self, *texts: str) -> "Payload":
        """This payload less every token the given texts hold (the user's own words may be echoed)."""
        words = {m.group(0) for t in texts for m in _TOKEN.finditer(_view(t))}
        if not self or not words:
            return self
        folded = {w.casefold() for w in words}
        flat = {_squash(w) for w in words}
        return Payload(self.exact - words, self.folded - folded, self.squashed - flat)

    def mask(self, text: str, marker: str = "[removed]") -> tuple[str, int]:
        """Replace each payload token in `text` (streamed answers, where a sentence cannot be withdrawn)."""
        n = 0

        def one(m: re.Match[str]) -> str:
            nonlocal n
            word = _view(m.group(0))  # compared in the normalised view; the text itself is left as written
            if word in self.exact or word.casefold() in self.folded or (
                    len(_squash(word)) >= _MIN_SQUASHED and _squash(word) in self.squashed):
                n += 1
                return marker
            return m.group(0)

        return _TOKEN.sub(one, text) if self else text, n


def payload(doubted: Iterable[str], clean: Iterable[str]) -> Payload:
    """The payload of the doubted texts: their distinctive tokens that no clean text of the same
    prompt contains (a code the records use elsewhere is the records' own)."""
    doubted = list(doubted)
    if not doubted:
        return Payload()
    clean_text = "\n".join(clean)
    clean_words = {m.group(0).casefold() for m in _TOKEN.finditer(_view(clean_text))}
    exact: set[str] = set()
    folded: set[str] = set()
    squashed: set[str] = set()
    for text in doubted:
        for tok in tokens(text):
            if tok.casefold() in clean_words:
                continue
            if tok.isupper() and tok.isalpha():
                exact.add(tok)  # an all-capitals word: only its capitals form ("URGENT", not "urgent")
            else:
                folded.add(tok.casefold())
                if len(_squash(tok)) >= _MIN_SQUASHED:
                    squashed.add(_squash(tok))
    return Payload(frozenset(exact), frozenset(folded), frozenset(squashed))


def drop_sentences(text: str, pay: Payload) -> tuple[str, int]:
    """Remove the sentences of `text` that carry a payload token; returns (text, sentences removed)."""
    if not pay or not text:
        return text, 0
    parts = re.split(r"(?<=[.!?؟。])(\s+)|(\n+)", text)
    out: list[str] = []
    removed = 0
    for part in parts:
        if part is None:
            continue
        if part.strip() and pay.found_in(part):
            removed += 1
            continue
        out.append(part)
    kept = "".join(out)
    return (re.sub(r"[ \t]{2,}", " ", kept).strip() if removed else text), removed


@dataclass
class EchoGuard:
    """Per request: the payload of its doubted notes, and how many answer parts were removed."""

    payload: Payload = field(default_factory=Payload)
    removed: int = 0

    def point_ok(self, text: str) -> bool:
        if self.payload.found_in(text):
            self.removed += 1
            return False
        return True

    def sentences(self, text: str) -> str:
        kept, n = drop_sentences(text, self.payload)
        self.removed += n
        return kept

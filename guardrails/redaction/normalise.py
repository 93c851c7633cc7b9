"""Text normalisation with an offset map back to the original text.

Detectors run on the normalised text so that evasion tricks (zero-width characters, Arabic
letter variants, diacritics, tatweel, Arabic-Indic/Persian digits, odd whitespace, case) do not
hide a value; the offset map turns every span found there back into original positions.
Whitespace runs collapse to one character: a newline if the run holds a line break (line-based
name cues need the lines), else a space. Value layers read that newline as a space.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

# Characters that render as nothing (or nearly) and are used to split values.
_INVISIBLE = frozenset(
    [chr(c) for c in (0x00AD, 0x034F, 0x061C, 0x115F, 0x1160, 0x17B4, 0x17B5, 0x180E, 0x3164, 0xFEFF)]
    + [chr(c) for c in range(0x200B, 0x2010)]  # zero-width space/joiners, LRM, RLM
    + [chr(c) for c in range(0x202A, 0x202F)]  # bidi embeddings and overrides
    + [chr(c) for c in range(0x2060, 0x2070)]  # word joiner, invisible operators, bidi isolates
    + [chr(c) for c in range(0xFE00, 0xFE10)]  # variation selectors
)
_TATWEEL = "\u0640"
# Line breaks stay line breaks (line-based cues: sign-offs, "Name:" speakers, label lines); every
# other whitespace becomes one space. U+0085 (NEL) too, as str.splitlines() does.
_LINE_BREAKS = frozenset("\n\r\u2028\u2029\u0085\x0b\x0c")
# Arabic harakat, Quranic marks and the superscript alef.
_ARABIC_MARKS = frozenset(
    [chr(c) for c in range(0x0610, 0x061B)]
    + [chr(c) for c in range(0x064B, 0x0660)]
    + ["\u0670"]
    + [chr(c) for c in range(0x06D6, 0x06DD)]
    + [chr(c) for c in range(0x06DF, 0x06E5)]
    + [chr(c) for c in range(0x06E7, 0x06E9)]
    + [chr(c) for c in range(0x06EA, 0x06EE)]
)
_ARABIC_LETTERS = {
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا",
    "ى": "ي", "ی": "ي", "ې": "ي", "ئ": "ي",
    "ة": "ه", "ۀ": "ه", "ە": "ه",
    "ؤ": "و",
    "ک": "ك", "ڪ": "ك",
}
# Punctuation look-alikes folded to ASCII so that patterns stay simple.
_PUNCT = {
    "٫": ".", "٬": ",", "،": ",", "؛": ";", "؟": "?",
    "‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-", "−": "-", "﹣": "-", "－": "-",
    "＠": "@", "﹫": "@", "．": ".", "｡": ".", "＋": "+",
}


@dataclass(frozen=True, slots=True)
class Normalised:
    """Normalised text; char i of `text` came from original[starts[i]:ends[i]]."""

    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]
    original_length: int

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a normalised [start, end) to the original text."""
        if start >= end:
            raise ValueError("empty span")
        return self.starts[start], self.ends[end - 1]


@lru_cache(maxsize=4096)
def fold_char(ch: str, casefold: bool) -> str:
    """Normalise one character; returns '' for characters to drop."""
    if ch in _INVISIBLE or ch == _TATWEEL or ch in _ARABIC_MARKS:
        return ""
    if ch in _ARABIC_LETTERS:
        return _ARABIC_LETTERS[ch]
    if ch in _PUNCT:
        return _PUNCT[ch]
    if ch.isdigit() and not ("0" <= ch <= "9"):
        value = unicodedata.decimal(ch, None)
        if value is not None:
            return str(value)
    if ch in _LINE_BREAKS:
        return "\n"
    if ch.isspace():
        return " "
    cat = unicodedata.category(ch)
    if cat == "Cf" or (cat == "Mn" and _is_latin_mark(ch)):  # format chars; combining accents
        return ""
    if ord(ch) > 0x7F and cat.startswith(("L", "P", "S")):
        folded = unicodedata.normalize("NFKC", ch)
        # Strip Latin accents only when the base letter is ASCII (é → e); keeps Arabic intact.
        decomposed = unicodedata.normalize("NFD", folded)
        base = "".join(c for c in decomposed if not unicodedata.combining(c))
        if base.isascii() and base:
            folded = base
        ch = folded
    if casefold:
        low = ch.lower()
        return low if len(low) == len(ch) else ch
    return ch


def _is_latin_mark(ch: str) -> bool:
    return 0x0300 <= ord(ch) <= 0x036F


def _plain_run(casefold: bool) -> re.Pattern[str]:
    """Runs of characters that normalise to themselves, joined by single ASCII spaces.

    Such a run is copied as is (one output character per input character), so `normalise` only
    looks at the other characters one by one: the same result, several times faster on CRM text.
    """
    chars = [chr(c) for c in list(range(0x21, 0x7F)) + list(range(0x0600, 0x0700))]
    keep = "".join(re.escape(c) for c in chars if fold_char(c, casefold) == c and not c.isspace())
    return re.compile(rf"[{keep}]+(?: [{keep}]+)*")


_PLAIN = {False: _plain_run(False), True: _plain_run(True)}


def normalise(text: str, *, casefold: bool = False, collapse_spaces: bool = True, fold_ya: bool = True) -> Normalised:
    """Normalise `text` for detection; keeps an exact offset map to the original.

    fold_ya=False keeps alef maqsura (ى) apart from ya (ي): same length and offsets, used to tell
    the preposition على from the name علي.
    """
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    prev_space = False
    plain = _PLAIN[casefold].match
    i, n = 0, len(text)
    while i < n:
        m = plain(text, i)
        if m is not None:  # unchanged characters, single spaces only inside: copied in one step
            j = m.end()
            out.append(text[i:j])
            starts.extend(range(i, j))
            ends.extend(range(i + 1, j + 1))
            prev_space = False
            i = j
            continue
        ch = text[i]
        i += 1
        folded = "ى" if (ch == "ى" and not fold_ya) else fold_char(ch, casefold)
        if not folded:
            if starts:  # dropped characters belong to the previous kept character
                ends[-1] = i
            continue
        if collapse_spaces and folded in " \n":
            if prev_space:  # one character per whitespace run: a newline if the run holds one
                ends[-1] = i
                if folded == "\n":
                    out[-1] = "\n"
                continue
            prev_space = True
        else:
            prev_space = False
        for c in folded:
            out.append(c)
            starts.append(i - 1)
            ends.append(i)
    joined = "".join(out)
    if _CONFUSABLE_HIT.search(joined):
        joined = _MIXED_WORD.sub(_unconfuse, joined)  # same length: the offset map stays
    return Normalised(joined, tuple(starts), tuple(ends), len(text))


# Cyrillic and Greek letters drawn like Latin ones (Unicode confusables, the usual homoglyph evasion).
# They are folded only inside a word that also holds Latin letters ("Lеopoldo" with a Cyrillic е), so
# Russian or Greek words stay intact.
_CONFUSABLES = str.maketrans(
    "аеорсхуіјѕӏԁԛԝ"
    "АВЕКМНОРСТХІЈЅ"
    "οαινΑΒΕΖΗΙΚΜΝΟΡΤΥΧ",
    "aeopcxyijslgqw"
    "ABEKMHOPCTXIJS"
    "oaivABEZHIKMNOPTYX",
)
_CONFUSABLE_HIT = re.compile("[Ͱ-ϿЀ-ԯ]")
_MIXED_WORD = re.compile(r"[^\W\d_]*(?:[A-Za-z][^\W\d_]*[Ͱ-ϿЀ-ԯ]|[Ͱ-ϿЀ-ԯ][^\W\d_]*[A-Za-z])[^\W\d_]*")


def _unconfuse(m: re.Match[str]) -> str:
    return m.group().translate(_CONFUSABLES)


def normalise_value(value: str) -> str:
    """Canonical lookup form of a value: normalised, case-folded, single-spaced, trimmed.

    A line break counts as a space here: "Layla\nHaddad" is the same value as "Layla Haddad".
    """
    return normalise(value, casefold=True).text.replace("\n", " ").strip()


def digits_only(value: str) -> str:
    """ASCII digits of a value (after folding Arabic-Indic and Persian digits)."""
    return "".join(c for c in normalise(value).text if "0" <= c <= "9")


def alnum_upper(value: str) -> str:
    """Letters and digits only, upper case: the compact form of IBANs and ids."""
    return "".join(c for c in normalise(value).text.upper() if c.isalnum())


def keep_alef_maqsura(norm: Normalised, original: str) -> str:
    """`normalise(original, fold_ya=False).text`, derived from `norm = normalise(original)`.

    The two differ only where the original has ى (one character in, one out), so the second
    normalisation pass the Arabic name finder needs costs a scan instead of a full pass.
    """
    if "ى" not in original:
        return norm.text
    chars = list(norm.text)
    i = original.find("ى")
    while i >= 0:
        k = bisect_left(norm.starts, i)
        if k < len(chars) and norm.starts[k] == i:
            chars[k] = "ى"
        i = original.find("ى", i + 1)
    return "".join(chars)

"""Text normalisation for the question parser: one spelling per word, ASCII digits.

Arabic letter variants (أ إ آ ٱ → ا, ة → ه, ى → ي, ؤ → و, ئ → ي), tatweel and diacritics are
folded, Arabic-Indic and Persian digits become ASCII, punctuation becomes spaces. The same
function normalises the catalogue's synonyms, so both sides always meet in one form.
"""

from __future__ import annotations

import re
import unicodedata

_DIGITS = {ord(c): str(i) for i, c in enumerate("٠١٢٣٤٥٦٧٨٩")}
_DIGITS.update({ord(c): str(i) for i, c in enumerate("۰۱۲۳۴۵۶۷۸۹")})
_LETTERS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي", "ؤ": "و",
                          "ئ": "ي", "ـ": "", "،": ",", "؟": "?", "؛": ";", "٪": "%", "٫": ".", "٬": ","})
_DIACRITICS = re.compile(r"[\u064B-\u065F\u0670\u06D6-\u06ED]")
# Keep letters, digits, '-', '/', '%', '.' between digits; everything else separates words.
_SEPARATORS = re.compile(r"[^\w\-/%.]+", re.UNICODE)
_LOOSE_DOTS = re.compile(r"(?<!\d)\.|\.(?!\d)")
_SPACES = re.compile(r"\s+")
ARABIC = re.compile(r"[\u0600-\u06FF]")


def normalise(text: str) -> str:
    """Lower-case, fold Arabic variants and digits, collapse punctuation and spaces."""
    text = unicodedata.normalize("NFKC", text or "")
    text = text.translate(_DIGITS).translate(_LETTERS)
    text = _DIACRITICS.sub("", text).lower()
    text = _SEPARATORS.sub(" ", text)
    text = _LOOSE_DOTS.sub(" ", text)
    text = text.replace("_", " ")
    return _SPACES.sub(" ", text).strip()


def language_of(text: str) -> str:
    """'ar' when the question is mostly Arabic script, else 'en'."""
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return "en"
    arabic = sum(1 for c in letters if ARABIC.match(c))
    return "ar" if arabic * 2 >= len(letters) else "en"

"""Views of a CRM text for the injection detector: the normalised (folded) form and the extra views
made only when their trigger is present (leetspeak, one word per line, hyphen-split words, base64).

`fold` is the matching form every pattern family runs on; see guardrails.injection for the design.
"""

from __future__ import annotations

import base64
import binascii
import re
import unicodedata

from guardrails.redaction.normalise import normalise as _normalise

# Look-alike letters (Cyrillic, Greek) an attacker mixes into Latin words to dodge word patterns.
_CONFUSABLES = str.maketrans({
    "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "х": "x", "у": "y", "і": "i", "ј": "j", "ѕ": "s",
    "ԁ": "d", "ԛ": "q", "ԝ": "w", "һ": "h", "ӏ": "l", "ո": "n", "ս": "u", "в": "b", "к": "k", "м": "m",
    "н": "h", "т": "t", "г": "r",
    "А": "a", "В": "b", "Е": "e", "К": "k", "М": "m", "Н": "h", "О": "o", "Р": "p", "С": "c", "Т": "t",
    "Х": "x", "У": "y", "І": "i", "Ј": "j", "Ѕ": "s",
    "ο": "o", "α": "a", "ε": "e", "ι": "i", "ν": "v", "τ": "t", "ρ": "p", "κ": "k", "υ": "u", "ϲ": "c",
    "Ι": "i", "Ο": "o", "Α": "a", "Β": "b", "Ε": "e", "Ζ": "z", "Η": "h", "Κ": "k", "Μ": "m", "Ν": "n",
    "Ρ": "p", "Τ": "t", "Χ": "x", "Υ": "y",
    # Latin small capitals (styled text that NFKC leaves alone) and Armenian look-alikes.
    "ᴀ": "a", "ʙ": "b", "ᴄ": "c", "ᴅ": "d", "ᴇ": "e", "ꜰ": "f", "ɢ": "g", "ʜ": "h", "ɪ": "i", "ᴊ": "j", "ᴋ": "k",
    "ʟ": "l", "ᴍ": "m", "ɴ": "n", "ᴏ": "o", "ᴘ": "p", "ʀ": "r", "ꜱ": "s", "ᴛ": "t", "ᴜ": "u", "ᴠ": "v", "ᴡ": "w",
    "ʏ": "y", "ᴢ": "z", "օ": "o", "ց": "g", "հ": "h", "զ": "q", "ա": "w",
})
# Small capitals are Latin letters of their own: a word made only of them is mapped too.
_SMALL_CAPS = re.compile("[ᴀʙᴄᴅᴇꜰɢʜɪᴊᴋʟᴍɴᴏᴘʀꜱᴛᴜᴠᴡʏᴢ]")
# A word mixing Latin with Cyrillic, Greek or Armenian letters: deliberate look-alike spelling.
_MIXED_SCRIPT = re.compile(r"\b(?=\w*[a-zA-Z])(?=\w*[\u0370-\u03ff\u0400-\u052f\u0530-\u058f])\w+\b")
_HYPHEN_SPLIT = re.compile(r"\b[a-z]{1,6}(?:-[a-z]{1,6})+\b")
_LATIN = re.compile(r"[a-zA-Z]")
_NON_LATIN_LETTER = re.compile(r"[\u0370-\u03ff\u0400-\u052f\u0530-\u058f]")
_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\u00ad\u180e\U000e0000-\U000e007f]")
_TAGS = re.compile("[\U000e0000-\U000e007f]")
_BIDI_OVERRIDE = re.compile("[\u202d\u202e]")  # reverses the text shown: no business note needs it
_SPACED = re.compile(r"\b(?:[a-z][ .\-_*]){3,}[a-z]\b")  # "i g n o r e", "i.g.n.o.r.e"
_SPACED_AR = re.compile(r"(?:(?<=\s)|^)(?:[\u0621-\u064a] ){3,}[\u0621-\u064a](?=\s|$)")
_LEET_WORD = re.compile(r"\b(?=[a-z0-9@$]*[a-z][a-z0-9@$]*[013457@$])(?=(?:[0-9@$]*[a-z]){2})[a-z0-9@$]{3,}\b")
_LEET = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s"})
_LEET_L = str.maketrans({"0": "o", "1": "l", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s"})
# Words whose leetspeak spelling decides between 1 → i and 1 → l ("ru135" is "rules", "1gn0r3" is "ignore").
_LEET_VOCAB = frozenset("rules all tell filters policy policies reveal fully only please role roles let model "
                        "developer unlimited unrestricted jailbreak".split())
# A run of spaced-out letters joined into one blob ("i g n o r e p r e v i o u s …" with single
# spaces): no word boundaries are left, so the override family is checked without them.
_BLOB = re.compile(r"(?:ignor|disregard|forget|overrid|bypass|skip)\w*?(?:instruction|rule|prompt|guideline|polic|restriction)")
_TEXTSPEAK = {"u": "you", "ur": "your", "r": "are", "pls": "please", "plz": "please", "2": "to", "4": "for",
              "y": "why", "thx": "thanks", "msg": "message", "transl8": "translate"}
_TEXTSPEAK_WORD = re.compile(r"\b(?:u|ur|r|pls|plz|thx|msg|transl8)\b")
_BASE64 = re.compile(r"(?<![A-Za-z0-9+/])[A-Za-z0-9+/]{16,}={0,2}(?![A-Za-z0-9+/])")
_SENTENCE = re.compile(r"(?<=[.!?؟;])\s+|\n+")


# ------------------------------------------------------------------------------------------ views

def _unconfuse(text: str) -> str:
    """Map Cyrillic/Greek look-alikes to Latin inside words that also hold Latin letters (a Russian
    word stays Russian; "Ignоre" with a Cyrillic o becomes "Ignore")."""
    if _SMALL_CAPS.search(text):
        text = text.translate(_CONFUSABLES) if not _NON_LATIN_LETTER.search(text) else _SMALL_CAPS.sub(
            lambda m: m.group(0).translate(_CONFUSABLES), text)
    if not _NON_LATIN_LETTER.search(text):
        return text
    return re.sub(r"\S+", lambda m: m.group(0).translate(_CONFUSABLES) if _LATIN.search(m.group(0)) else m.group(0), text)


def _join_spaced(m: re.Match[str]) -> str:
    """"i g n o r e" → "ignore"; "i-g-n-o-r-e y-o-u-r" → "ignore your" (spaces kept as word breaks
    when the letters are joined by another separator)."""
    run = m.group(0)
    if re.search(r"[a-z][.\-_*][a-z]", run):
        return re.sub(r"(?<=[a-z])[.\-_*](?=[a-z])", "", run)
    return run.replace(" ", "")


def fold(text: str) -> str:
    """The matching form, one line per original line: look-alikes mapped, then the redactor's
    normaliser (NFKC, invisible characters, Arabic marks and tatweel removed, Arabic letter
    variants folded, accents stripped, lower case), spaced-out letters joined."""
    lines = []
    for line in _unconfuse(unicodedata.normalize("NFKC", text)).split("\n"):
        # Spaced-out letters are joined before the normaliser collapses the wider gaps between words.
        low = _SPACED.sub(_join_spaced, line.lower()) if _SPACED.search(line.lower()) else line
        low = _normalise(low, casefold=True).text
        low = _SPACED.sub(_join_spaced, low)
        low = _SPACED_AR.sub(lambda m: m.group(0).replace(" ", ""), low)
        lines.append(low)
    return "\n".join(lines)


def _leet(folded: str) -> str | None:
    """The sentences holding leetspeak or text-speak words, de-obfuscated (None when there are none)."""
    out = []
    for sentence in _SENTENCE.split(folded):
        changed = _LEET_WORD.sub(_deleet, sentence)
        changed = _TEXTSPEAK_WORD.sub(lambda m: _TEXTSPEAK[m.group(0)], changed)
        if changed != sentence:
            out.append(changed)
    return "\n".join(out) or None


def _deleet(m: re.Match[str]) -> str:
    word = m.group(0)
    as_l = word.translate(_LEET_L)
    return as_l if as_l in _LEET_VOCAB else word.translate(_LEET)


def _joined_lines(folded: str) -> str | None:
    """An instruction split one or two words per line, joined back into a sentence."""
    runs, run = [], []
    for line in folded.split("\n") + [""]:
        line = line.strip(" -*•")
        if line and len(line.split()) <= 2:
            run.append(line)
            continue
        if len(run) >= 3:
            runs.append(" ".join(run + ([line] if line else [])))
        run = [line] if line and len(line.split()) <= 6 else []
    return "\n".join(runs) or None


def _dehyphenated(folded: str) -> str | None:
    """Words split by hyphens ("dis-re-gard the ear-lier in-struc-tions") joined back, when at
    least two are split that way (one "follow-up" is ordinary spelling)."""
    if len(_HYPHEN_SPLIT.findall(folded)) < 2:
        return None
    return re.sub(r"(?<=[a-z])-(?=[a-z])", "", folded)


def _decoded_payloads(text: str) -> list[str]:
    out = []
    for m in _BASE64.finditer(text):
        chunk = m.group(0)
        if chunk.isalpha() and (chunk.islower() or chunk.isupper()):
            continue  # a long word, not an encoding
        try:
            raw = base64.b64decode(chunk + "=" * (-len(chunk) % 4), validate=True)
            decoded = raw.decode("utf-8")
        except (binascii.Error, UnicodeDecodeError, ValueError):
            continue
        printable = sum(ch.isprintable() or ch.isspace() for ch in decoded)
        if decoded and printable / len(decoded) > 0.9 and re.search(r"[a-zA-Z\u0600-\u06ff]{3}", decoded):
            out.append(decoded)
    return out



def _sentences(text: str) -> list[str]:
    return [s for s in _SENTENCE.split(text) if s.strip()]

"""Names of people not in the records: a gazetteer plus context cues, Arabic and Latin script.

Works on normalised text (case kept). Arabic names are found through given/family name lists,
connectors (بن، بنت، أبو، عبد، آل), attached prefixes (و، ب، ل، ال …) and courtesy cues (السيد، د.،
المهندس …); Latin-script names through the same lists, titles (Mr, Dr, Herr …) and capitalisation.
The tenant's contacts can be added to the lists per call (`extra`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from guardrails.redaction.lexicons import (
    ARABIC_AMBIGUOUS,
    ARABIC_CONNECTORS,
    ARABIC_CUES,
    ARABIC_STOP,
    LATIN_PARTICLES,
    LATIN_PERSON_CUES,
    LATIN_TITLES,
    MONTHS_DAYS,
    ORG_SUFFIXES,
    Lexicons,
    is_english_word,
)
from guardrails.types import Span

SOURCE = "gazetteer"
_L = "A-Za-z\u00C0-\u024F"
_TOKEN = re.compile(rf"[{_L}][{_L}'\-]*[{_L}]|[{_L}]|[\u0620-\u064A\u0671-\u06D3\u06FA-\u06FF]+|\d+|[^\w\s]")
# After these, the next word belongs to the name whatever it is: آل علي، بن علي (not the preposition على).
_STRONG_CONNECTORS = frozenset({"ال", "بن", "بنت", "ابن", "ابو", "ابا", "ام", "عبد"})
# Prefixes that attach to an Arabic word (conjunction, prepositions, article), longest first.
# The article ال is not stripped from unknown words: "البريد" is not the name "بريد". Family names that
# carry it (العتيبي) are listed with it, so "والعتيبي" still resolves through "و".
_AR_PREFIXES = ("ولل", "لل", "وب", "ول", "فب", "فل", "و", "ف", "ب", "ل", "ك")
_SENTENCE_END = frozenset(".!?\n:;")


def _capitalised_run(toks: list[tuple[int, int, str]], text: str, i: int, lex: Lexicons) -> int:
    """How many capitalised Latin words follow each other from token i (single spaces only)."""
    k = i
    if toks[i][2].isupper() and len(toks[i][2]) > 1:
        return 0
    while k + 1 < len(toks) and toks[k + 1][2][0].isupper() and toks[k + 1][2][0].isalpha() \
            and not (toks[k + 1][2].isupper() and len(toks[k + 1][2]) > 1) \
            and text[toks[k][1] : toks[k + 1][0]] == " " and toks[k + 1][2].lower() not in MONTHS_DAYS:
        k += 1
    return k - i + 1


_IRREGULAR = re.compile(r"\b[A-Za-z]*[a-z][A-Z][A-Za-z]*\b|\b[A-Z]{2,}[a-z]+[A-Za-z]*\b")


def recase(text: str) -> str:
    """Title-case Latin words with irregular letter case ("senNa VerWoerT"); same length as `text`."""
    if not _IRREGULAR.search(text):
        return text
    return _IRREGULAR.sub(lambda m: m.group().capitalize() if not m.group()[:2] in ("Mc", "Ma", "De", "Da", "Le", "La", "Di", "Va", "Mac") else m.group(), text)


@dataclass(frozen=True)
class NameLists:
    """Given/family names from the lexicons plus per-call extras (the tenant's contacts)."""

    lex: Lexicons
    extra: frozenset[str] = frozenset()


def _is_arabic(tok: str) -> bool:
    return "\u0620" <= tok[0] <= "\u06ff"


def _arabic_name_kind(word: str, lists: NameLists) -> tuple[str | None, int]:
    """('given'|'family'|'ambiguous'|None, length of a stripped prefix)."""
    lex = lists.lex
    candidates = [(0, word)]
    for p in _AR_PREFIXES:
        if word.startswith(p) and len(word) - len(p) >= 2:
            candidates.append((len(p), word[len(p) :]))
            if p.endswith("لل"):  # ل + ال with the alef dropped: للعتيبي = ل + العتيبي
                candidates.append((0, "ال" + word[len(p) :]))
    if word.startswith("ال") and len(word) >= 5:
        candidates.append((2, word[2:]))  # المحمد: article on a name, only trusted next to another name
    for strip, w in candidates:
        if w in ARABIC_STOP and strip == 0:
            return None, 0
        if strip == 2 and word.startswith("ال") and w == word[2:]:
            if w in lists.extra or w in lex.arabic_given:
                return "ambiguous", strip
            continue
        if w in lists.extra:
            return "given", strip
        if w in ARABIC_AMBIGUOUS:
            return "ambiguous", strip
        if w in lex.arabic_given:
            return "given", strip
        if w in lex.arabic_family:
            return "family", strip
    return None, 0


def _base(word: str) -> str:
    """The word without one attached prefix when the rest is a name connector (وعبد → عبد)."""
    for p in _AR_PREFIXES:
        if word.startswith(p) and word[len(p) :] in ARABIC_CONNECTORS:
            return word[len(p) :]
    return word


def _is_cue(word: str) -> bool:
    """A courtesy title or role word, also with an attached prefix (بالسيد، وللمهندس)."""
    if word in ARABIC_CUES:
        return True
    for p in _AR_PREFIXES:
        if word.startswith(p) and len(word) - len(p) >= 2:
            rest = word[len(p) :]
            if rest in ARABIC_CUES or ("ال" + rest) in ARABIC_CUES:
                return True
    return False


def _nisba(word: str) -> bool:
    return word.startswith("ال") and word.endswith("ي") and len(word) >= 5 and word not in ARABIC_STOP


def find_arabic_names(text: str, lists: NameLists, raw: str | None = None) -> list[Span]:
    """PERSON spans for Arabic-script names in normalised `text`.

    raw: the same text normalised with fold_ya=False, so the preposition على stays apart from علي.
    """
    toks = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]
    if raw is not None and len(raw) == len(text):
        toks = [(a, b, raw[a:b] if raw[a:b].endswith("ى") and raw[a:b].replace("ى", "ي") == w and raw[a:b] in ARABIC_STOP else w)
                for a, b, w in toks]
    spans: list[Span] = _embedded_in_latin(toks)
    n = len(toks)
    i = 0
    while i < n:
        s, e, w = toks[i]
        if not _is_arabic(w):
            i += 1
            continue
        cue = _is_cue(w)
        kind, strip = (None, 0) if cue else _arabic_name_kind(w, lists)
        prev_cue = i > 0 and (_is_cue(toks[i - 1][2]) or (toks[i - 1][2] == "." and i > 1 and _is_cue(toks[i - 2][2]))
                              or toks[i - 1][2].lower() in LATIN_PERSON_CUES or toks[i - 1][2].lower() in LATIN_TITLES)
        start_tok = None
        if w in ("ابو", "ام") and i + 1 < n and _is_arabic(toks[i + 1][2]) and toks[i + 1][2] not in ARABIC_STOP:
            start_tok, strip = i, 0  # a kunya (أبو خالد) is itself a name
        elif cue and not kind:
            i += 1
            continue
        elif kind in ("given", "family") or (kind == "ambiguous" and (prev_cue or _continues(toks, i + 1, lists))):
            start_tok = i
        elif prev_cue and kind is None and w not in ARABIC_STOP and w not in ARABIC_CONNECTORS and len(w) >= 2:
            start_tok, strip = i, len(w) - len(_base(w))  # unknown word right after a cue: a name we do not list
        elif (kind is None and not w.startswith("ال") and len(w) >= 3 and w not in ARABIC_STOP
              and w not in ARABIC_CONNECTORS and i + 1 < n and _is_arabic(toks[i + 1][2])
              and (_nisba(toks[i + 1][2]) or toks[i + 1][2] in ("بن", "بنت"))):
            start_tok, strip = i, 0  # unknown given name before a family name (… العتيبي) or بن
        elif _base(w) in ("عبد", "ابو") and i + 1 < n and _is_arabic(toks[i + 1][2]) and toks[i + 1][2] not in ARABIC_STOP:
            start_tok, strip = i, len(w) - len(_base(w))  # وعبد الله: the conjunction stays outside
        if start_tok is None:
            i += 1
            continue
        end_tok = start_tok
        j = start_tok + 1
        while j < n:
            wj = toks[j][2]
            if not _is_arabic(wj) or (wj in ARABIC_STOP and toks[j - 1][2] not in _STRONG_CONNECTORS):
                break
            kj, sj = _arabic_name_kind(wj, lists)
            if wj in ARABIC_CONNECTORS and j + 1 < n and _is_arabic(toks[j + 1][2]) and (
                toks[j + 1][2] not in ARABIC_STOP or wj in _STRONG_CONNECTORS
            ):
                end_tok = j + 1
                j += 2
                continue
            if (kj and sj == 0) or _nisba(wj) or _base(toks[j - 1][2]) in ("عبد", "ابو", "ام"):
                end_tok = j
                j += 1
                continue
            break
        spans.append(Span(s + strip, toks[end_tok][1], "PERSON", SOURCE, 0.85))
        i = end_tok + 1
    return spans


def _stopword(word: str) -> bool:
    """A function word, also with an attached prefix (وشكرا، بهذا)."""
    return word in ARABIC_STOP or any(word.startswith(p) and word[len(p) :] in ARABIC_STOP for p in _AR_PREFIXES)


def _embedded_in_latin(toks: list[tuple[int, int, str]]) -> list[Span]:
    """1-3 Arabic words inside an English sentence ("assistant حصة suggested"): a name."""
    out: list[Span] = []
    n = len(toks)
    i = 0
    while i < n:
        if not _is_arabic(toks[i][2]):
            i += 1
            continue
        j = i
        while j + 1 < n and _is_arabic(toks[j + 1][2]):
            j += 1
        before = toks[i - 1][2] if i else ""
        after = toks[j + 1][2] if j + 1 < n else ""
        latin = lambda t: bool(t) and t[0].isascii() and t[0].isalpha()  # noqa: E731
        words = [t[2] for t in toks[i : j + 1]]
        if j - i < 3 and latin(before) and (latin(after) or after in ("'", ".", ",", "")) and not any(
            _stopword(w) or w in ARABIC_CUES for w in words
        ):
            out.append(Span(toks[i][0], toks[j][1], "PERSON", SOURCE, 0.6))
        i = j + 1
    return out


def _continues(toks: list[tuple[int, int, str]], j: int, lists: NameLists) -> bool:
    if j >= len(toks) or not _is_arabic(toks[j][2]):
        return False
    w = toks[j][2]
    kind, strip = _arabic_name_kind(w, lists)
    return (kind in ("given", "family") and strip == 0) or w in _STRONG_CONNECTORS or _nisba(w)


def find_latin_names(text: str, lists: NameLists) -> list[Span]:
    """PERSON spans for Latin-script names (gazetteer, titles, capitalisation) in normalised `text`."""
    lex = lists.lex
    toks = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]
    n = len(toks)
    spans: list[Span] = []

    def sentence_initial(k: int) -> bool:
        return k == 0 or toks[k - 1][2] in _SENTENCE_END or text[toks[k - 1][1] : toks[k][0]].count("\n") > 0

    def is_cap(w: str) -> bool:
        return w[0].isupper()

    def lower_kind(w: str) -> str | None:
        lw = w.lower()
        if lw in lists.extra:
            return "given"
        if lw in lex.latin_given:
            return "given"
        if lw in lex.latin_family:
            return "family"
        return None

    i = 0
    while i < n:
        s, e, w = toks[i]
        if not w[0].isalpha() or _is_arabic(w):
            i += 1
            continue
        lw = w.lower()
        kind = lower_kind(w)
        title = (lw in LATIN_TITLES or lw in LATIN_PERSON_CUES) and i + 1 < n
        start = None
        if title:
            k = i + 1
            if k < n and toks[k][2] == ".":
                k += 1
            if k < n and toks[k][2][0].isalpha() and not _is_arabic(toks[k][2]) and (
                lower_kind(toks[k][2]) or (is_cap(toks[k][2]) and (lw in LATIN_TITLES or not is_english_word(toks[k][2].lower(), lex)))
            ) and toks[k][2].lower() not in MONTHS_DAYS and text[toks[i][1] : toks[k][0]].strip(" .,") == "":
                start = k
        elif kind and (lw not in MONTHS_DAYS or (
            is_cap(w) and i + 1 < n and is_cap(toks[i + 1][2]) and lower_kind(toks[i + 1][2]) == "family"
        )):  # "June Rice" is a person, "June 2025" is not
            word = is_english_word(lw, lex)
            nxt = toks[i + 1][2] if i + 1 < n else ""
            next_name = bool(nxt) and nxt[0].isalpha() and (lower_kind(nxt) is not None) and not _is_arabic(nxt)
            if is_cap(w):
                # a family name that is also a word (Smith, London) needs a given name or a title
                if not word or (next_name and is_cap(nxt)) or (kind == "given" and not sentence_initial(i)):
                    start = i
            elif (next_name and (not word or kind == "given")) or (
                not word and len(w) >= 4 and kind == "given"
            ):
                start = i  # lower-cased name (case-change evasion) needs list evidence
        elif is_cap(w) and lw in LATIN_PARTICLES and i + 1 < n and is_cap(toks[i + 1][2]) and lower_kind(toks[i + 1][2]):
            start = i
        elif (is_cap(w) and not w.isupper() and len(w) > 2 and lw not in MONTHS_DAYS and lw not in LATIN_TITLES
              and _capitalised_run(toks, text, i, lex) >= 2
              and not (is_english_word(lw, lex) and is_english_word(toks[i + 1][2].lower(), lex))):
            start = i  # two or more capitalised words, not all dictionary words: a name's shape
            if sentence_initial(i) and is_english_word(lw, lex) and not kind:
                # "Patient Ninetta Ferrara": the sentence's first word is not part of the name
                start = i + 1 if _capitalised_run(toks, text, i + 1, lex) >= 2 else None
        if start is None:
            i += 1
            continue
        end = start
        j = start + 1
        while j < n:
            wj = toks[j][2]
            if not wj[0].isalpha() or _is_arabic(wj) or text[toks[j - 1][1] : toks[j][0]] not in (" ", ""):
                break
            lj = wj.lower()
            if lj in LATIN_PARTICLES and j + 1 < n and is_cap(toks[j + 1][2]):
                end = j + 1
                j += 2
                continue
            kj = lower_kind(wj)
            if lj in MONTHS_DAYS:
                break
            after_given = lower_kind(toks[j - 1][2]) == "given" or toks[j - 1][2].lower() in lists.extra
            if lj.rstrip(".") in ORG_SUFFIXES:
                break
            if (is_cap(wj) and (kj or after_given or not is_english_word(lj, lex))) or (kj and wj.islower() and toks[start][2].islower()):
                end = j
                j += 1
                continue
            break
        if end == start and not title and not is_cap(toks[start][2]) and not lower_kind(toks[start][2]):
            i = start + 1
            continue
        if toks[end][2].lower().rstrip(".") in ORG_SUFFIXES or (
            end + 1 < n and toks[end + 1][2].lower().rstrip(".") in ORG_SUFFIXES
            and text[toks[end][1] : toks[end + 1][0]] == " "
        ):
            i = end + 1
            continue  # "Najd Logistics", "Alpen Solar GmbH": a company
        stop = toks[end][1] - 2 if toks[end][2].endswith("'s") else toks[end][1]
        spans.append(Span(toks[start][0], stop, "PERSON", SOURCE, 0.8))
        i = end + 1
    return spans


def propagate_names(text: str, spans: list[Span], lex: Lexicons, raw: str | None = None) -> list[Span]:
    """Other mentions of a name already found ("Madelief Pasman" … later "Madelief")."""
    tokens: set[str] = set()
    for sp in spans:
        if sp.type != "PERSON":
            continue
        for m in _TOKEN.finditer(text[sp.start : sp.end]):
            w = m.group()
            if len(w) < 3 or not w[0].isalpha():
                continue
            lw = w.lower()
            if _is_arabic(w):
                if w not in ARABIC_CONNECTORS and w not in ARABIC_STOP and w not in ARABIC_CUES:
                    tokens.add(w)
            elif w[0].isupper() and lw not in LATIN_PARTICLES and lw not in LATIN_TITLES and lw not in MONTHS_DAYS \
                    and (not is_english_word(lw, lex) or lw in lex.latin_given or lw in lex.latin_family):
                tokens.add(lw)
    if not tokens:
        return []
    out: list[Span] = []
    for m in _TOKEN.finditer(text):
        w = m.group()
        if _is_arabic(w):
            if raw is not None and len(raw) == len(text) and raw[m.start() : m.end()] in ARABIC_STOP:
                continue  # the preposition على, not the name علي
            for p in ("",) + _AR_PREFIXES:
                if w.startswith(p) and w[len(p) :] in tokens:
                    out.append(Span(m.start() + len(p), m.end(), "PERSON", SOURCE, 0.7))
                    break
        elif w.lower() in tokens and w[0].isupper():
            out.append(Span(m.start(), m.end(), "PERSON", SOURCE, 0.7))
    return out

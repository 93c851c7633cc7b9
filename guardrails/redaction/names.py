"""Names of people not in the records: a gazetteer plus context cues, Arabic and Latin script.

Works on normalised text (case kept). Arabic names are found through given/family name lists,
connectors (بن، بنت، أبو، عبد، آل), attached prefixes (و، ب، ل، ال …) and courtesy cues (السيد، د.،
المهندس …); Latin-script names through the same lists, titles (Mr, Dr, Herr …) and capitalisation.
The tenant's contacts can be added to the lists per call (`extra`).

Structural cues find names that are in no list: greeting and sign-off lines ("Hi X,", "Regards,\nX",
"— X", "مرحبا X"، "مع تحيات X"), chat speaker prefixes ("[14:02] X:", "X: …" at a line start), label
lines ("Owner: X", "الاسم: X"), contact verbs ("spoke with X", "loop in X", "اتصلت بـX", "تواصلت مع X"),
verbs with an object pronoun ("أبلغني X") or a following particle ("قال X إن"), names before a
speech verb ("hamad said"), coordination after a found name ("X and Y", "X، وY") and ALL-CAPS runs
holding a listed name. Everything stays one pass over the tokens with set look-ups.
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
    ARABIC_CONTACT_VERBS,
    ARABIC_LABELS,
    ARABIC_NAME_LABELS,
    ARABIC_ORG_NOUNS,
    ARABIC_OBJECT_VERBS,
    ARABIC_PARTICLES,
    ARABIC_SPEECH_VERBS,
    ARABIC_VERB_COMPLEMENTS,
    ARABIC_VOCATIVE_NOT_NAME,
    ARABIC_VOCATIVE_CUES,
    LATIN_ADDRESSEES,
    LATIN_CONTACT_CUES,
    LATIN_CUE_LINKS,
    LATIN_NON_PERSON,
    LATIN_GREETINGS,
    LATIN_LABELS,
    LATIN_SIGNOFFS,
    LATIN_SPEECH_VERBS,
    ORG_SUFFIXES,
    PLACE_NOUNS,
    Lexicons,
    is_english_word,
)
from guardrails.redaction.normalise import normalise_value
from guardrails.types import Span

SOURCE = "gazetteer"
_L = "A-Za-z\u00C0-\u024F"
_TOKEN = re.compile(rf"[{_L}][{_L}'\-]*[{_L}]|[{_L}]|[\u0620-\u064A\u0671-\u06D3\u06FA-\u06FF]+|\d+|[^\w\s]")
# After these, the next word belongs to the name whatever it is: آل علي، بن علي (not the preposition على).
_STRONG_CONNECTORS = frozenset({"ال", "بن", "بنت", "ابن", "ابو", "ابا", "ام", "عبد"})
# Prefixes that attach to an Arabic word (conjunction, prepositions, article), longest first.
# The article ال is not stripped from unknown words: "البريد" is not the name "بريد". Family names that
# carry it (العتيبي) are listed with it, so "والعتيبي" still resolves through "و".
_AR_PREFIXES = ("ولل", "لل", "وب", "ول", "فب", "فل", "و", "ف", "ب", "ل")  # not ك: كلام is not ك + لام
_SENTENCE_END = frozenset(".!?\n:;")
# Second halves of compound given names (نور الدين، عز الدين، سيف الإسلام): after a name they belong to it.
_COMPOUND_TAILS = frozenset({"الدين", "الاسلام"})
# Future-tense verb prefixes (سيمثلان، ستصل): a rare word that starts so is a verb, not a family name.
_FUTURE = ("سي", "ست", "سن", "سا")
# Tokens that open a list item or a chat line ("• X: …", "09:14 - X: …"); the text may have no line breaks.
_ITEM_MARKS = frozenset({"•", "▪", "◦", "-", "*", "\u2013", "\u2014", "·"})


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


_WORD = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)?")
_ODD_HINT = re.compile("[a-z\u00df-\u00ff\u0100-\u024f][A-Z\u00c0-\u00de\u0100-\u024f]"
                       "|[A-Z\u00c0-\u00de\u0100-\u024f]{2}[a-z\u00df-\u00ff\u0100-\u024f]")
_KEEP_PREFIXES = ("Mc", "Ma", "De", "Da", "Le", "La", "Di", "Va", "Mac")


def _irregular(w: str) -> bool:
    """Random letter case: a capital after a small letter ("chaUveT"), or capitals then small ("FRanck")."""
    letters = [c for c in w if c.isalpha()]
    if len(letters) < 2 or (len(letters) > 2 and letters[-1] == "s" and all(c.isupper() for c in letters[:-1])):
        return False  # "PDFs", "KPIs": a plural acronym
        return False
    low_then_up = any(a.islower() and b.isupper() for a, b in zip(letters, letters[1:]))
    caps_then_low = letters[0].isupper() and letters[1].isupper() and any(c.islower() for c in letters)
    return (low_then_up or caps_then_low) and w[:2] not in _KEEP_PREFIXES and w[:3] != "Mac"


def _title(w: str) -> str:
    t = w[:1].upper() + w[1:].lower()
    return t if len(t) == len(w) else w


def _listed(w: str, lex: Lexicons) -> bool:
    lw = w.lower()
    return lw in lex.latin_given or lw in lex.latin_family or lw in lex.latin_given_ext or lw in lex.latin_family_ext


def recase(text: str, lex: Lexicons | None = None) -> str:
    """Title-case words with random letter case ("senNa VerWoerT", "ÉMILE chaUveT"); same length as `text`.

    Any script's letters count. With `lex`, an all-small or all-capital listed name written next to a
    scrambled one is title-cased too ("camille mOReAu" → "Camille Moreau"): one scrambled word shows
    the case of its neighbours carries no signal.
    """
    if not _ODD_HINT.search(text):  # cheap pre-check (a superset for Latin scripts)
        return text
    words = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text)]
    odd = [_irregular(w) for _, _, w in words]
    if not any(odd):
        return text
    out = list(text)
    for k, (s, e, w) in enumerate(words):
        fix = odd[k]
        if not fix and lex is not None and (w.islower() or w.isupper()) and len(w) > 1 and _listed(w, lex):
            for d in (-1, 1):
                j = k + d
                if 0 <= j < len(words) and odd[j]:
                    a, b = (words[j][1], s) if d < 0 else (e, words[j][0])
                    if text[a:b] in (" ", "\u00a0"):
                        fix = True
        if fix:
            out[s:e] = _title(w)
    return "".join(out)


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
    if lex.arabic_common and len(candidates) > 1:
        # a word that is an everyday word as written (بفضل "thanks to") is not prefix + name; one that
        # reads as prefix + everyday word (للعيادة = لل + عيادة) keeps only given and ambiguous readings
        # (ورامي، والعربي), not family-only ones (لعياده)
        if word in lex.arabic_common:
            candidates = [(st, w) for st, w in candidates if w == word or w in lists.extra]
        elif any(w in lex.arabic_common for _, w in candidates[1:]):
            candidates = [(st, w) for st, w in candidates if w == word or w in lists.extra or w in lex.arabic_given
                          or w in ARABIC_AMBIGUOUS or w in lex.arabic_ambiguous]
    for strip, w in candidates:
        if w in ARABIC_STOP and strip == 0:
            return None, 0
        if strip == 2 and word.startswith("ال") and w == word[2:]:
            if w in lists.extra or w in lex.arabic_given:
                return "ambiguous", 0  # the article belongs to the name token (الجوري): mask it too
            continue
        if w in lists.extra:
            return "given", strip
        if w in ARABIC_AMBIGUOUS or w in lex.arabic_ambiguous:
            return "ambiguous", strip
        if w in lex.arabic_given:
            return "given", strip
        if w in lex.arabic_family:
            return "family", strip
    for strip, w in candidates:  # mimesis-only names: everyday words among them, so never alone
        if (w in lex.arabic_given_weak or w in lex.arabic_family_weak) and (strip == 0 or len(w) >= 3):
            return "ambiguous", strip
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


def _nisba(word: str, lex: Lexicons | None = None) -> bool:
    """ال + root + ي (العتيبي، الهاجري): the common shape of tribe and family names; with the
    lexicons, not when it is an everyday adjective no list holds as a name (الرئيسي، الإلكتروني)."""
    if not (word.startswith("ال") and word.endswith("ي") and len(word) >= 5) or word in ARABIC_STOP:
        return False
    return lex is None or word not in lex.arabic_common or word in lex.arabic_family \
        or word in lex.arabic_ambiguous or word in lex.arabic_given


def _common_word(word: str, lex: Lexicons) -> bool:
    """An everyday Arabic word (wordfreq Zipf >= 4), also behind one attached prefix (وطلب)."""
    if word in lex.arabic_common:
        return True
    return any(word.startswith(p) and len(word) - len(p) >= 2 and word[len(p) :] in lex.arabic_common
               for p in _AR_PREFIXES)


def _rare_word(word: str, lists: NameLists) -> bool:
    """An Arabic word that is not an ordinary word (wordfreq Zipf < 3, also behind a prefix) nor a
    function word, cue or connector: next to a known name it is most likely a name we do not list
    (بوعزة، فرغلي). Off when the frequency list is not installed."""
    lex = lists.lex
    if not lex.arabic_words or not _is_arabic(word) or len(word) < 3 or word in lex.arabic_words \
            or _ar_stop(word, lex) or _is_cue(word) or word in ARABIC_CONNECTORS or word in ARABIC_LABELS \
            or word in ARABIC_SPEECH_VERBS or word in ARABIC_CONTACT_VERBS or word in ARABIC_PARTICLES:
        return False
    return not any(word.startswith(p) and word[len(p) :] in lex.arabic_words for p in _AR_PREFIXES)


def _ar_stop(word: str, lex: Lexicons) -> bool:
    return word in ARABIC_STOP or word in lex.arabic_stop or _stopword(word)


def _ar_acceptable(word: str, lists: NameLists) -> bool:
    """An Arabic word that may be a name the lists do not hold (not a function word, label or cue)."""
    if not _is_arabic(word) or len(word) < 2 or _ar_stop(word, lists.lex) or word in ARABIC_LABELS \
            or word in ARABIC_CUES or word in ARABIC_CONNECTORS or word in ARABIC_SPEECH_VERBS \
            or word in ARABIC_CONTACT_VERBS or word in ARABIC_VOCATIVE_CUES or word in ARABIC_PARTICLES:
        return False
    if word.startswith("ال"):
        return _arabic_name_kind(word, lists)[0] is not None  # العنود yes if listed; البريد no
    if _common_word(word, lists.lex):  # "اتصل X وطلب": an everyday word is not a name we do not list
        return _arabic_name_kind(word, lists)[0] is not None
    return True


def _verb(word: str, verbs: frozenset[str]) -> bool:
    return word in verbs or (word[:1] in ("و", "ف") and word[1:] in verbs)


# Word sequences after which the next word names a person in CRM Arabic: greetings, "on behalf of",
# "at the request of", and verbs of sending whose subject follows (VSO). Structure, not a name list.
_AR_PHRASE_CUES = tuple(tuple(normalise_value(p).split()) for p in (
    "مساء الخير", "صباح الخير", "مساء النور", "صباح النور", "نيابة عن", "بالنيابة عن", "حسب طلب", "بحسب طلب",
    "بناء على طلب", "بناءً على طلب", "على طلب", "بطلب من", "مرحبا", "مرحباً", "أهلا", "أهلاً", "عزيزي", "عزيزتي",
))
_AR_TEAM_NOUNS = frozenset(normalise_value(w) for w in ("فريق", "قسم", "إدارة", "ادارة", "دائرة"))
_AR_SEND_VERBS = frozenset(normalise_value(w) for w in ("أرسل", "أرسلت", "ارسل", "ارسلت", "وأرسل", "وأرسلت"))


def _arabic_cue_starts(toks: list[tuple[int, int, str]], text: str, lists: NameLists) -> dict[int, int]:
    """Token index -> stripped prefix length, for names announced by their structure, not a list."""
    out: dict[int, int] = {}
    n = len(toks)

    def line_start(k: int) -> bool:
        return k == 0 or "\n" in text[toks[k - 1][1] : toks[k][0]]

    def nxt(k: int) -> int:  # next token, skipping commas and colons
        k += 1
        while k < n and toks[k][2] in ("،", ",", ":", "-"):
            k += 1
        return k

    label_line = False
    for i in range(n):
        w = toks[i][2]
        if line_start(i):
            label_line = False
        if not _is_arabic(w):
            if w == ":" and label_line and i + 1 < n and _ar_acceptable(toks[i + 1][2], lists):
                out.setdefault(i + 1, 0)  # "الاسم: أنس حداد"
            continue
        if w in ARABIC_NAME_LABELS:
            label_line = True
        # "• عذبة شاهين: متابعة …"، "٠٩:١٤ - نوف العتيبي: …": 1-3 name-like words between an item mark and ":"
        if (line_start(i) or (i and toks[i - 1][2] in _ITEM_MARKS)) and _ar_acceptable(w, lists) \
                and not _common_word(w, lists.lex):
            k = i + 1
            while k < n and k <= i + 2 and _is_arabic(toks[k][2]) and _ar_acceptable(toks[k][2], lists) \
                    and (not _common_word(toks[k][2], lists.lex) or _known_at(toks, k, lists)):
                k += 1
            if k < n and toks[k][2] == ":":
                out.setdefault(i, 0)
                continue
        # "مبارك: متى يناسبك؟" — a speaker at a line's start
        if line_start(i) and i + 1 < n and toks[i + 1][2] == ":" and _ar_acceptable(w, lists):
            out.setdefault(i, 0)
            continue
        j = nxt(i)
        if j >= n:
            continue
        wj = toks[j][2]
        # "بندر من فريق المبيعات": a person introduced by the team or department they belong to
        if i + 2 < n and toks[i + 1][2] == "من" and toks[i + 2][2] in _AR_TEAM_NOUNS and w not in ARABIC_VOCATIVE_NOT_NAME \
                and _ar_acceptable(w, lists) and not _ar_stop(w, lists.lex) \
                and (i == 0 or not _is_arabic(toks[i - 1][2])):  # first word of its clause
            out.setdefault(i, 0)
        if _is_arabic(wj) and wj not in ARABIC_VOCATIVE_NOT_NAME and _ar_acceptable(wj, lists) and not _ar_stop(wj, lists.lex):
            phrase = any(i + 1 >= len(c) and tuple(toks[x][2] for x in range(i + 1 - len(c), i + 1)) == c
                         for c in _AR_PHRASE_CUES)
            send = w in _AR_SEND_VERBS and (not wj.startswith("ال") or _arabic_name_kind(wj, lists)[0] is not None)
            if phrase or send:
                out.setdefault(j, 0)  # "مساء الخير حصة،"، "نيابة عن بندر"، "أرسل تركي نسخة"
        if w in ("كلام", "لسان") and not (i and toks[i - 1][2] in ("حسب", "بحسب", "وحسب", "علي", "على")):
            pass  # "كلام جميل" is a phrase; "بحسب كلام هشام"، "على لسان هشام" announce a name
        elif _verb(w, ARABIC_OBJECT_VERBS) or w in ARABIC_VOCATIVE_CUES:
            if _ar_acceptable(wj, lists) and wj not in ARABIC_VOCATIVE_NOT_NAME:
                out.setdefault(j, 0)
        elif _verb(w, ARABIC_CONTACT_VERBS):
            if wj in ("ب", "ل") and j + 1 < n and _ar_acceptable(toks[j + 1][2], lists):
                out.setdefault(j + 1, 0)  # "اتصلت بـ لولوة"
            elif wj == "مع" and j + 1 < n and _ar_acceptable(toks[j + 1][2], lists):
                out.setdefault(j + 1, 0)
            elif wj[:1] in ("ب", "ل") and len(wj) >= 4 and _ar_acceptable(wj[1:], lists) \
                    and not _ar_stop(wj, lists.lex):
                out.setdefault(j, 1)  # "اتصلت بـلولوة" (tatweel already removed)
        verb = w if w in ARABIC_VERB_COMPLEMENTS else (w[1:] if w[:1] in ("و", "ف") else "")
        comp = ARABIC_VERB_COMPLEMENTS.get(verb)
        if comp and (_ar_acceptable(wj, lists) or (_is_arabic(wj) and not _ar_stop(wj, lists.lex) and not wj.startswith("ال")
                                                   and (_known_at(toks, j + 1, lists) or _nisba(toks[j + 1][2] if j + 1 < n else "", lists.lex)))) \
                and toks[j][0] == toks[i][1] + 1:  # "كتب تيم البلوشي في": an everyday word before a family name
            k = j + 1
            while k < n and k <= j + 2 and _is_arabic(toks[k][2]) and toks[k][2] not in comp and (
                _nisba(toks[k][2]) or _arabic_name_kind(toks[k][2], lists)[0] is not None
            ):
                k += 1
            if k < n and toks[k][2] in comp:
                out.setdefault(j, 0)  # "قال هشام إن …"، "اعتذر حازم عن …"، "وافقت عفراء على …"
    return out


def find_arabic_names(text: str, lists: NameLists, raw: str | None = None) -> list[Span]:
    """PERSON spans for Arabic-script names in normalised `text`.

    raw: the same text normalised with fold_ya=False, so the preposition على stays apart from علي.
    """
    toks = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]
    if raw is not None and len(raw) == len(text):
        toks = [(a, b, raw[a:b] if raw[a:b].endswith("ى") and raw[a:b].replace("ى", "ي") == w and raw[a:b] in ARABIC_STOP else w)
                for a, b, w in toks]
    spans: list[Span] = _embedded_in_latin(toks)
    forced = _arabic_cue_starts(toks, text, lists)
    n = len(toks)
    i = 0
    while i < n:
        s, e, w = toks[i]
        if not _is_arabic(w):
            i += 1
            continue
        cue = _is_cue(w)
        kind, strip = (None, 0) if cue else _arabic_name_kind(w, lists)
        if i in forced and not cue and kind not in ("given", "family"):
            kind, strip = "given", (forced[i] if kind is None else strip)
        prev_cue = i > 0 and (_is_cue(toks[i - 1][2]) or (toks[i - 1][2] == "." and i > 1 and _is_cue(toks[i - 2][2]))
                              or toks[i - 1][2].lower() in LATIN_PERSON_CUES or toks[i - 1][2].lower() in LATIN_TITLES) \
            and not (i > 1 and toks[i - 2][2] == "ال")  # "آل الشيخ" is a family name, not the cue الشيخ
        start_tok = None
        if i and _base(toks[i - 1][2]) in ARABIC_ORG_NOUNS and kind != "given" and w not in lists.extra:
            i += 1  # "شركة الفطيم": an organisation
            continue
        if w in ("ابو", "ام") and i + 1 < n and _is_arabic(toks[i + 1][2]) and toks[i + 1][2] not in ARABIC_STOP:
            start_tok, strip = i, 0  # a kunya (أبو خالد) is itself a name
        elif cue and not kind:
            i += 1
            continue
        elif kind in ("given", "family") or (kind == "ambiguous" and ((prev_cue and strip == 0) or _continues(toks, i + 1, lists))):
            start_tok = i
        elif prev_cue and kind is None and not _ar_stop(w, lists.lex) and w not in ARABIC_CONNECTORS and len(w) >= 2 \
                and not _common_word(w, lists.lex):  # "العميل الجديد" is "the new client"
            start_tok, strip = i, len(w) - len(_base(w))  # unknown word right after a cue: a name we do not list
        elif (kind is None and not w.startswith("ال") and len(w) >= 3 and w not in ARABIC_STOP
              and w not in ARABIC_CONNECTORS and i + 1 < n and _is_arabic(toks[i + 1][2])
              and not _common_word(w, lists.lex)
              and (_nisba(toks[i + 1][2], lists.lex) or toks[i + 1][2] in ("بن", "بنت")
                   or (_rare_word(w, lists) and _known_at(toks, i + 1, lists)))):
            start_tok, strip = i, 0  # unknown given name before a family name (… العتيبي), بن or a listed name
        elif _base(w) in ("عبد", "ابو") and i + 1 < n and _is_arabic(toks[i + 1][2]) and (
                toks[i + 1][2] not in ARABIC_STOP or toks[i + 1][2] == "الله"):
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
            if (kj and sj == 0) or _nisba(wj, lists.lex) or _base(toks[j - 1][2]) in ("عبد", "ابو", "ام") \
                    or wj in _COMPOUND_TAILS or wj in lists.lex.arabic_tail or (
                    j == start_tok + 1 and _rare_word(wj, lists) and not wj.startswith(_FUTURE)):
                end_tok = j  # a rare word right after a name part is its family name (ديالا بوعزة)
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
    return (kind in ("given", "family") and strip == 0) or w in _STRONG_CONNECTORS or _nisba(w, lists.lex) \
        or w in _COMPOUND_TAILS


def _known_at(toks: list[tuple[int, int, str]], j: int, lists: NameLists) -> bool:
    """Token j is a listed given or family name without a prefix."""
    if j >= len(toks) or not _is_arabic(toks[j][2]):
        return False
    kind, strip = _arabic_name_kind(toks[j][2], lists)
    return kind in ("given", "family") and strip == 0


_STRONG_LATIN_CUES = frozenset(
    "spoke speak speaking talked talk talking met emailed texted messaged pinged ping phoned loop looped cc "
    "cc'd bcc ask asked tell told remind reminded thank thanked introduced referred escalated handed forward "
    "forwarded assigned reassigned informed inform visited invited".split()
)
_FROM_NOUNS = frozenset("note message email mail call voicemail text reply response feedback update request "
                        "word whatsapp sms invoice letter".split())
_DETERMINERS = frozenset("the a an my our your his her their this that its".split())
_BOUNDARY = frozenset({",", "!", ".", ":", ";", "-", "\u2014", "\u2013", ")", "?"})


def _latin_cue_spans(toks: list[tuple[int, int, str]], text: str, lists: NameLists, kind) -> list[Span]:
    """Names announced by the text's structure: greetings, sign-offs, speakers, labels, contact verbs,
    speech verbs, ALL-CAPS runs with a listed name, and coordination after any of them."""
    lex = lists.lex
    n = len(toks)
    out: list[Span] = []

    def latin(k: int) -> bool:
        return 0 <= k < n and toks[k][2][0].isalpha() and not _is_arabic(toks[k][2])

    def line_start(k: int) -> bool:
        return k == 0 or "\n" in text[toks[k - 1][1] : toks[k][0]]

    def line_end(k: int) -> bool:
        return k + 1 >= n or "\n" in text[toks[k][1] : toks[k + 1][0]]

    def run(k: int, strong: bool) -> int | None:
        """Last token of a name run starting at k (1-3 capitalised words), or None."""
        if not latin(k) or not toks[k][2][0].isupper():
            return None
        w0 = toks[k][2].lower()
        if w0 in LATIN_NON_PERSON or w0 in MONTHS_DAYS or w0 in LATIN_TITLES or w0 in LATIN_PERSON_CUES \
                or (toks[k][2].isupper() and len(toks[k][2]) > 1 and not kind(toks[k][2])):
            return None
        end = k
        while end + 1 < n and end - k < 3 and latin(end + 1) and text[toks[end][1] : toks[end + 1][0]] == " " and (
            toks[end + 1][2][0].isupper() or (toks[end + 1][2].lower() in LATIN_PARTICLES and latin(end + 2))
        ) and toks[end + 1][2].lower() not in MONTHS_DAYS and toks[end + 1][2].lower() not in LATIN_NON_PERSON:
            end += 1
        nxt = toks[end + 1][2].lower().rstrip(".") if end + 1 < n else ""
        words = [toks[x][2].lower() for x in range(k, end + 1)]
        if nxt in ORG_SUFFIXES or any(w in ORG_SUFFIXES for w in words):
            return None
        listed = any(kind(toks[x][2]) for x in range(k, end + 1))
        if listed or (strong and not any(w in LATIN_ADDRESSEES for w in words)):
            return end
        return end if not all(is_english_word(w, lex) for w in words) else None

    def add(k: int, e: int) -> None:
        stop = toks[e][1] - 2 if toks[e][2].endswith("'s") else toks[e][1]
        out.append(Span(toks[k][0], stop, "PERSON", SOURCE, 0.75))
        # coordination: "Farhan and Deepa", "Shahzad Vandermeer, Anjali and …"
        j = e + 1
        while j + 1 < n and toks[j][2] in (",", "&", "and", "or", "&amp;"):
            e2 = run(j + 1, False)
            if e2 is None:
                break
            out.append(Span(toks[j + 1][0], toks[e2][1], "PERSON", SOURCE, 0.7))
            j = e2 + 1

    i = 0
    while i < n:
        w = toks[i][2]
        lw = w.lower()
        # greetings: "Hi Hind,", "Dear Amine", "Thanks Ottilie!"
        if lw in LATIN_GREETINGS and latin(i + 1) or (lw == "thank" and i + 2 < n and toks[i + 1][2].lower() == "you"):
            k = i + 2 if lw == "thank" else i + 1
            e = run(k, True)
            if e is not None and (e + 1 >= n or toks[e + 1][2] in _BOUNDARY or line_end(e)):
                add(k, e)
                i = e + 1
                continue
        # sign-offs: "Regards,\nNoura El Masry", "Best, Farhan"; dash signatures "— Hind"
        if (lw in LATIN_SIGNOFFS or w in ("\u2014", "--", "\u2013")) and i + 1 < n:
            k = i + 1
            while k < n and (toks[k][2] in (",", "!", "-") or toks[k][2].lower() in ("regards", "wishes", "you")):
                k += 1
            e = run(k, True)
            if e is not None and k > i and line_end(e) and (
                w in ("\u2014", "--", "\u2013") or line_start(k) or toks[k - 1][2] == ","
            ) and (line_start(i) or toks[i - 1][2] in (".", "!", ",") or lw in ("regards", "cheers", "best")):
                add(k, e)
                i = e + 1
                continue
        if line_start(i) or w == "[":
            k, stamped = i, False
            if w == "[":
                while k < n and k < i + 10 and toks[k][2] != "]":
                    k += 1
                k, stamped = k + 1, True
            elif w.isdigit() and i + 2 < n and toks[i + 1][2] == ":" and toks[i + 2][2].isdigit():
                k, stamped = i + 3, True
                while k < n and toks[k][2].lower() in ("am", "pm", "-", "\u2013"):
                    k += 1
            # speaker prefixes: "[14:02] Imogen:", "Salma: fine by me"
            e = run(k, stamped)
            if e is not None and e + 1 < n and toks[e + 1][2] == ":" and toks[k][2].lower() not in LATIN_LABELS:
                add(k, e)
                i = e + 2
                continue
            # label lines: "Owner: X", "Attendees: X, Y and Z"
            j = k
            while j < n and j < k + 3 and latin(j) and toks[j][2] != ":":
                j += 1
            if j < n and j > k and toks[j][2] == ":" and any(toks[x][2].lower() in LATIN_LABELS for x in range(k, j)):
                e = run(j + 1, True)
                if e is not None:
                    add(j + 1, e)
                    i = e + 1
                    continue
        # contact verbs: "spoke to Hind", "loop in Farhan", "Voice note from Chiamaka:"
        strong = lw in _STRONG_LATIN_CUES or (lw == "from" and i and toks[i - 1][2].lower() in _FROM_NOUNS)
        if strong or lw in LATIN_CONTACT_CUES:
            k = i + 1
            while k < n and k <= i + 2 and toks[k][2].lower() in LATIN_CUE_LINKS:
                k += 1
            e = run(k, strong)
            if e is not None:
                add(k, e)
                i = e + 1
                continue
        # name before a speech verb: "ok hamad said", "Tendai prefers email"
        if i + 1 < n and toks[i + 1][2].lower() in LATIN_SPEECH_VERBS and latin(i) and len(w) >= 3 \
                and lw not in lex.english_stop and lw not in LATIN_NON_PERSON and not w.isupper() \
                and (i == 0 or toks[i - 1][2].lower() not in _DETERMINERS) \
                and (not is_english_word(lw, lex) or lw in lex.latin_given or lw in lex.latin_given_ext):
            add(i, i)
            i += 1
            continue
        # ALL-CAPS runs holding a listed given name: "RE: CONTRACT FOR HAMDAN NGUYEN"
        if w.isupper() and len(w) > 2 and w.isalpha() and kind(w.capitalize()) and not is_english_word(lw, lex):
            b = i
            while b > 0 and latin(b - 1) and toks[b - 1][2].isupper() and len(toks[b - 1][2]) > 2 \
                    and text[toks[b - 1][1] : toks[b][0]] == " " and not is_english_word(toks[b - 1][2].lower(), lex):
                b -= 1  # "HAMDAN NGUYEN": an unlisted given name before a listed family name
            e = i
            while e + 1 < n and latin(e + 1) and toks[e + 1][2].isupper() and text[toks[e][1] : toks[e + 1][0]] == " " \
                    and (toks[e + 1][2].lower() in LATIN_PARTICLES or kind(toks[e + 1][2].capitalize())
                         or not is_english_word(toks[e + 1][2].lower(), lex)):
                e += 1
            if e > b or lw in lex.latin_given:
                out.append(Span(toks[b][0], toks[e][1], "PERSON", SOURCE, 0.7))
                i = e + 1
                continue
        i += 1
    return out


def _ordinary(lw: str, lex: Lexicons) -> bool:
    """An English word: in the spaCy/WordNet vocabulary, or frequent in wordfreq (Zipf >= 3: "roadmap")
    and in no name list."""
    return is_english_word(lw, lex) or (lw in lex.english_common and lw not in lex.latin_given
                                        and lw not in lex.latin_family and lw not in lex.latin_given_ext
                                        and lw not in lex.latin_family_ext)


def _rare_listed(lw: str, lex: Lexicons) -> bool:
    """In an extended name list and rare as an English word (Zipf < 3): "Rosaria", not "Patient"."""
    return (lw in lex.latin_given_ext or lw in lex.latin_family_ext) and lw not in lex.english_common


def find_latin_names(text: str, lists: NameLists) -> list[Span]:
    """PERSON spans for Latin-script names (gazetteer, titles, capitalisation, cues) in normalised `text`."""
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
        if lw.endswith(("'s", "\u2019s")) and len(lw) > 4:
            lw = lw[:-2]  # "Driss's question"
        if lw in lists.extra:
            return "given"
        if lw in lex.latin_given:
            return "given"
        if lw in lex.latin_family:
            return "family"
        if w[0].isupper() and (lw in lex.latin_given_ext or lw in lex.latin_family_ext) and (
                not is_english_word(lw, lex) or lw not in lex.english_common):  # rare as a word: "Rosaria"
            return "given" if lw in lex.latin_given_ext else "family"  # extended lists: capitalised only
        return None

    spans += _latin_cue_spans(toks, text, lists, lower_kind)

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
        shape_start = False  # chosen by its shape, and the first word is in no dictionary ("Ouiam Butt")
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
                # sentence-initial given names that are also words ("Will", "Hope") need more, unless the
                # word is rare (Zipf < 3: "Hertha") or the next word is Arabic (a Latin name in Arabic text)
                if not word or (next_name and is_cap(nxt)) or (kind == "given" and (
                        not sentence_initial(i) or lw not in lex.english_common or (bool(nxt) and _is_arabic(nxt)))):
                    start = i
            elif (next_name and (not word or kind == "given")) or (
                not word and len(w) >= 4 and kind == "given"
            ):
                start = i  # lower-cased name (case-change evasion) needs list evidence
        elif is_cap(w) and lw in LATIN_PARTICLES and i + 1 < n and is_cap(toks[i + 1][2]) and lower_kind(toks[i + 1][2]):
            start = i
        elif (is_cap(w) and not w.isupper() and len(w) > 2 and lw not in MONTHS_DAYS and lw not in LATIN_TITLES
              and _capitalised_run(toks, text, i, lex) >= 2
              and not (_ordinary(lw, lex) and _ordinary(toks[i + 1][2].lower(), lex))):
            start = i  # two or more capitalised words, not all dictionary words: a name's shape
            shape_start = not _ordinary(lw, lex)
            if sentence_initial(i) and is_english_word(lw, lex) and not kind and not _rare_listed(lw, lex):
                # "Patient Ninetta Ferrara": the sentence's first word is not part of the name;
                # "The Premium Support tier": nor are two dictionary words after it
                start = i + 1 if _capitalised_run(toks, text, i + 1, lex) >= 2 and not (
                    is_english_word(toks[i + 1][2].lower(), lex) and is_english_word(toks[i + 2][2].lower(), lex)
                    and not lower_kind(toks[i + 1][2]) and not lower_kind(toks[i + 2][2])) else None
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
            # after an unknown name-shaped first word, one more capitalised word is its family name
            # even when it is also a word ("Ouiam Butt"), unless it is a function word or a place noun
            after_unknown = shape_start and j == start + 1 and lj not in lex.english_stop \
                and lj not in LATIN_NON_PERSON and lj not in PLACE_NOUNS
            if (is_cap(wj) and (kj or after_given or after_unknown or not is_english_word(lj, lex))) \
                    or (kj and wj.islower() and toks[start][2].islower()):
                end = j
                j += 1
                continue
            break
        if end == start and not title and not is_cap(toks[start][2]) and not lower_kind(toks[start][2]):
            i = start + 1
            continue
        if toks[end][2].lower().rstrip(".") in ORG_SUFFIXES or (
            end + 1 < n and (toks[end + 1][2].lower().rstrip(".") in ORG_SUFFIXES or toks[end + 1][2].lower() in PLACE_NOUNS)
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
        parts = [m.group() for m in _TOKEN.finditer(text[sp.start : sp.end]) if m.group()[0].isalpha()]
        if len(parts) >= 2 and not any(_is_arabic(p) for p in parts):
            # "Gilles Carlier" … later "Gilles": a listed part of a full name, even when also a word
            tokens.update(p.lower() for p in parts if len(p) >= 3 and p[0].isupper() and _listed(p, lex)
                          and p.lower() not in lex.english_stop and p.lower() not in LATIN_TITLES
                          and p.lower() not in LATIN_PARTICLES and p.lower() not in MONTHS_DAYS)
        for m in _TOKEN.finditer(text[sp.start : sp.end]):
            w = m.group()
            if len(w) < 3 or not w[0].isalpha():
                continue
            lw = w.lower()
            if _is_arabic(w):
                if w not in ARABIC_CONNECTORS and w not in ARABIC_STOP and w not in ARABIC_CUES:
                    tokens.add(w)
            elif w[0].isupper() and lw not in LATIN_PARTICLES and lw not in LATIN_TITLES and lw not in MONTHS_DAYS \
                    and (not is_english_word(lw, lex) or lw in lex.latin_given or lw in lex.latin_family
                         or _rare_listed(lw, lex)):
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

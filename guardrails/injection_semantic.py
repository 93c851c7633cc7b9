"""The optional kNN semantic layer for injection detection (off by default: the eval's baseline);
installed with guardrails.injection.set_semantic_layer.
"""

from __future__ import annotations

import re
import unicodedata

from guardrails.injection_views import _INVISIBLE, fold

# Cues that make a sentence worth the embedding (patterns found nothing in it): second person, a
# word for a model or for the answer, or a script the patterns do not cover. Broad on purpose —
# the embedding decides — but most business sentences hold none of them.
_SEMANTIC_CUE = re.compile(
    r"\b(?:you|your|yours|yourself|u|ur|tu|te|toi|vous|votre|du|dich|dein|sen|seni|voce|usted|ai|ia|ki|bot|gpt|llm|model|"
    r"modelo|modele|modell|assistant|assistente|asistente|assistent|asistan|copilot|chatbot|system|sistema|systeme|"
    r"software|program|programa|tool|engine|reader|readers|automated|output|reply|answer|response|recap|overview|summary|"
    r"summari[sz]\w*|verbatim|prompt|instructions?|rules|guidelines|word|final line|first word|produce|generated?)\b|"
    r"(?:انت|لك|منك|عليك|اليك|ردك|اجابتك|مساعد|نموذج|ذكاء|برنامج|روبوت|بوت|النظام|الالي|الملخص|الرد|القواعد|التعليمات|"
    r"الارشادات|المطور|اكتب)|[\u0400-\u04ff\u0590-\u05ff\u0900-\u0dff\u0e00-\u0eff\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
_SEMANTIC_SPLIT = re.compile(r"(?<=[.!?؟;。！？])\s*|\n+")


class SemanticLayer:
    """A second opinion for notes no pattern flagged: each cue-bearing sentence (and, for several,
    all of them together) is embedded; the note is flagged when, for one of them, the mean
    similarity to its k nearest attack exemplars exceeds that to its k nearest benign exemplars
    by more than `threshold`.

    `embedder` has `embed(texts) -> unit vectors` (connectors.embeddings; multilingual-e5-small
    reads Arabic and other languages). The exemplars are training data — never the split a figure
    is measured on — and `threshold` is chosen on held-apart benign notes (the largest margin
    among them, rounded up). Cost: one embedding per cue-bearing sentence, cached with the note's
    verdict; a sentence without a cue costs one regex."""

    def __init__(self, embedder: object, *, attack_examples: list[str], benign_examples: list[str],
                 threshold: float = 0.03, k: int = 3) -> None:
        import numpy as np

        self._np, self.embedder, self.threshold = np, embedder, threshold
        self.attacks = np.asarray(embedder.embed(attack_examples), dtype=np.float32)  # type: ignore[attr-defined]
        self.benign = np.asarray(embedder.embed(benign_examples), dtype=np.float32)  # type: ignore[attr-defined]
        self.k_a, self.k_b = min(k, len(attack_examples)), min(k, len(benign_examples))

    def parts(self, original: str) -> list[str]:
        text = unicodedata.normalize("NFKC", _INVISIBLE.sub("", original))
        parts = [s.strip() for s in _SEMANTIC_SPLIT.split(text)]
        parts = [s for s in parts if len(s) > 3 and _SEMANTIC_CUE.search(fold(s))]
        return parts + ([" ".join(parts)] if len(parts) > 1 else [])

    def margin(self, original: str) -> float | None:
        """The note's largest attack-minus-benign margin; None when no sentence carries a cue."""
        parts = self.parts(original)
        if not parts:
            return None
        np = self._np
        vectors = np.asarray(self.embedder.embed(parts), dtype=np.float32)  # type: ignore[attr-defined]
        near_a = np.sort(vectors @ self.attacks.T, axis=1)[:, -self.k_a:].mean(axis=1)
        near_b = np.sort(vectors @ self.benign.T, axis=1)[:, -self.k_b:].mean(axis=1)
        return float((near_a - near_b).max())

    def __call__(self, original: str, folded: str) -> bool:
        m = self.margin(original)
        return m is not None and m > self.threshold

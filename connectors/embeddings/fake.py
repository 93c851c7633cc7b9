"""A deterministic, dependency-free embedder for tests: hashed word and character n-grams.

Texts that share words get close vectors, so retrieval tests can assert which note comes
first without loading a neural model. It records what it was asked to embed (counts only are
logged elsewhere; the texts stay in memory for the test's assertions).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence

import numpy as np

from connectors.embeddings.base import normalise

_WORD = re.compile(r"\w+", re.UNICODE)


class HashingEmbedder:
    def __init__(self, *, dim: int = 256) -> None:
        self.dim = dim
        self.model_id = f"hashing-{dim}"
        self.calls: list[int] = []  # batch sizes, to assert incremental indexing embeds nothing twice
        self.texts: list[str] = []
        self.queries: list[str] = []

    def _vector(self, text: str) -> np.ndarray:
        vec = np.zeros(self.dim, dtype=np.float32)
        words = [w.lower() for w in _WORD.findall(text)]
        grams = words + [w[i:i + 4] for w in words for i in range(max(1, len(w) - 3))]
        for gram in grams:
            h = int.from_bytes(hashlib.blake2b(gram.encode("utf-8"), digest_size=8).digest(), "little")
            vec[h % self.dim] += 1.0 if (h >> 63) == 0 else -1.0
        return vec

    def embed(self, texts: Sequence[str], *, batch_size: int = 32) -> np.ndarray:
        self.calls.append(len(texts))
        self.texts.extend(texts)
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return normalise(np.stack([self._vector(t) for t in texts]))

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        self.queries.extend(texts)
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return normalise(np.stack([self._vector(t) for t in texts]))

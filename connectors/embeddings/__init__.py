"""Text embeddings behind one small interface: sentence-transformers offline, and a fake."""

from connectors.embeddings.base import Embedder, make_embedder
from connectors.embeddings.fake import HashingEmbedder
from connectors.embeddings.sentence import SentenceEmbedder, default_model_path

__all__ = ["Embedder", "make_embedder", "HashingEmbedder", "SentenceEmbedder", "default_model_path"]

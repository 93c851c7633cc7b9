"""Tenant-isolated vector search over CRM notes (Qdrant Edge embedded, or qdrant-client)."""

from connectors.vectors.base import (
    PAYLOAD_KEYS,
    NotePoint,
    VectorHit,
    VectorScope,
    VectorStore,
    collection_name,
)
from connectors.vectors.scope import vector_scope
from connectors.vectors.stores import VectorSettings, VectorStores

__all__ = ["PAYLOAD_KEYS", "NotePoint", "VectorHit", "VectorScope", "VectorStore", "VectorSettings",
           "VectorStores", "collection_name", "vector_scope"]

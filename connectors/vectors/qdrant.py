"""qdrant-client backend: a Qdrant server (URL + API key), or qdrant-client's local mode.

One collection per tenant, named by `collection_name(tenant_id)`. Local mode (`path=` or
":memory:") speaks the same API, so the server path is tested against ":memory:"; it searches
by brute force with filters evaluated in Python, which is why the embedded default is Edge.
"""

from __future__ import annotations

import logging
import threading
import warnings
from collections.abc import Sequence

import numpy as np
from qdrant_client import QdrantClient, models

from connectors.vectors.scope import contact_filter, qdrant_filter, search_ef
from connectors.vectors.base import (
    INDEXED_INTEGER_KEYS,
    INDEXED_KEYWORD_KEYS,
    NotePoint,
    VectorHit,
    VectorScope,
    collection_name,
)

log = logging.getLogger("connectors.vectors.qdrant")


class QdrantCollections:
    """A shared client and the set of tenant collections known to exist (saves a round trip)."""

    def __init__(self, client: QdrantClient, *, dim: int, local: bool, hnsw_m: int = 16,
                 ef_construct: int = 100) -> None:
        self.client = client
        self.local = local  # local mode searches exactly and ignores search params
        self.dim = dim
        self.hnsw_m, self.ef_construct = hnsw_m, ef_construct
        self._known: set[str] = set()
        self._lock = threading.Lock()

    def exists(self, name: str) -> bool:
        if name in self._known:
            return True
        if self.client.collection_exists(name):
            self._known.add(name)
            return True
        return False

    def ensure(self, name: str) -> None:
        if self.exists(name):
            return
        with self._lock:
            if self.client.collection_exists(name):
                self._known.add(name)
                return
            self.client.create_collection(
                name,
                vectors_config=models.VectorParams(size=self.dim, distance=models.Distance.COSINE),
                hnsw_config=models.HnswConfigDiff(m=self.hnsw_m, ef_construct=self.ef_construct),
            )
            with warnings.catch_warnings():
                # Local mode warns that payload indexes have no effect there; the server uses them.
                warnings.simplefilter("ignore")
                for key in INDEXED_INTEGER_KEYS:
                    self.client.create_payload_index(name, key, models.PayloadSchemaType.INTEGER)
                for key in INDEXED_KEYWORD_KEYS:
                    self.client.create_payload_index(name, key, models.PayloadSchemaType.KEYWORD)
            self._known.add(name)

    def forget(self, name: str) -> None:
        self._known.discard(name)


def _filter(scope: VectorScope):
    return qdrant_filter(scope, models)


def _contact_filter(contact_id: int):
    return contact_filter(contact_id, models)


class QdrantVectorStore:
    """One tenant's collection behind a shared `QdrantCollections`."""

    exact_capable = True

    def __init__(self, collections: QdrantCollections, tenant_id: int, *, hnsw_ef: int = 256,
                 hnsw_ef_filtered: int | None = None) -> None:
        self._cols = collections
        self._tenant_id = int(tenant_id)
        self._name = collection_name(self._tenant_id)
        self.hnsw_ef = hnsw_ef
        self.hnsw_ef_filtered = hnsw_ef_filtered or hnsw_ef  # as in the Edge store

    @property
    def tenant_id(self) -> int:
        return self._tenant_id

    @property
    def _client(self) -> QdrantClient:
        return self._cols.client

    def upsert(self, points: Sequence[NotePoint]) -> None:
        if not points:
            return
        self._cols.ensure(self._name)
        self._client.upsert(self._name, wait=True, points=[
            models.PointStruct(id=p.activity_id, vector=np.asarray(p.vector, dtype=np.float32).tolist(),
                               payload=p.payload())
            for p in points])

    def delete(self, activity_ids: Sequence[int]) -> None:
        if not activity_ids or not self._cols.exists(self._name):
            return
        self._client.delete(self._name, wait=True,
                            points_selector=models.PointIdsList(points=[int(i) for i in activity_ids]))

    def search(self, vector: np.ndarray, *, scope: VectorScope, limit: int = 10,
               exact: bool = False) -> list[VectorHit]:
        if scope.deny_all or limit <= 0 or not self._cols.exists(self._name):
            return []
        res = self._client.query_points(
            self._name, query=np.asarray(vector, dtype=np.float32).tolist(), query_filter=_filter(scope),
            limit=limit, with_payload=["lead_id", "branch_id"], with_vectors=False,
            search_params=None if self._cols.local else models.SearchParams(
                hnsw_ef=search_ef(scope, self.hnsw_ef, self.hnsw_ef_filtered), exact=exact))
        return [VectorHit(int(p.id), float(p.score), (p.payload or {}).get("lead_id"),
                          (p.payload or {}).get("branch_id")) for p in res.points]

    def count(self) -> int:
        if not self._cols.exists(self._name):
            return 0
        return int(self._client.count(self._name, exact=True).count)

    def erase_contact(self, contact_id: int) -> int:
        if not self._cols.exists(self._name):
            return 0
        flt = _contact_filter(contact_id)
        n = int(self._client.count(self._name, count_filter=flt, exact=True).count)
        if n:
            self._client.delete(self._name, wait=True, points_selector=models.FilterSelector(filter=flt))
        return n

    def drop_tenant(self) -> None:
        if self._cols.exists(self._name):
            self._client.delete_collection(self._name)
        self._cols.forget(self._name)

    def optimize(self) -> None:
        """The server optimises in the background; local mode has no index to build."""

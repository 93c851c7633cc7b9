"""Embedded backend on Qdrant Edge: one in-process HNSW shard per tenant, in its own directory.

Each open shard owns a search thread pool and file handles, so shards are opened lazily and
kept in an LRU pool with a cap; shards idle for longer than `idle_seconds` are closed on the
next pool access (or by `close_idle()`), and a shard in use is never closed under a caller.
"""

from __future__ import annotations

import logging
import shutil
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import qdrant_edge as qe

from connectors.vectors.scope import contact_filter, qdrant_filter, search_ef
from connectors.vectors.base import (
    INDEXED_INTEGER_KEYS,
    INDEXED_KEYWORD_KEYS,
    NotePoint,
    VectorHit,
    VectorScope,
    collection_name,
)
from guardrails.errors import ServiceUnavailable

log = logging.getLogger("connectors.vectors.edge")

HNSW_PAYLOAD_KEYS = ("branch_id", "owner_id")
VECTOR_MEMORY = {"cold": qe.Memory.Cold, "cached": qe.Memory.Cached}


class ShardBusy(ServiceUnavailable):
    """Another process holds the tenant's shard (Qdrant Edge locks its WAL): embedded mode is
    single-process; several API workers need the server backend."""

    default_message = "The note index is busy; try again shortly."


@dataclass
class _Entry:
    shard: qe.EdgeShard
    refs: int = 0
    last_used: float = 0.0


class EdgeShardPool:
    def __init__(self, root: Path, *, dim: int, max_open: int = 16, idle_seconds: float = 60.0,
                 search_threads: int = 1, hnsw_m: int = 16, ef_construct: int = 100,
                 open_wait_s: float = 2.0, full_scan_kb: int = 32_000, vector_memory: str = "cold",
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.root = Path(root)
        self.dim = dim
        self.max_open = max(1, max_open)
        self.idle_seconds = idle_seconds
        self.search_threads = search_threads
        self.hnsw_m, self.ef_construct = hnsw_m, ef_construct
        self.clock = clock
        self.open_wait_s = open_wait_s
        # Filtered sets below this size (KB of vectors per segment, ~21k points at 384 dims) are
        # scanned exactly through the payload index: a rep's or a branch's notes get exact
        # results (recall 1.0) in a few ms, and HNSW serves the large, unfiltered queries.
        self.full_scan_kb = full_scan_kb
        if vector_memory not in VECTOR_MEMORY:
            raise ValueError(f"vector_memory must be one of {sorted(VECTOR_MEMORY)}")
        # "cold": vectors are memory-mapped and read on demand (the OS page cache keeps the hot
        # ones); "cached": the vector files are read in when the shard opens, and the first
        # 32 MB vector chunk is populated whole even at 1k vectors. Measured per open shard of
        # 1k vectors: ~52 MB cached against ~20 MB cold (payload indexes and WAL included).
        # Existing shards keep the mode they were created with until their segments are rebuilt.
        self.vector_memory = vector_memory
        self._open: OrderedDict[int, _Entry] = OrderedDict()
        self._lock = threading.Lock()
        self.opened_total = 0

    def path_of(self, tenant_id: int) -> Path:
        return self.root / collection_name(tenant_id)

    def _config(self) -> qe.EdgeConfig:
        return qe.EdgeConfig(
            vectors=qe.EdgeVectorParams(size=self.dim, distance=qe.Distance.Cosine,
                                        memory=VECTOR_MEMORY[self.vector_memory]),
            hnsw_config=qe.HnswIndexConfig(m=self.hnsw_m, ef_construct=self.ef_construct,
                                           full_scan_threshold=self.full_scan_kb, max_indexing_threads=1),
            # One search thread per shard: a thousand open tenants must not mean 2,000 threads.
            max_search_threads=self.search_threads,
        )

    def _open_shard(self, tenant_id: int, *, create: bool) -> qe.EdgeShard | None:
        deadline = time.monotonic() + self.open_wait_s
        while True:
            try:
                return self._try_open(tenant_id, create=create)
            except Exception as exc:  # qdrant_edge raises a plain Exception for a held WAL lock
                if "WouldBlock" not in str(exc):
                    raise
                if time.monotonic() >= deadline:
                    log.warning("shard busy", extra={"tenant_id": tenant_id})
                    raise ShardBusy() from None
                time.sleep(0.1)

    def _try_open(self, tenant_id: int, *, create: bool) -> qe.EdgeShard | None:
        path = self.path_of(tenant_id)
        if path.is_dir() and any(path.iterdir()):
            return qe.EdgeShard.load(str(path), self._config())
        if not create:
            return None
        path.mkdir(parents=True, exist_ok=True)
        shard = qe.EdgeShard.create(str(path), self._config())
        # Payload indexes serve the scope filters. Branch and owner also get payload-aware HNSW
        # links (used only for values above the full-scan size); contact ids serve exclusion and
        # erasure, where extra links would only cost build time.
        for key in INDEXED_INTEGER_KEYS:
            shard.update(qe.UpdateOperation.create_field_index(key, qe.IntegerIndexParams(
                lookup=True, range=False, enable_hnsw=key in HNSW_PAYLOAD_KEYS)))
        for key in INDEXED_KEYWORD_KEYS:
            shard.update(qe.UpdateOperation.create_field_index(key, qe.KeywordIndexParams(enable_hnsw=False)))
        return shard

    @contextmanager
    def shard(self, tenant_id: int, *, create: bool = False) -> Iterator[qe.EdgeShard | None]:
        """The tenant's open shard (opened on demand); None if it does not exist and not `create`."""
        with self._lock:
            self._close_idle_locked()
            entry = self._open.get(tenant_id)
            if entry is None:
                started = time.perf_counter()
                shard = self._open_shard(tenant_id, create=create)
                if shard is None:
                    entry = None
                else:
                    entry = _Entry(shard, refs=1)  # in use before eviction runs: never its own victim
                    self._open[tenant_id] = entry
                    self.opened_total += 1
                    log.debug("shard opened", extra={"tenant_id": tenant_id,
                                                     "ms": round((time.perf_counter() - started) * 1000, 2)})
                    self._evict_locked()
            else:
                self._open.move_to_end(tenant_id)
                entry.refs += 1
        if entry is None:
            yield None
            return
        try:
            yield entry.shard
        finally:
            with self._lock:
                entry.refs -= 1
                entry.last_used = self.clock()

    def _evict_locked(self) -> None:
        while len(self._open) > self.max_open:
            victim = next((tid for tid, e in self._open.items() if e.refs == 0), None)
            if victim is None:  # every shard is in use: go over the cap rather than block
                return
            self._close_locked(victim)

    def _close_idle_locked(self) -> int:
        if self.idle_seconds <= 0:
            return 0
        cutoff = self.clock() - self.idle_seconds
        idle = [tid for tid, e in self._open.items() if e.refs == 0 and e.last_used <= cutoff]
        for tid in idle:
            self._close_locked(tid)
        return len(idle)

    def _close_locked(self, tenant_id: int) -> None:
        entry = self._open.pop(tenant_id, None)
        if entry is not None:
            entry.shard.close()

    def close_idle(self) -> int:
        """Close shards unused for `idle_seconds`; returns how many were closed."""
        with self._lock:
            return self._close_idle_locked()

    def close_all(self) -> None:
        with self._lock:
            for tid in list(self._open):
                self._close_locked(tid)

    def drop(self, tenant_id: int) -> None:
        with self._lock:
            self._close_locked(tenant_id)
            shutil.rmtree(self.path_of(tenant_id), ignore_errors=True)

    @property
    def open_tenants(self) -> list[int]:
        with self._lock:
            return list(self._open)


def _filter(scope: VectorScope):
    return qdrant_filter(scope, qe)


def _contact_filter(contact_id: int):
    return contact_filter(contact_id, qe)


class EdgeVectorStore:
    """One tenant's shard in an `EdgeShardPool`."""

    exact_capable = True

    def __init__(self, pool: EdgeShardPool, tenant_id: int, *, hnsw_ef: int = 256,
                 hnsw_ef_filtered: int | None = None) -> None:
        self._pool = pool
        self._tenant_id = int(tenant_id)
        self.hnsw_ef = hnsw_ef
        # A branch or owner filter keeps a fraction of the graph: the walk needs a wider beam for
        # the same recall (bench_vectors --full, 100k clustered vectors, branch filter: recall@10
        # 0.92-0.96 at 512, 0.96-0.98 at 1,024; unfiltered 1.0 from 64). Small filtered sets never
        # reach HNSW: the planner scans them exactly (full_scan_kb).
        self.hnsw_ef_filtered = hnsw_ef_filtered or hnsw_ef

    @property
    def tenant_id(self) -> int:
        return self._tenant_id

    def upsert(self, points: Sequence[NotePoint]) -> None:
        if not points:
            return
        with self._pool.shard(self._tenant_id, create=True) as shard:
            shard.update(qe.UpdateOperation.upsert_points(
                [qe.Point(p.activity_id, np.asarray(p.vector, dtype=np.float32).tolist(), p.payload())
                 for p in points]))

    def delete(self, activity_ids: Sequence[int]) -> None:
        if not activity_ids:
            return
        with self._pool.shard(self._tenant_id) as shard:
            if shard is not None:
                shard.update(qe.UpdateOperation.delete_points([int(i) for i in activity_ids]))

    def search(self, vector: np.ndarray, *, scope: VectorScope, limit: int = 10,
               exact: bool = False) -> list[VectorHit]:
        if scope.deny_all or limit <= 0:
            return []
        with self._pool.shard(self._tenant_id) as shard:
            if shard is None:
                return []
            points = shard.query(qe.QueryRequest(
                limit=limit, query=qe.Query.Nearest(np.asarray(vector, dtype=np.float32).tolist()),
                filter=_filter(scope), with_payload=["lead_id", "branch_id"], with_vector=False,
                params=qe.SearchParams(hnsw_ef=search_ef(scope, self.hnsw_ef, self.hnsw_ef_filtered), exact=exact)))
        return [VectorHit(int(p.id), float(p.score), (p.payload or {}).get("lead_id"),
                          (p.payload or {}).get("branch_id")) for p in points]

    def count(self) -> int:
        with self._pool.shard(self._tenant_id) as shard:
            return 0 if shard is None else int(shard.count(qe.CountRequest(exact=True)))

    def erase_contact(self, contact_id: int) -> int:
        with self._pool.shard(self._tenant_id) as shard:
            if shard is None:
                return 0
            flt = _contact_filter(contact_id)
            n = int(shard.count(qe.CountRequest(exact=True, filter=flt)))
            if n:
                shard.update(qe.UpdateOperation.delete_points_by_filter(flt))
                shard.flush()
            return n

    def drop_tenant(self) -> None:
        self._pool.drop(self._tenant_id)

    def optimize(self) -> None:
        with self._pool.shard(self._tenant_id) as shard:
            if shard is not None:
                shard.optimize()
                shard.flush()

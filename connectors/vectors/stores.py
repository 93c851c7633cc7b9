"""`VectorStores`: the process-wide factory; `for_tenant(tenant_id)` is the only way to a store.

Backends:
- "edge" (embedded default): Qdrant Edge shards under `path`, opened lazily, LRU-capped.
- "local": qdrant-client local mode under `path` (brute-force search; kept for comparison).
- "server": a Qdrant server at `url` with `api_key`.
- "memory": qdrant-client ":memory:" (tests of the server path).

The tenant id given to `for_tenant` must come from the authenticated principal; the store keeps
it and derives its collection name from it, so request input can never select a collection.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from connectors.vectors.base import VectorStore

Backend = Literal["edge", "local", "server", "memory"]


@dataclass(frozen=True)
class VectorSettings:
    """The vector-store part of the settings (the lead maps LUA_VECTOR_* onto it)."""

    backend: Backend = "edge"
    path: Path | None = None  # embedded backends; default <data_dir>/vectors
    url: str = ""  # server
    api_key: str = ""  # server
    max_open_shards: int = 16  # each open Edge shard: 1 search thread and ~20 MB RSS at 1k vectors (cold)
    idle_seconds: float = 60.0
    # Search-time beam (Edge, server). Measured on 100k clustered vectors (bench_vectors --full):
    # unfiltered recall@10 is 1.0 from 64 on; branch-filtered needs 1,024 for >= 0.95.
    hnsw_ef: int = 256
    hnsw_ef_filtered: int = 1024  # queries with a branch or owner filter
    hnsw_m: int = 16
    ef_construct: int = 100
    search_threads: int = 1  # per open Edge shard
    open_wait_s: float = 2.0  # wait for a shard another process holds, then 503
    full_scan_kb: int = 32_000  # Edge: filtered sets below this are searched exactly
    vector_memory: str = "cold"  # Edge: "cold" (mmap, read on demand) or "cached" (read at open)

    @classmethod
    def from_settings(cls, settings: Any) -> "VectorSettings":
        """Read `vector_*`/`qdrant_*` fields when the settings have them; defaults otherwise."""
        data_dir = Path(getattr(settings, "data_dir", "data"))
        path = getattr(settings, "vector_path", None) or data_dir / "vectors"
        return cls(
            backend=getattr(settings, "vector_backend", "edge"),
            path=Path(path),
            url=getattr(settings, "qdrant_url", "") or "",
            api_key=getattr(settings, "qdrant_api_key", "") or "",
            max_open_shards=int(getattr(settings, "vector_max_open_shards", 16)),
            idle_seconds=float(getattr(settings, "vector_idle_seconds", 60.0)),
            hnsw_ef=int(getattr(settings, "vector_hnsw_ef", cls.hnsw_ef)),
            hnsw_ef_filtered=int(getattr(settings, "vector_hnsw_ef_filtered", cls.hnsw_ef_filtered)),
            hnsw_m=int(getattr(settings, "vector_hnsw_m", cls.hnsw_m)),
            ef_construct=int(getattr(settings, "vector_ef_construct", cls.ef_construct)),
            vector_memory=str(getattr(settings, "vector_memory", "cold") or "cold"),
        )


class VectorStores:
    def __init__(self, config: VectorSettings, *, dim: int, clock: Any = None) -> None:
        self.config = config
        self.dim = dim
        self.backend: Backend = config.backend
        self._pool = None
        self._cols = None
        self._lock = threading.Lock()
        if config.backend == "edge":
            from connectors.vectors.edge import EdgeShardPool

            if config.path is None:
                raise ValueError("the edge backend needs a path")
            kw = {"clock": clock} if clock is not None else {}
            self._pool = EdgeShardPool(Path(config.path) / "edge", dim=dim, max_open=config.max_open_shards,
                                       idle_seconds=config.idle_seconds,
                                       search_threads=config.search_threads, hnsw_m=config.hnsw_m,
                                       ef_construct=config.ef_construct, open_wait_s=config.open_wait_s,
                                       full_scan_kb=config.full_scan_kb,
                                       vector_memory=config.vector_memory, **kw)
        elif config.backend in ("local", "server", "memory"):
            from qdrant_client import QdrantClient

            from connectors.vectors.qdrant import QdrantCollections

            if config.backend == "server":
                if not config.url:
                    raise ValueError("the server backend needs a URL")
                client = QdrantClient(url=config.url, api_key=config.api_key or None)
            elif config.backend == "memory":
                client = QdrantClient(":memory:")
            else:
                if config.path is None:
                    raise ValueError("the local backend needs a path")
                client = QdrantClient(path=str(Path(config.path) / "local"))
            self._cols = QdrantCollections(client, dim=dim, local=config.backend != "server",
                                           hnsw_m=config.hnsw_m, ef_construct=config.ef_construct)
        else:
            raise ValueError(f"unknown vector backend {config.backend!r}")

    @classmethod
    def embedded(cls, *, path: Path, dim: int, engine: Literal["edge", "local"] = "edge", **kw: Any) -> "VectorStores":
        clock = kw.pop("clock", None)
        return cls(VectorSettings(backend=engine, path=Path(path), **kw), dim=dim, clock=clock)

    @classmethod
    def server(cls, *, url: str, api_key: str, dim: int, **kw: Any) -> "VectorStores":
        return cls(VectorSettings(backend="server", url=url, api_key=api_key, **kw), dim=dim)

    @classmethod
    def memory(cls, *, dim: int, **kw: Any) -> "VectorStores":
        return cls(VectorSettings(backend="memory", **kw), dim=dim)

    def for_tenant(self, tenant_id: int) -> VectorStore:
        """The store of one tenant; `tenant_id` comes from the authenticated principal."""
        if isinstance(tenant_id, bool) or not isinstance(tenant_id, int) or tenant_id <= 0:
            raise TypeError("tenant_id must be a positive int taken from the principal")
        if self._pool is not None:
            from connectors.vectors.edge import EdgeVectorStore

            return EdgeVectorStore(self._pool, tenant_id, hnsw_ef=self.config.hnsw_ef,
                                   hnsw_ef_filtered=self.config.hnsw_ef_filtered)
        from connectors.vectors.qdrant import QdrantVectorStore

        return QdrantVectorStore(self._cols, tenant_id, hnsw_ef=self.config.hnsw_ef,
                                 hnsw_ef_filtered=self.config.hnsw_ef_filtered)

    def close_idle(self) -> int:
        """Close embedded shards idle for longer than `idle_seconds` (no-op for other backends)."""
        return self._pool.close_idle() if self._pool is not None else 0

    @property
    def open_shards(self) -> int:
        return len(self._pool.open_tenants) if self._pool is not None else 0

    def close(self) -> None:
        if self._pool is not None:
            self._pool.close_all()
        if self._cols is not None:
            self._cols.client.close()

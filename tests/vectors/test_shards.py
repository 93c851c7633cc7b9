"""Qdrant Edge shards: opened lazily, LRU-capped, closed when idle, reopened with their data."""

from __future__ import annotations

import os

import numpy as np

from connectors.vectors import NotePoint, VectorScope, VectorStores


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _point(i: int, dim: int) -> NotePoint:
    rng = np.random.default_rng(i)
    return NotePoint(activity_id=i, vector=rng.standard_normal(dim).astype(np.float32), lead_id=1,
                     contact_ids=(1,), branch_id=1, owner_id=1, author_id=1, data_class="personal",
                     language="en", kind="call", occurred_at=0)


def _threads() -> int:
    return len(os.listdir("/proc/self/task"))


def test_idle_shards_are_closed_and_reopen_with_their_data(tmp_path):
    clock = Clock()
    stores = VectorStores.embedded(path=tmp_path, dim=8, max_open_shards=100, idle_seconds=60, clock=clock)
    for tid in (1, 2, 3):
        stores.for_tenant(tid).upsert([_point(tid * 10 + k, 8) for k in range(3)])
    assert stores.open_shards == 3
    clock.now += 30
    stores.for_tenant(1).count()  # touches tenant 1 only
    clock.now += 45  # 2 and 3 idle for 75 s, 1 for 45 s
    assert stores.close_idle() == 2
    assert stores.open_shards == 1
    # Reopened lazily on next use, with the points they had.
    assert stores.for_tenant(2).count() == 3
    hits = stores.for_tenant(3).search(_point(31, 8).vector, scope=VectorScope(), limit=1)
    assert hits[0].activity_id == 31
    stores.close()


def test_open_shards_are_capped_lru(tmp_path):
    stores = VectorStores.embedded(path=tmp_path, dim=8, max_open_shards=3, idle_seconds=0)
    baseline = _threads()
    for tid in range(1, 9):
        stores.for_tenant(tid).upsert([_point(tid, 8)])
    assert stores.open_shards == 3
    assert stores._pool.open_tenants == [6, 7, 8]
    # Threads stay bounded by the cap, not by the number of tenants.
    assert _threads() - baseline <= 3 * 3 + 4
    for tid in range(1, 9):
        assert stores.for_tenant(tid).count() == 1
    assert stores.open_shards == 3
    stores.close()
    assert stores.open_shards == 0


def test_searching_an_unknown_tenant_creates_nothing(tmp_path):
    stores = VectorStores.embedded(path=tmp_path, dim=8)
    store = stores.for_tenant(42)
    assert store.search(np.ones(8, dtype=np.float32), scope=VectorScope(), limit=3) == []
    assert store.count() == 0 and store.erase_contact(1) == 0
    assert stores.open_shards == 0
    assert not (tmp_path / "edge" / "lua_notes_t42").exists()
    stores.close()


def test_server_backend_needs_a_url():
    import pytest

    with pytest.raises(ValueError):
        VectorStores.server(url="", api_key="k", dim=8)


def test_a_shard_held_by_another_process_is_a_503_not_a_crash(tmp_path):
    import pytest

    from connectors.vectors.edge import ShardBusy

    first = VectorStores.embedded(path=tmp_path, dim=8)
    first.for_tenant(1).upsert([_point(1, 8)])  # holds the shard open (and its WAL lock)
    second = VectorStores.embedded(path=tmp_path, dim=8, open_wait_s=0.3)
    with pytest.raises(ShardBusy) as err:
        second.for_tenant(1).count()
    assert err.value.status_code == 503
    first.close()
    assert second.for_tenant(1).count() == 1
    second.close()


def _rss_mb() -> float:
    for line in open("/proc/self/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def test_an_open_small_shard_costs_a_few_mb_not_a_whole_vector_chunk(tmp_path):
    """Vectors are memory-mapped and read on demand ("cold"): an open shard of 1k vectors costs
    ~20 MB here (payload indexes, WAL, its share of the library), not the extra 32 MB vector chunk
    that "cached" reads in at open (~52 MB/shard measured the same way)."""
    import gc

    dim, n, shards = 384, 1000, 8
    stores = VectorStores.embedded(path=tmp_path, dim=dim, max_open_shards=100, idle_seconds=0)
    rng = np.random.default_rng(3)
    for tid in range(1, shards + 1):
        stores.for_tenant(tid).upsert([NotePoint(activity_id=i, vector=rng.standard_normal(dim).astype(np.float32),
                                                 lead_id=1, contact_ids=(1,), branch_id=1, owner_id=1, author_id=1,
                                                 data_class="personal", language="en", kind="call", occurred_at=0)
                                       for i in range(1, n + 1)])
    stores.close()
    gc.collect()
    stores = VectorStores.embedded(path=tmp_path, dim=dim, max_open_shards=100, idle_seconds=0)
    before = _rss_mb()
    q = rng.standard_normal(dim).astype(np.float32)
    for tid in range(1, shards + 1):
        assert len(stores.for_tenant(tid).search(q, scope=VectorScope(), limit=10)) == 10
    per_shard = (_rss_mb() - before) / shards
    assert stores.open_shards == shards
    assert per_shard < 36, per_shard
    stores.close()


def test_filtered_queries_use_the_wider_beam(tmp_path, monkeypatch):
    """The beam each search actually sends: the wider one only when a branch or owner narrows it."""
    from connectors.vectors import edge

    sent = []
    real = edge.qe.SearchParams
    monkeypatch.setattr(edge.qe, "SearchParams", lambda **kw: sent.append(kw["hnsw_ef"]) or real(**kw))
    stores = VectorStores.embedded(path=tmp_path, dim=8, hnsw_ef=64, hnsw_ef_filtered=900)
    store = stores.for_tenant(1)
    store.upsert([_point(k, 8) for k in range(1, 4)])
    q = [0.1] * 8
    for scope in (VectorScope(), VectorScope(allow_special=True, exclude_contact_ids=frozenset({3})),
                  VectorScope(branch_ids=frozenset({1})), VectorScope(owner_id=4)):
        store.search(q, scope=scope, limit=3)
    assert sent == [64, 64, 900, 900]
    stores.close()


def test_hnsw_build_settings_reach_new_shards(tmp_path):
    """LUA_VECTOR_HNSW_M / LUA_VECTOR_EF_CONSTRUCT are the graph a new shard is built with."""
    import json
    from types import SimpleNamespace

    import numpy as np

    from connectors.vectors import NotePoint, VectorSettings, VectorStores

    settings_like = SimpleNamespace(data_dir=tmp_path, vector_hnsw_m=24, vector_ef_construct=64)
    config = VectorSettings.from_settings(settings_like)
    assert (config.hnsw_m, config.ef_construct) == (24, 64)
    stores = VectorStores(config, dim=8)
    store = stores.for_tenant(7)
    store.upsert([NotePoint(activity_id=1, vector=np.ones(8, dtype=np.float32), lead_id=1, contact_ids=(1,),
                            branch_id=1, owner_id=1, author_id=1, data_class="personal", language="en",
                            kind="note", occurred_at=0)])
    stores.close()
    saved = json.loads(next((tmp_path / "vectors").rglob("edge_config.json")).read_text())
    assert saved["hnsw_config"]["m"] == 24 and saved["hnsw_config"]["ef_construct"] == 64

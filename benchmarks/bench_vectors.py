"""Benchmark of the note vector stores, both embedded backends side by side. Prints JSON.

- index throughput: the real indexer (sentence-transformers MiniLM, 2 threads) over demo notes;
- one tenant at 10k and 100k vectors: upsert rate, HNSW build, query p50/p95 (unfiltered and
  with a sales rep's scope filter), recall@10 against exact search (numpy brute force);
- many tenants of 1k vectors each: open (cold) time, RSS, threads, with the LRU shard cap.

Scale runs use random unit vectors (dim 384, the MiniLM size): embedding 100k notes would take
most of an hour on this machine, and random vectors are the hardest case for HNSW recall.
Default run ~5 minutes (10k vectors; 100 Edge tenants, 10 local-mode tenants); `--full` adds
100k vectors and 1,000 Edge tenants (200 local-mode ones); `--retrieval` adds precision@10/MRR of both embedding models on labelled
Arabic and English demo notes (connectors/embeddings/quality.py).
Usage: python -m benchmarks.bench_vectors [--full] [--retrieval] [--skip-embed]
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

DIM = 384
QUERIES = 100
BRANCHES, OWNERS = 3, 12  # a rep's filter keeps ~1/36 of the points


def _pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def _ms(samples: list[float]) -> dict[str, float]:
    ms = [s * 1000 for s in samples]
    return {"p50_ms": round(_pct(ms, 0.5), 3), "p95_ms": round(_pct(ms, 0.95), 3),
            "mean_ms": round(statistics.fmean(ms), 3)}


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _threads() -> int:
    return len(os.listdir("/proc/self/task"))


def _unit(rng: np.random.Generator, n: int) -> np.ndarray:
    x = rng.standard_normal((n, DIM)).astype(np.float32)
    return x / np.linalg.norm(x, axis=1, keepdims=True)


def _points(vectors: np.ndarray, start: int = 0):
    from connectors.vectors import NotePoint

    return [NotePoint(activity_id=start + i + 1, vector=v, lead_id=(start + i) % 5000, contact_ids=((start + i) % 3000,),
                      branch_id=(start + i) % BRANCHES, owner_id=(start + i) % OWNERS, author_id=1,
                      data_class="special" if (start + i) % 50 == 0 else "personal", language="en",
                      kind="call", occurred_at=0)
            for i, v in enumerate(vectors)]


def _stores(backend: str, path: Path, **kw):
    from connectors.vectors import VectorSettings, VectorStores

    return VectorStores(VectorSettings(backend=backend, path=path, **kw), dim=DIM)


def _exact_top10(data: np.ndarray, mask: np.ndarray, q: np.ndarray) -> set[int]:
    scores = data @ q
    scores[~mask] = -np.inf
    top = np.argpartition(-scores, 10)[:10]
    return {int(i) + 1 for i in top if np.isfinite(scores[i])}


def _clustered(rng: np.random.Generator, n: int, centers: np.ndarray) -> np.ndarray:
    """Points around 2,000 centres (cosine ~0.7 to their centre), like notes made from templates."""
    x = centers[rng.integers(0, len(centers), n)] + rng.standard_normal((n, DIM)).astype(np.float32) / np.sqrt(DIM)
    return x / np.linalg.norm(x, axis=1, keepdims=True)


def single_tenant(backend: str, n: int, tmp: Path, *, hnsw_ef: int, data_kind: str = "random") -> dict:
    from connectors.vectors import VectorScope

    rng = np.random.default_rng(n)
    nq = QUERIES if backend == "edge" else max(10, QUERIES // (5 if n < 50_000 else 10))
    # Local mode evaluates filters in Python (~0.1 ms per point): fewer queries keep it bearable.
    if data_kind == "clustered":
        centers = _unit(rng, 2000)
        data, queries = _clustered(rng, n, centers), _clustered(rng, nq, centers)
    else:
        data, queries = _unit(rng, n), _unit(rng, nq)
    stores = _stores(backend, tmp / f"{backend}-{n}", hnsw_ef=hnsw_ef)
    store = stores.for_tenant(1)
    started = time.perf_counter()
    for i in range(0, n, 2000):
        store.upsert(_points(data[i:i + 2000], i))
    upsert_s = time.perf_counter() - started
    started = time.perf_counter()
    store.optimize()
    build_s = time.perf_counter() - started
    ids = np.arange(n)
    not_special = ids % 50 != 0
    cases = {
        "admin_unfiltered": (VectorScope(allow_special=True), np.ones(n, dtype=bool)),
        "manager_branch": (VectorScope(branch_ids=frozenset({1})), (ids % BRANCHES == 1) & not_special),
        "rep_own_leads": (VectorScope(branch_ids=frozenset({1}), owner_id=4),
                          (ids % BRANCHES == 1) & (ids % OWNERS == 4) & not_special),
    }
    out: dict = {"vectors": n, "data": data_kind, "queries": len(queries), "upsert_vectors_per_s": round(n / upsert_s, 1),
                 "hnsw_build_s": round(build_s, 2)}
    # "fresh" queries come from the data distribution (random: the worst case, every point about
    # equally far in 384 dims); real
    # queries have near neighbours, modelled as a stored vector plus noise (cosine ~0.8 to it).
    noise = rng.standard_normal(queries.shape).astype(np.float32) * (0.75 / np.sqrt(DIM))
    near = data[rng.integers(0, n, len(queries))] + noise
    near /= np.linalg.norm(near, axis=1, keepdims=True)
    for kind, qs in (("fresh", queries), ("near", near)):
        for name, (scope, mask) in cases.items():
            store.search(qs[0], scope=scope, limit=10)  # warm-up
            lat, recall = [], []
            for q in qs:
                t = time.perf_counter()
                hits = store.search(q, scope=scope, limit=10)
                lat.append(time.perf_counter() - t)
                truth = _exact_top10(data, mask, q)
                recall.append(len({h.activity_id for h in hits} & truth) / max(1, len(truth)))
            out[f"{name}/{kind}"] = {**_ms(lat), "recall_at_10": round(float(np.mean(recall)), 4)}
    stores.close()
    shutil.rmtree(tmp / f"{backend}-{n}", ignore_errors=True)
    return out


def many_tenants(backend: str, tenants: int, tmp: Path, *, per_tenant: int = 1000, cap: int = 16) -> dict:
    from connectors.vectors import VectorScope

    rng = np.random.default_rng(tenants)
    path = tmp / f"{backend}-tenants"
    gc.collect()
    rss0, threads0 = _rss_mb(), _threads()
    stores = _stores(backend, path, max_open_shards=cap, idle_seconds=0)
    started = time.perf_counter()
    for tid in range(1, tenants + 1):
        store = stores.for_tenant(tid)
        store.upsert(_points(_unit(rng, per_tenant)))
        store.optimize()
    build_s = time.perf_counter() - started
    rss_built, threads_built = _rss_mb(), _threads()
    stores.close()
    gc.collect()
    # Re-open as a fresh process would: first query per tenant is a cold open.
    rss1, threads1 = _rss_mb(), _threads()
    started = time.perf_counter()
    stores = _stores(backend, path, max_open_shards=cap, idle_seconds=0)
    construct_s = time.perf_counter() - started
    q = _unit(rng, 1)[0]
    cold, warm = [], []
    for tid in range(1, tenants + 1):
        t = time.perf_counter()
        stores.for_tenant(tid).search(q, scope=VectorScope(), limit=10)
        cold.append(time.perf_counter() - t)
    hot = list(range(tenants - min(cap, tenants) + 1, tenants + 1))  # still open (LRU)
    for tid in hot * 3:
        t = time.perf_counter()
        stores.for_tenant(tid).search(q, scope=VectorScope(), limit=10)
        warm.append(time.perf_counter() - t)
    out = {
        "tenants": tenants, "vectors_per_tenant": per_tenant, "build_s": round(build_s, 1),
        "rss_mb_while_building": round(rss_built - rss0, 1), "threads_while_building": threads_built - threads0,
        "open_store_s": round(construct_s, 3),
        "first_query_per_tenant": _ms(cold), "query_open_tenant": _ms(warm),
        "rss_mb_all_touched": round(_rss_mb() - rss1, 1), "threads_all_touched": _threads() - threads1,
        "open_shards": stores.open_shards if backend == "edge" else tenants,
    }
    stores.close()
    shutil.rmtree(path, ignore_errors=True)
    return out


def _demo_factory(tmp: Path, scale: float):
    from connectors.crm.db import make_engine, make_session_factory
    from connectors.crm.demo import seed_demo
    from connectors.crm.schema import metadata

    engine = make_engine(f"sqlite:///{tmp / f'demo-{scale}.sqlite3'}")
    metadata.create_all(engine)
    factory = make_session_factory(engine)
    seed_demo(factory, scale=scale)
    return factory


def _tenant_id(factory, slug: str = "demo-sales") -> int:
    from sqlalchemy import select

    from connectors.crm.db import system_session
    from connectors.crm.models import Tenant

    with system_session(factory) as s:
        return int(s.scalar(select(Tenant.id).where(Tenant.slug == slug)))


def index_throughput(tmp: Path, *, scale: float = 0.02) -> dict:
    """The real indexer end to end: demo notes → embedder (batch 64, 2 threads) → Edge shard."""
    from assistant.indexing import NoteIndexer
    from connectors.embeddings import make_embedder

    factory = _demo_factory(tmp, scale)
    tenant_id = _tenant_id(factory)
    out = {}
    for model in ("minilm", "multilingual-e5-small"):
        started = time.perf_counter()
        embedder = make_embedder(model=model, threads=2)
        embedder.embed(["warm-up"])
        load_s = time.perf_counter() - started
        stores = _stores("edge", tmp / f"index-{model}")
        indexer = NoteIndexer(factory=factory, stores=stores, embedder=embedder, batch_size=64)
        first = indexer.index_tenant(tenant_id)
        again = indexer.index_tenant(tenant_id)
        stores.close()
        lat = []
        for q in ("pricing discount", "خصم على السعر", "contract signed", "تم توقيع العقد") * 5:
            t = time.perf_counter()
            embedder.embed_queries([q])
            lat.append(time.perf_counter() - t)
        out[model] = {"load_s": round(load_s, 2), "notes": first.embedded, "seconds": round(first.seconds, 2),
                      "notes_per_s": round(first.notes_per_second, 1),
                      "incremental_rerun_s": round(again.seconds, 3),
                      "incremental_rerun_embedded": again.embedded, "query_embed": _ms(lat)}
    return out


def retrieval_quality(tmp: Path, *, scale: float = 0.05) -> dict:
    """precision@10 / MRR of each model on labelled demo notes (Arabic and English)."""
    from sqlalchemy import select

    from connectors.crm.db import tenant_session
    from connectors.crm.models import Activity
    from connectors.embeddings import make_embedder
    from connectors.embeddings.quality import QUERIES, evaluate, label_notes

    factory = _demo_factory(tmp, scale)
    tenant_id = _tenant_id(factory)
    with tenant_session(factory, tenant_id) as s:
        notes = label_notes(list(s.scalars(select(Activity.body))))
    out: dict = {"labelled_notes": {lang: sum(n.language == lang for n in notes) for lang in ("ar", "en")},
                 "queries_per_language": len(QUERIES)}
    for model in ("minilm", "multilingual-e5-small"):
        out[model] = evaluate(make_embedder(model=model, threads=2), notes)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench_vectors")
    parser.add_argument("--full", action="store_true", help="100k vectors, 1,000 Edge tenants (slow)")
    parser.add_argument("--skip-embed", action="store_true", help="skip the embedding-model runs")
    parser.add_argument("--retrieval", action="store_true", help="also measure retrieval quality (~5 min)")
    parser.add_argument("--data", choices=("random", "clustered"), default="random",
                        help="scale-run vectors: random unit vectors (worst case) or clustered")
    parser.add_argument("--hnsw-ef", type=int, default=int(os.environ.get("BENCH_HNSW_EF", "512")))
    args = parser.parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="bench-vectors-"))
    started = time.perf_counter()
    result: dict = {
        "note": "scale runs use random unit vectors (dim 384); recall@10 against numpy exact search "
                "with the same filter; 2 shared cores",
        "hnsw_ef": args.hnsw_ef,
    }
    try:
        if not args.skip_embed:
            result["index_throughput"] = index_throughput(tmp)
        if args.retrieval:
            result["retrieval_quality"] = retrieval_quality(tmp)
        # The 100k HNSW build alone takes minutes on two shared cores: --full only.
        sizes = {"edge": (10_000, 100_000) if args.full else (10_000,),
                 "local": (10_000, 100_000) if args.full else (10_000,)}
        result["single_tenant"] = {b: [single_tenant(b, n, tmp, hnsw_ef=args.hnsw_ef, data_kind=args.data) for n in ns]
                                   for b, ns in sizes.items()}
        # Local mode writes ~170 vectors/s, so it gets fewer tenants (its open cost is linear in them).
        tenants = {"edge": 1000, "local": 200} if args.full else {"edge": 100, "local": 10}
        result["many_tenants"] = {b: many_tenants(b, n, tmp) for b, n in tenants.items()}
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    result["total_s"] = round(time.perf_counter() - started, 1)
    sys.stdout.write(json.dumps(result, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())

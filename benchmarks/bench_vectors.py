"""Benchmark of the note vector stores, both embedded backends side by side. Prints JSON and
merges it into benchmarks/results/vectors.json under its command line.

- index throughput: the real indexer (sentence-transformers MiniLM and e5, 2 threads) over demo notes;
- one tenant at 10k (and, with --full, 100k) vectors: upsert rate, HNSW build, open time, then
  query p50/p95 and recall@10 against numpy exact search with the same filter, for an
  unfiltered (admin), a branch (manager) and an own-leads (rep) scope, at several search-time
  `hnsw_ef`, at the configured defaults, and with Qdrant's exact search side by side;
- many tenants of 1k vectors each: open (cold) time, RSS, threads, with the LRU shard cap.

Vectors (`--data`): "notes" (real MiniLM embeddings of generated CRM notes, cached),
"clustered" (points around 2,000 centres: structure without a model) and
"random" (uniform on the sphere: the worst case for HNSW, and a ranking with no meaning).
Each comes with "fresh" queries (same distribution) and "near" queries (a stored vector plus
noise; `source_in_top10` says whether that stored vector was found).
Built shards are kept under data/bench/vectors (gitignored) and reused: the 100k HNSW build takes
minutes on two shared cores. `--cache ''` builds afresh in a temporary directory.

Usage: python -m benchmarks.bench_vectors [--full] [--data clustered,random] [--hnsw-ef 64,256,512,1024]
       [--backends edge,local] [--skip-embed] [--skip-tenants] [--skip-single]
       python -m benchmarks.bench_vectors --retrieval   (precision@10/MRR of both embedding models
       on labelled Arabic and English demo notes, connectors/embeddings/quality.py)
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

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / "data" / "bench" / "vectors"  # built shards, reused across runs (gitignored)
RESULTS = ROOT / "benchmarks" / "results" / "vectors.json"
BUILD_VERSION = 2  # bump when the way shards are built changes: cached builds are then rebuilt
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


def _now() -> str:
    from datetime import datetime, timezone

    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _load() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


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


def _dataset(kind: str, n: int, nq: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(data, fresh queries, near queries, the row each near query was made from), the same for
    a given (kind, n) on every run.

    - random: unit vectors uniform on the sphere; every point is about equally far from a query
      (top-10 cosine ~0.22 against ~0.21 for the 1,000th), the worst case for HNSW and a
      ranking with no meaning: no embedding model produces such data.
    - notes: real MiniLM embeddings of generated CRM notes (English and Arabic); "fresh" queries
      are other notes of the same generator, never indexed.
    - clustered: points around 2,000 centres (cosine ~0.7 to their centre), like notes written
      from a limited set of situations; "fresh" queries come from the same distribution.
    "near" queries are a stored vector plus noise (cosine ~0.8 to it): a question whose answer
    is in the index.
    """
    rng = np.random.default_rng(n)
    if kind == "notes":
        data, fresh = _note_vectors(n, nq)
    elif kind == "clustered":
        centers = _unit(rng, 2000)
        data, fresh = _clustered(rng, n, centers), _clustered(rng, nq, centers)
    elif kind == "random":
        data, fresh = _unit(rng, n), _unit(rng, nq)
    else:
        raise ValueError(kind)
    noise = rng.standard_normal(fresh.shape).astype(np.float32) * (0.75 / np.sqrt(DIM))
    source = rng.integers(0, n, nq)
    near = data[source] + noise
    near /= np.linalg.norm(near, axis=1, keepdims=True)
    return data, fresh, near, source


def _note_texts(count: int) -> list[str]:
    """`count` distinct note bodies from the demo-data generator (English and Arabic, both demo
    tenants), in a fixed order: the same list on every run."""
    from connectors.crm.demo import DEMO_TENANTS
    from connectors.crm.demo_build import TenantBuilder

    seen: dict[str, None] = {}
    seed = 0
    while len(seen) < count:
        seed += 1
        for spec in DEMO_TENANTS:
            rows = TenantBuilder(spec, seed=seed, scale=4.0).build()
            for a in rows.activities:
                if a.get("body"):
                    seen.setdefault(a["body"], None)
    return list(seen)[:count]


def _note_vectors(n: int, nq: int) -> tuple[np.ndarray, np.ndarray]:
    """Real embeddings: n generated CRM notes embedded with the default model (MiniLM), and nq
    further notes (never indexed) as queries. Embedding 100k notes takes ~10 min on two cores, so
    the vectors are cached next to the built shards."""
    nq_all = max(nq, QUERIES)  # one cache file per n, whatever the backend's query count
    cached = CACHE / f"notes-minilm-{n}-{nq_all}.npz"
    if cached.exists():
        z = np.load(cached)
        return z["data"], z["queries"][:nq]
    from connectors.embeddings import make_embedder

    texts = _note_texts(n + nq_all)
    embedder = make_embedder(model="minilm", threads=2)
    started = time.perf_counter()
    vectors = np.concatenate([embedder.embed(texts[i:i + 2048], batch_size=64)
                              for i in range(0, len(texts), 2048)]).astype(np.float32)
    print(f"embedded {len(texts)} notes in {time.perf_counter() - started:.0f} s", file=sys.stderr, flush=True)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    rng = np.random.default_rng(7)
    order = rng.permutation(len(texts))  # queries drawn from the whole mix, not the last tenant
    data, queries = vectors[order[nq_all:]], vectors[order[:nq_all]]
    CACHE.mkdir(parents=True, exist_ok=True)
    np.savez(cached, data=data, queries=queries)
    return data, queries[:nq]


def _build_key(backend: str, kind: str, n: int, settings_kw: dict) -> str:
    from connectors.vectors import VectorSettings

    cfg = VectorSettings(**settings_kw)
    parts = [backend, kind, str(n), f"v{BUILD_VERSION}"]
    if backend == "edge":
        parts += [f"m{cfg.hnsw_m}", f"efc{cfg.ef_construct}", cfg.vector_memory]
    return "-".join(parts)


def single_tenant(backend: str, n: int, tmp: Path, *, efs: list[int], data_kind: str,
                  cache: Path | None, settings_kw: dict | None = None) -> dict:
    """One tenant of n vectors: build (or reuse the cached build), then latency and recall@10 of
    scoped queries against numpy exact search, for each search-time hnsw_ef and for Qdrant's own
    exact search (the side-by-side baseline)."""
    from connectors.vectors import VectorScope

    settings_kw = dict(settings_kw or {})
    nq = QUERIES if backend == "edge" else max(10, QUERIES // (5 if n < 50_000 else 10))
    # Local mode evaluates filters in Python (~0.1 ms per point): fewer queries keep it bearable.
    data, fresh, near, source = _dataset(data_kind, n, nq)
    key = _build_key(backend, data_kind, n, settings_kw)
    path = (cache or tmp) / key
    meta_file = path / "build.json"
    reused = cache is not None and meta_file.exists()
    if not reused:
        shutil.rmtree(path, ignore_errors=True)
        stores = _stores(backend, path, **settings_kw)
        store = stores.for_tenant(1)
        started = time.perf_counter()
        for i in range(0, n, 2000):
            store.upsert(_points(data[i:i + 2000], i))
        upsert_s = time.perf_counter() - started
        started = time.perf_counter()
        store.optimize()
        build_s = time.perf_counter() - started
        stores.close()
        meta = {"upsert_vectors_per_s": round(n / upsert_s, 1), "hnsw_build_s": round(build_s, 2),
                "built_at": _now(), "load_avg_at_build": _load()}
        meta_file.write_text(json.dumps(meta), encoding="utf-8")
    else:
        meta = json.loads(meta_file.read_text(encoding="utf-8"))
    gc.collect()
    rss0 = _rss_mb()
    started = time.perf_counter()
    stores = _stores(backend, path, **settings_kw)
    store = stores.for_tenant(1)
    count = store.count()  # opens the shard
    open_s = time.perf_counter() - started
    if count != n:
        raise RuntimeError(f"{key}: {count} points, expected {n}")
    ids = np.arange(n)
    not_special = ids % 50 != 0
    cases = {
        "admin_unfiltered": (VectorScope(allow_special=True), np.ones(n, dtype=bool)),
        "manager_branch": (VectorScope(branch_ids=frozenset({1})), (ids % BRANCHES == 1) & not_special),
        "rep_own_leads": (VectorScope(branch_ids=frozenset({1}), owner_id=4),
                          (ids % BRANCHES == 1) & (ids % OWNERS == 4) & not_special),
    }
    out: dict = {"vectors": n, "data": data_kind, "queries": nq, **meta, "reused_build": reused,
                 "open_s": round(open_s, 3),
                 "share_of_points": {c: round(float(m.mean()), 4) for c, (_, m) in cases.items()}}
    t = time.perf_counter()
    store.search(fresh[0], scope=cases["admin_unfiltered"][0], limit=10)
    out["first_query_ms"] = round((time.perf_counter() - t) * 1000, 2)
    # Local mode has no index and ignores search params: one pass, exact by construction.
    configured = (store.hnsw_ef, store.hnsw_ef_filtered) if backend == "edge" else None
    modes: list[tuple[str, int | None]] = ([(f"hnsw_ef={ef}", ef) for ef in efs] + [("default", None), ("exact", None)]
                                           if backend == "edge" else [("brute_force", None)])
    search: dict = {}
    for kind, qs in (("fresh", fresh), ("near", near)):
        for name, (scope, mask) in cases.items():
            truth = [_exact_top10(data, mask, q) for q in qs]
            row = search.setdefault(kind, {}).setdefault(name, {})
            for label, ef in modes:
                if ef is not None:
                    store.hnsw_ef = store.hnsw_ef_filtered = ef
                elif configured is not None:
                    store.hnsw_ef, store.hnsw_ef_filtered = configured
                exact = label == "exact"
                for q in qs[:5]:  # warm-up: the pages this query mix touches
                    store.search(q, scope=scope, limit=10, exact=exact)
                lat, recall, found = [], [], []
                for i, (q, tr) in enumerate(zip(qs, truth)):
                    t = time.perf_counter()
                    hits = store.search(q, scope=scope, limit=10, exact=exact)
                    lat.append(time.perf_counter() - t)
                    got = {h.activity_id for h in hits}
                    recall.append(len(got & tr) / max(1, len(tr)))
                    if kind == "near" and mask[source[i]]:
                        found.append(int(source[i]) + 1 in got)
                row[label] = {**_ms(lat), "recall_at_10": round(float(np.mean(recall)), 4)}
                if found:  # the stored note the query was made from: the answer a user looks for
                    row[label]["source_in_top10"] = round(float(np.mean(found)), 4)
    out["search"] = search
    out["rss_mb_open_shard"] = round(_rss_mb() - rss0, 1)
    stores.close()
    if cache is None:
        shutil.rmtree(path, ignore_errors=True)
    return out


def many_tenants(backend: str, tenants: int, tmp: Path, *, per_tenant: int = 1000, cap: int = 16,
                 settings_kw: dict | None = None) -> dict:
    from connectors.vectors import VectorScope

    rng = np.random.default_rng(tenants)
    path = tmp / f"{backend}-tenants"
    gc.collect()
    rss0, threads0 = _rss_mb(), _threads()
    kw = dict(settings_kw or {})
    stores = _stores(backend, path, max_open_shards=cap, idle_seconds=0, **kw)
    started = time.perf_counter()
    for tid in range(1, tenants + 1):
        store = stores.for_tenant(tid)
        store.upsert(_points(_unit(rng, per_tenant)))
        store.optimize()
        if tid % 100 == 0:
            print(f"[{backend}] {tid}/{tenants} tenants built, {time.perf_counter() - started:.0f} s",
                  file=sys.stderr, flush=True)
    build_s = time.perf_counter() - started
    rss_built, threads_built = _rss_mb(), _threads()
    stores.close()
    gc.collect()
    # Re-open as a fresh process would: first query per tenant is a cold open.
    rss1, threads1 = _rss_mb(), _threads()
    started = time.perf_counter()
    stores = _stores(backend, path, max_open_shards=cap, idle_seconds=0, **kw)
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


def _headline(result: dict, efs: list[int], default_ef: int) -> dict:
    """The figures at the configured search breadth, per backend, size and data: p95 and recall."""
    out: dict = {}
    for backend, runs in result.get("single_tenant", {}).items():
        for run in runs:
            label = "default" if backend == "edge" else "brute_force"
            key = f"{backend}/{run['data']}/{run['vectors']}"
            out[key] = {f"{kind}/{case}": {"p95_ms": cell[label]["p95_ms"], "recall_at_10": cell[label]["recall_at_10"]}
                        for kind, cases in run["search"].items() for case, cell in cases.items() if label in cell}
    return out


def _write_results(path: Path, label: str, result: dict) -> None:
    """Merge this run into the results file under its label (one entry per command line)."""
    try:
        saved = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        saved = {}
    saved[label] = result
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(saved, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    from connectors.vectors import VectorSettings

    default_ef = VectorSettings().hnsw_ef
    default_ef_filtered = VectorSettings().hnsw_ef_filtered
    parser = argparse.ArgumentParser(prog="bench_vectors")
    parser.add_argument("--full", action="store_true", help="100k vectors, 1,000 Edge tenants (slow)")
    parser.add_argument("--skip-embed", action="store_true", help="skip the embedding-model runs")
    parser.add_argument("--retrieval", action="store_true", help="only measure retrieval quality (~5 min)")
    parser.add_argument("--data", default="clustered,random",
                        help="scale-run vectors, comma-separated: notes (real embeddings), clustered, random (worst case)")
    parser.add_argument("--hnsw-ef", default=os.environ.get("BENCH_HNSW_EF", "64,256,512,1024"),
                        help="search-time beam widths to measure, comma-separated (Edge)")
    parser.add_argument("--skip-tenants", action="store_true", help="skip the many-tenants run")
    parser.add_argument("--hnsw-m", type=int, default=VectorSettings().hnsw_m, help="HNSW links per node (Edge build)")
    parser.add_argument("--ef-construct", type=int, default=VectorSettings().ef_construct,
                        help="HNSW build beam (Edge build)")
    parser.add_argument("--tenants", type=int, default=0, help="tenants in the many-tenants run (both backends)")
    parser.add_argument("--skip-single", action="store_true", help="skip the one-tenant scale runs")
    parser.add_argument("--backends", default="edge,local", help="embedded backends, comma-separated")
    parser.add_argument("--vector-memory", choices=("cold", "cached"), default=VectorSettings().vector_memory)
    parser.add_argument("--cache", type=Path, default=CACHE,
                        help="keep built shards here and reuse them (gitignored); '' to build afresh")
    parser.add_argument("--out", type=Path, default=RESULTS, help="results file (merged by command line)")
    args = parser.parse_args(argv)
    efs = sorted({int(x) for x in str(args.hnsw_ef).split(",") if x.strip()})
    kinds = [k.strip() for k in args.data.split(",") if k.strip()]
    backends = [b.strip() for b in args.backends.split(",") if b.strip()]
    cache = args.cache if str(args.cache) not in ("", ".") else None
    if cache is not None:
        cache.mkdir(parents=True, exist_ok=True)
    settings_kw = {"vector_memory": args.vector_memory, "hnsw_m": args.hnsw_m, "ef_construct": args.ef_construct}
    tmp = Path(tempfile.mkdtemp(prefix="bench-vectors-"))
    started = time.perf_counter()
    label = " ".join(["bench_vectors"] + (argv if argv is not None else sys.argv[1:])).strip()
    result: dict = {
        "command": f"python -m benchmarks.{label}",
        "date": _now(), "load_avg_at_start": _load(), "cpus": os.cpu_count(),
        "note": "recall@10 against numpy exact search with the same filter; latency of the store's search() "
                "(filter building, Qdrant query, result mapping); shared machine: compare side by side",
        "default": {"hnsw_ef": default_ef, "hnsw_ef_filtered": default_ef_filtered,
                    "note": "hnsw_ef_filtered for queries with a branch or owner filter"},
        "vector_memory": args.vector_memory,
        "hnsw": {"m": args.hnsw_m, "ef_construct": args.ef_construct,
                 "full_scan_kb": VectorSettings().full_scan_kb, "quantization": None},
    }
    try:
        if args.retrieval:
            result["retrieval_quality"] = retrieval_quality(tmp)
        else:
            if not args.skip_embed:
                result["index_throughput"] = index_throughput(tmp)
            # The 100k HNSW build takes minutes on two shared cores: --full only, and cached.
            sizes = (10_000, 100_000) if args.full else (10_000,)
            if args.skip_single:
                sizes = ()
            result["single_tenant"] = {
                b: [single_tenant(b, n, tmp, efs=efs if b == "edge" else [], data_kind=kind, cache=cache,
                                  settings_kw=settings_kw if b == "edge" else {})
                    for kind in kinds for n in sizes]
                for b in backends}
            result["at_default"] = _headline(result, efs, default_ef)
            if not args.skip_tenants:
                # Local mode writes slowly, so by default it gets fewer tenants (--tenants N for both).
                tenants = {"edge": 1000, "local": 200} if args.full else {"edge": 100, "local": 10}
                if args.tenants:
                    tenants = {b: args.tenants for b in tenants}
                result["many_tenants"] = {b: many_tenants(b, tenants[b], tmp,
                                                          settings_kw=settings_kw if b == "edge" else {})
                                          for b in backends}
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    result["total_s"] = round(time.perf_counter() - started, 1)
    result["load_avg_at_end"] = _load()
    if args.out and str(args.out) not in ("", "."):
        _write_results(args.out, label, result)
    sys.stdout.write(json.dumps(result, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())

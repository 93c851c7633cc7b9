"""Find what grows: the load run's request mix, in process, one request at a time, with tracemalloc.

Seeds the demo CRM into a temporary SQLite file, builds the app exactly as `loadtest.server` does
(fake model provider, real redactor), warms it up, then compares tracemalloc snapshots taken every
`--every` requests and prints the allocation sites that kept growing (grouped by traceback), the
RSS, and the size of spaCy's StringStore. One thread, one request at a time by default (one core
while it runs, not two); `--threads N` sends from N client threads at once.

    .venv/bin/python -m loadtest.memprobe [--warmup 200 --requests 600 --every 200 --no-trace]
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import tempfile
import threading
import time
import tracemalloc

from loadtest.run import ANALYTICS, QUESTIONS, _rss_mb, prepare


def _strings(services) -> int | None:
    """len(StringStore) of the redactor's spaCy pipeline, when it has one loaded."""
    red = getattr(services, "_redactor", None)
    for path in (("_ner", "_engine"), ("ner", "_engine")):
        obj = red
        for attr in path:
            obj = getattr(obj, attr, None)
        nlp = getattr(obj, "nlp", None)
        if nlp:
            return len(next(iter(nlp.values())).vocab.strings)
    return None


def make_requests(people: list[dict], rng: random.Random):
    """An endless stream of (method, path, json, headers) in the load run's mix, with fresh
    conversations every 5 turns so conversation-keyed state has the chance to pile up."""
    conv: dict[int, str | None] = {}
    turn: dict[int, int] = {}
    while True:
        i = rng.randrange(len(people))
        p = people[i]
        h = {"Authorization": f"Bearer {p['token']}"}
        roll = rng.random()
        if p["role"] == "admin" and roll < 0.5:
            yield i, "GET", rng.choice(["/v1/admin/audit?limit=20", "/v1/admin/alerts"]), None, h
        elif p["role"] in ("manager", "admin") and roll < 0.8 or not p["leads"]:
            yield i, "POST", "/v1/analytics/ask", {"question": rng.choice(ANALYTICS)}, h
        else:
            body = {"message": rng.choice(QUESTIONS), "lead_id": rng.choice(p["leads"])}
            if conv.get(i) and turn.get(i, 0) % 5:
                body["conversation_id"] = conv[i]
            yield i, "POST", "/v1/chat", body, h


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--warmup", type=int, default=200)
    ap.add_argument("--requests", type=int, default=600)
    ap.add_argument("--every", type=int, default=200)
    ap.add_argument("--frames", type=int, default=6)
    ap.add_argument("--top", type=int, default=12)
    ap.add_argument("--scale", type=float, default=0.05)
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--no-trace", action="store_true", help="RSS and StringStore only (faster)")
    ap.add_argument("--threads", type=int, default=1, help="client threads sending at once (default 1)")
    args = ap.parse_args()

    from fastapi.testclient import TestClient

    from assistant.settings import Settings
    from loadtest.server import build_app

    tmp = tempfile.TemporaryDirectory(prefix="lua-memprobe-")
    env = {"LUA_ENVIRONMENT": "test", "LUA_LLM_PROVIDER": "fake", "LUA_DATA_DIR": tmp.name,
           "LUA_DATABASE_URL": f"sqlite:///{tmp.name}/lua.sqlite3", "LUA_RETENTION_INTERVAL_MINUTES": "0",
           "LUA_RATE_USER_PER_MINUTE": "0", "LUA_RATE_TENANT_PER_MINUTE": "0",
           "LUA_ABUSE_ENUMERATION_DISTINCT": "0"}
    os.environ.update(env)
    _factory, people = prepare(env, args.scale)
    app = build_app(Settings())
    services = app.state.services
    rng = random.Random(args.seed)
    stream = make_requests(people, rng)
    codes: dict[int, int] = {}

    lock = threading.Lock()

    def worker(n: int, client) -> None:
        for _ in range(n):
            with lock:
                _i, method, path, body, h = next(stream)
            r = client.request(method, path, json=body, headers=h)
            with lock:
                codes[r.status_code] = codes.get(r.status_code, 0) + 1

    def run(n: int, client) -> None:
        """n requests, from `--threads` client threads at once (the server's worker threads, the
        allocator's per-thread arenas and the pools are then used as under concurrent load)."""
        if args.threads <= 1 or n < args.threads:
            worker(n, client)
            return
        threads = [threading.Thread(target=worker, args=(n // args.threads, client)) for _ in range(args.threads)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()

    with TestClient(app) as client:
        t0 = time.perf_counter()
        for k in range(args.warmup):
            run(1, client)
            if k + 1 in (1, 10, 50, 100) or (k + 1) % 100 == 0:
                print(f"  warm-up {k + 1}: rss {_rss_mb(os.getpid()):.1f} MB, strings {_strings(services)}", flush=True)
        gc.collect()
        print(f"warm-up {args.warmup} requests in {time.perf_counter() - t0:.0f} s: rss {_rss_mb(os.getpid()):.1f} MB, "
              f"strings {_strings(services)}", flush=True)
        if not args.no_trace:
            tracemalloc.start(args.frames)
        base = tracemalloc.take_snapshot() if not args.no_trace else None
        t0 = time.perf_counter()
        done = 0
        while done < args.requests:
            run(args.every, client)
            done += args.every
            gc.collect()
            traced = tracemalloc.get_traced_memory()[0] / 2**20 if not args.no_trace else 0
            print(f"+{done} ({time.perf_counter() - t0:.0f} s): rss {_rss_mb(os.getpid()):.1f} MB, traced {traced:.2f} MB, "
                  f"strings {_strings(services)}, codes {codes}", flush=True)
        if base is not None:
            snap = tracemalloc.take_snapshot()
            filters = [tracemalloc.Filter(False, tracemalloc.__file__)]
            stats = snap.filter_traces(filters).compare_to(base.filter_traces(filters), "traceback")
            print(f"\ntop growth over {done} requests after warm-up (by traceback):")
            for st in stats[: args.top]:
                print(f"\n{st.size_diff / 1024:+.1f} KiB, {st.count_diff:+d} blocks")
                for line in st.traceback.format()[-2 * args.frames:]:
                    print("   ", line)
    tmp.cleanup()


if __name__ == "__main__":
    main()

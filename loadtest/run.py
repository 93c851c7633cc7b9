"""`make load`: 50 concurrent chat sessions with the fake model provider for 2 minutes, mixed with
analytics questions and admin reads, against a server this script starts on 127.0.0.1.

Bounded: a fixed number of sessions, a fixed duration, a per-request timeout; the server is stopped
at the end. Reports requests/s, p50/p95/p99, errors, the server's resident memory over time
(sampled every 2 s; the first half of the run is warm-up, the Theil-Sen slope over the second half
is the steady-state verdict), and checks that the audit covers every AI request served
(distinct request ids == requests).

    .venv/bin/python -m loadtest.run --sessions 50 --duration 120 [--out loadtest/results.json]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

import httpx
from sqlalchemy import func, select

ROOT = Path(__file__).resolve().parent.parent
QUESTIONS = ["What did she ask for?", "What is the next step?", "Any blockers?", "summarize this lead",
             "When did we last talk to them?"]
ANALYTICS = ["conversion rate by branch this quarter", "revenue by branch last month",
             "number of leads by stage", "top 5 reps by revenue this year"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


RSS_EVERY_S = 2.0
RSS_SLOPE_LIMIT_MB_PER_MIN = 2.0  # steady state: the second half of the run may not grow faster


def _slope_per_min(points: list[tuple[float, float]]) -> float:
    """Theil-Sen slope of (seconds, MB) points in MB per minute: the median of the pairwise slopes, so
    a transient spike (a large request's buffers, returned to the OS a moment later) does not decide
    it. 0 for fewer than 3 points."""
    if len(points) < 3:
        return 0.0
    slopes = [(y2 - y1) / (x2 - x1) for i, (x1, y1) in enumerate(points) for x2, y2 in points[i + 1:] if x2 > x1]
    return 60 * statistics.median(slopes) if slopes else 0.0


def rss_summary(rss: list[tuple[float, float]], limit_mb_per_min: float = RSS_SLOPE_LIMIT_MB_PER_MIN) -> dict:
    """Warm-up (first half of the run: models, caches, pools and allocator arenas fill) vs steady
    state (second half: its robust slope decides). A leak keeps its slope; a warm-up flattens out."""
    if not rss:
        return {"samples": [], "verdict": "no samples"}
    end = rss[-1][0]
    quarters = [[r for t, r in rss if q * end / 4 <= t <= (q + 1) * end / 4] for q in range(4)]
    second = [p for p in rss if p[0] >= end / 2]
    slope = _slope_per_min(second)
    return {
        "samples": rss, "every_s": RSS_EVERY_S, "first": rss[0][1], "last": rss[-1][1],
        "max": max(r for _, r in rss),
        "median_by_quarter": [round(statistics.median(q), 1) if q else None for q in quarters],
        "steady_slope_mb_per_min": round(slope, 2),
        "steady_slope_limit_mb_per_min": limit_mb_per_min,
        "verdict": "stable" if slope <= limit_mb_per_min else "growing",
    }


def _pct(values: list[float], p: float) -> float:
    if not values:
        return 0.0
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def prepare(env: dict[str, str], scale: float):
    """Seed the demo CRM; return (factory, session specs) with tokens and visible leads."""
    from assistant.auth import issue_token
    from assistant.settings import Settings
    from connectors.crm.db import make_engine, make_session_factory, system_session
    from connectors.crm.demo import seed_demo
    from connectors.crm.models import Lead, Tenant, User
    from connectors.crm.schema import metadata

    settings = Settings(**{k[4:].lower(): v for k, v in env.items() if k.startswith("LUA_") and k[4:].lower()
                           in Settings.model_fields})
    engine = make_engine(settings.effective_database_url)
    metadata.create_all(engine)
    factory = make_session_factory(engine)
    seed_demo(factory, seed=settings.demo_seed, scale=scale)
    people = []
    with system_session(factory) as s:
        for tenant in s.scalars(select(Tenant).order_by(Tenant.id)):
            users = s.scalars(select(User).where(User.tenant_id == tenant.id, User.active.is_(True))
                              .order_by(User.id)).all()
            for u in users:
                leads = s.scalars(select(Lead.id).where(Lead.tenant_id == tenant.id, Lead.owner_id == u.id)
                                  .order_by(Lead.id).limit(3)).all()
                s.expunge(u)
                people.append({"role": u.role, "token": issue_token(settings=settings, tenant_slug=tenant.slug,
                                                                    user=u, ttl_seconds=3600),
                               "leads": list(leads), "tenant": tenant.slug})
    return factory, people


def audit_mark(factory) -> int:
    from connectors.crm.db import system_session
    from guardrails.audit.models import AuditRecord

    with system_session(factory) as s:
        return s.scalar(select(func.max(AuditRecord.id))) or 0


def audit_since(factory, mark: int) -> dict:
    """Records written after `mark`: by capability, and how many distinct requests they cover."""
    from connectors.crm.db import system_session
    from guardrails.audit.models import AuditRecord

    with system_session(factory) as s:
        rows = s.execute(select(AuditRecord.capability, func.count()).where(AuditRecord.id > mark)
                         .group_by(AuditRecord.capability)).all()
        requests = s.scalar(select(func.count(func.distinct(AuditRecord.request_id))).where(AuditRecord.id > mark))
    return {"records": sum(n for _, n in rows), "by_capability": {c: n for c, n in rows}, "requests": requests or 0}


async def session_loop(client: httpx.AsyncClient, person: dict, deadline: float, stats: dict, rng: random.Random) -> None:
    headers = {"Authorization": f"Bearer {person['token']}"}
    conversation = None
    turn = 0
    while time.monotonic() < deadline:
        roll = rng.random()
        if person["role"] == "admin" and roll < 0.5:
            kind, req = "admin_read", client.build_request(
                "GET", rng.choice(["/v1/admin/audit?limit=20", "/v1/admin/alerts"]), headers=headers)
        elif person["role"] in ("manager", "admin") and roll < 0.8:
            kind, req = "analytics", client.build_request(
                "POST", "/v1/analytics/ask", headers=headers, json={"question": rng.choice(ANALYTICS)})
        elif person["leads"]:
            body = {"message": rng.choice(QUESTIONS), "lead_id": rng.choice(person["leads"])}
            if conversation and turn % 5:
                body["conversation_id"] = conversation
            kind, req = "chat", client.build_request("POST", "/v1/chat", headers=headers, json=body)
        else:
            kind, req = "analytics", client.build_request(
                "POST", "/v1/analytics/ask", headers=headers, json={"question": rng.choice(ANALYTICS)})
        started = time.perf_counter()
        try:
            resp = await client.send(req)
            status = resp.status_code
            if kind == "chat" and status == 200:
                conversation = resp.json().get("conversation_id")
                turn += 1
        except httpx.HTTPError as exc:
            status = type(exc).__name__
        stats["lat"][kind].append(time.perf_counter() - started)
        ok = isinstance(status, int) and status < 500
        stats["timeline"][int((time.monotonic() - stats["t0"]) // 5) * 5][0 if ok else 1] += 1
        stats["status"][(kind, status)] += 1
        await asyncio.sleep(rng.uniform(0.0, 0.2))  # a person-like pause, not a think time


async def drive(base: str, people: list[dict], sessions: int, duration: float, pid: int, seed: int) -> dict:
    rng = random.Random(seed)
    # Every role takes part: chat sessions of reps, analytics of managers, admin reads of admins.
    by_role = defaultdict(list)
    for p in people:
        by_role[p["role"]].append(p)
    order = [p for group in zip(*[by_role[r] for r in ("sales_rep", "sales_rep", "manager", "sales_rep", "admin")])
             for p in group] or people
    chosen = [order[i % len(order)] for i in range(sessions)]
    t0 = time.monotonic()
    stats = {"lat": defaultdict(list), "status": Counter(), "timeline": defaultdict(lambda: [0, 0]), "t0": t0}
    rss: list[tuple[float, float]] = []
    deadline = time.monotonic() + duration

    async def sample() -> None:
        while time.monotonic() < deadline:
            rss.append((round(time.monotonic() - t0, 1), round(_rss_mb(pid), 1)))
            await asyncio.sleep(RSS_EVERY_S)

    limits = httpx.Limits(max_connections=sessions + 10, max_keepalive_connections=sessions + 10)
    async with httpx.AsyncClient(base_url=base, timeout=60, limits=limits) as client:
        await asyncio.gather(sample(), *(session_loop(client, p, deadline, stats, random.Random(rng.random()))
                                         for p in chosen))
    elapsed = time.monotonic() - t0
    rss.append((round(elapsed, 1), round(_rss_mb(pid), 1)))
    return {"stats": stats, "rss": rss, "elapsed": elapsed}


def wait_ready(base: str, proc: subprocess.Popen, timeout: float = 180) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if proc.poll() is not None:
            raise SystemExit(f"server exited with {proc.returncode}")
        try:
            if httpx.get(f"{base}/health", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    raise SystemExit("server did not start")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sessions", type=int, default=50)
    ap.add_argument("--duration", type=float, default=120.0)
    ap.add_argument("--scale", type=float, default=0.05)
    ap.add_argument("--database-url", default="", help="default: a SQLite file in a temporary directory")
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--pg-url", default="", help="run on PostgreSQL: a fresh schema of this database, dropped after")
    ap.add_argument("--outage-at", type=float, default=0.0, help="cut the server off PostgreSQL after S seconds")
    ap.add_argument("--outage-for", type=float, default=10.0)
    ap.add_argument("--out", default="")
    ap.add_argument("--malloc-arena-max", default=os.environ.get("MALLOC_ARENA_MAX", "2"),
                    help="glibc MALLOC_ARENA_MAX for the server (default 2, as deployed; 0 = glibc's default "
                         "of 8 per core, whose per-thread arenas fragment and creep under 40 worker threads)")
    args = ap.parse_args()
    if not (1 <= args.sessions <= 200 and 1 <= args.duration <= 900):
        raise SystemExit("sessions 1..200 and duration 1..900 s")
    if args.outage_at and not args.pg_url:
        raise SystemExit("--outage-at needs --pg-url")
    tmp = tempfile.TemporaryDirectory(prefix="lua-load-")
    port = _free_port()
    proxy, schema, db_url = None, None, args.database_url or f"sqlite:///{tmp.name}/lua.sqlite3"
    server_url = db_url
    if args.pg_url:
        from loadtest.tcpproxy import TcpProxy

        schema, db_url = _pg_schema(args.pg_url)
        proxy = TcpProxy(target=_host_port(args.pg_url))
        proxy.start()  # the server reaches PostgreSQL through it; stopping it is the outage
        server_url = db_url.replace(":".join(map(str, _host_port(args.pg_url))), f"127.0.0.1:{proxy.port}", 1)
    env = {**os.environ, "LUA_ENVIRONMENT": "test", "LUA_LLM_PROVIDER": "fake", "LUA_DATA_DIR": tmp.name,
           "LUA_DATABASE_URL": db_url,
           # Budgets sized for the load run (50 sessions of two tenants, any machine speed); the walls
           # stay on and are exercised on every request.
           "LUA_RATE_USER_PER_MINUTE": "10000", "LUA_RATE_TENANT_PER_MINUTE": "100000",
           "LUA_RATE_TENANT_CONCURRENCY": "64",
           "LUA_RETENTION_INTERVAL_MINUTES": "0", "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1",
           "TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS": " "}
    if args.malloc_arena_max not in ("", "0"):
        env["MALLOC_ARENA_MAX"] = str(int(args.malloc_arena_max))
    else:
        env.pop("MALLOC_ARENA_MAX", None)
    factory, people = prepare(env, args.scale)
    env["LUA_DATABASE_URL"] = server_url
    proc = subprocess.Popen([sys.executable, "-m", "loadtest.server", "--port", str(port)], cwd=ROOT, env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_ready(base, proc)
        # Warm the lazy parts (redactor models) so that start-up is not measured as latency.
        warm = next(p for p in people if p["leads"])
        httpx.post(f"{base}/v1/chat", json={"message": "hello", "lead_id": warm["leads"][0]},
                   headers={"Authorization": f"Bearer {warm['token']}"}, timeout=120)
        mark = audit_mark(factory)
        outage = _schedule_outage(proxy, args.outage_at, args.outage_for) if args.outage_at else None
        result = asyncio.run(drive(base, people, args.sessions, args.duration, proc.pid, args.seed))
        if outage:
            outage.join()
        time.sleep(2)  # let the spool drain behind the last requests
        httpx.get(f"{base}/health", timeout=10)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
    written = audit_since(factory, mark)
    report = summarize(result, written, args)
    if args.outage_at:
        report["fault"] = {"postgres_cut_at_s": args.outage_at, "for_s": args.outage_for,
                           "spool_left": _spool_left(Path(tmp.name) / "audit.spool")}
    if proxy:
        proxy.stop()
        _drop_schema(args.pg_url, schema)
    text = json.dumps(report, indent=2)
    sys.stdout.write(text + "\n")
    if args.out:
        Path(args.out).write_text(text + "\n")
    tmp.cleanup()
    m = report["rss_mb"]
    sys.stderr.write(f"rss: {m.get('first')} -> {m.get('last')} MB, median by quarter {m.get('median_by_quarter')}, "
                     f"steady {m.get('steady_slope_mb_per_min')} MB/min (limit {m.get('steady_slope_limit_mb_per_min')}): "
                     f"{m['verdict']}\n")
    if (report["errors"] or not report["audit"]["exact"]) and not args.outage_at or not report["audit"]["match"]:
        raise SystemExit(1)


def _host_port(url: str) -> tuple[str, int]:
    from sqlalchemy.engine import make_url

    u = make_url(url)
    return (u.host or "127.0.0.1", u.port or 5432)


def _pg_schema(url: str) -> tuple[str, str]:
    from sqlalchemy import create_engine, text

    schema = f"load_{os.getpid()}_{int(time.time())}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    admin.dispose()
    sep = "&" if "?" in url else "?"
    return schema, f"{url}{sep}options=-csearch_path%3D{schema}"


def _drop_schema(url: str, schema: str) -> None:
    from sqlalchemy import create_engine, text

    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


def _schedule_outage(proxy, at: float, duration: float):
    import threading

    def run() -> None:
        time.sleep(at)
        proxy.stop()
        time.sleep(duration)
        proxy.start()

    t = threading.Thread(target=run, daemon=True)
    t.start()
    return t


def _spool_left(path: Path) -> int:
    return len(path.read_text().splitlines()) if path.exists() else 0


def summarize(result: dict, written: dict, args) -> dict:
    stats = result["stats"]
    all_lat = [x for v in stats["lat"].values() for x in v]
    total = sum(stats["status"].values())
    errors = {f"{k}:{s}": n for (k, s), n in stats["status"].items() if not (isinstance(s, int) and s < 500)}
    # Every AI request the app answered (refusals included) leaves at least one record; requests that
    # failed with a 5xx (e.g. the database gone while authenticating) may have none.
    ai_served = sum(n for (k, s), n in stats["status"].items()
                    if k in ("chat", "analytics") and isinstance(s, int) and s < 500)
    rss = result["rss"]
    return {
        "machine": f"{os.uname().nodename} {os.uname().machine}, {os.cpu_count()} cores",
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        # Other work on the machine skews every figure: the 1-minute load average at the end of the run.
        "load_average_1m": round(os.getloadavg()[0], 2),
        "command": f"python -m loadtest.run --sessions {args.sessions} --duration {args.duration:g} --scale {args.scale}"
                   f" --malloc-arena-max {args.malloc_arena_max or 0}",
        "sessions": args.sessions, "seconds": round(result["elapsed"], 1), "requests": total,
        "requests_per_s": round(total / result["elapsed"], 2),
        "latency_ms": {"p50": round(_pct(all_lat, 50) * 1000, 1), "p95": round(_pct(all_lat, 95) * 1000, 1),
                       "p99": round(_pct(all_lat, 99) * 1000, 1)},
        "by_kind": {k: {"n": len(v), "p50_ms": round(_pct(v, 50) * 1000, 1), "p95_ms": round(_pct(v, 95) * 1000, 1)}
                    for k, v in stats["lat"].items()},
        "status": {f"{k}:{s}": n for (k, s), n in sorted(stats["status"].items(), key=str)},
        "errors": errors,
        "rss_mb": rss_summary(rss),
        # One AI request served = one audit record (a chat turn writes one `chat` record, with the
        # capability it was routed to). `match`: every request served is in the audit; `exact`: and
        # nothing else (with a database outage, requests that failed after reaching their capability
        # are audited too, so only `match` is required then).
        "audit": {**written, "ai_requests_served": ai_served, "match": written["requests"] >= ai_served,
                  "exact": written["records"] == written["requests"] == ai_served},
        "timeline_ok_failed_per_5s": {t: v for t, v in sorted(stats["timeline"].items())},
    }


if __name__ == "__main__":
    main()

"""Benchmark: parse + compile + execute latency of parser-answered analytics questions.

Uses the eval's cached demo database (seeded once, scale 1.0) and prints JSON with p50/p95 in ms,
per stage and end to end (the capability's `ask`, audit to a recording sink).

    .venv/bin/python -m benchmarks.bench_analytics [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from typing import Any

QUESTIONS = (
    "conversion rate by branch this quarter", "أفضل ٥ مندوبين حسب الإيرادات في الرياض الشهر الماضي",
    "win rate by month this year", "revenue by rep last year", "activities by channel in the last 90 days",
    "عدد العملاء المحتملين حسب المصدر هذا الربع", "pipeline value by stage", "متوسط حجم الصفقة حسب الفرع",
    "sales cycle length by branch in 2025", "transaction volume by month last year", "wallet balance by branch",
    "won deals by week last quarter",
)


def _pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return round(values[min(len(values) - 1, int(round(q * (len(values) - 1))))], 2)


def run(repeat: int = 3) -> dict[str, Any]:
    from assistant.analytics.compiler import CompileContext, compile_metric
    from assistant.analytics.parser import parse
    from assistant.analytics.runner import run as execute
    from assistant.analytics.service import AnalyticsConfig, ask, tenant_info
    from assistant.analytics.timerange import resolve
    from assistant.analytics.validate import default_scope, visibility
    from evals.analytics.dataset import NOW
    from evals.analytics.run import CACHE, build_services, principals, seeded_db
    from datetime import datetime
    import sqlite3

    url = seeded_db(CACHE / "demo.sqlite3")
    services, _ = build_services(url, "off")
    admin = principals(sqlite3.connect(url.removeprefix("sqlite:///")))["admin"]
    now = datetime.fromisoformat(NOW)
    info = tenant_info(services.factory, admin.tenant_id)
    vis = visibility(admin, default_scope(admin))
    stages: dict[str, list[float]] = {"parse": [], "compile": [], "execute": [], "parse_compile_execute": [], "ask": []}
    for _ in range(repeat):
        for q in QUESTIONS:
            t0 = time.perf_counter()
            plan = parse(q, vocab=info.vocab).plan
            t1 = time.perf_counter()
            period = resolve(plan.time_range, now=now, tz=info.timezone)
            start, end = period.bounds_utc(info.timezone)
            ctx = CompileContext(tenant_id=admin.tenant_id, dialect=services.engine.dialect.name, tz=info.timezone,
                                 start=start, end=end, branch_filter=None, visibility=vis)
            compiled = [compile_metric(m, plan, ctx) for m in plan.metrics]
            t2 = time.perf_counter()
            execute(services.factory, tenant_id=admin.tenant_id, compiled=compiled)
            t3 = time.perf_counter()
            ask(services=services, principal=admin, question=q, request_id="bench", now=now,
                config=AnalyticsConfig(use_model=False))
            t4 = time.perf_counter()
            for key, ms in (("parse", t1 - t0), ("compile", t2 - t1), ("execute", t3 - t2),
                            ("parse_compile_execute", t3 - t0), ("ask", t4 - t3)):
                stages[key].append(ms * 1000)
    return {"benchmark": "analytics", "database": "sqlite (demo, scale 1.0)", "questions": len(QUESTIONS),
            "repeat": repeat, **{k: {"p50_ms": _pct(v, 0.5), "p95_ms": _pct(v, 0.95),
                                     "mean_ms": round(statistics.fmean(v), 2)} for k, v in stages.items()}}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    a = ap.parse_args(argv)
    print(json.dumps(run(a.repeat), indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())

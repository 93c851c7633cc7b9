"""Analytics eval: exact answers per language and split, refusals/clarifications, leaks, latency.

Seeds the deterministic demo (`seed_demo(seed=20261127, scale=1.0)`) once into a cached SQLite file,
asks every question of `dataset.py` through `assistant.analytics.service.ask` as its principal with
the demo's fixed "now", and compares the answer table with the gold rows of `reference.py`.
Model-answered questions use the local model when its GGUF exists (`--model auto`), else they are
skipped and the figures are parser-only (said in the output).

    .venv/bin/python -m evals.analytics.run [--json] [--split dev|heldout|all] [--model auto|off|fake]
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import sys
import time
import uuid
from collections import defaultdict
from datetime import datetime
from pathlib import Path
from typing import Any

from evals.analytics.dataset import NOW, Case, cases
from evals.analytics.reference import gold_rows

ROOT = Path(__file__).resolve().parents[2]
CACHE = Path(__file__).resolve().parent / ".cache"
GGUF = ROOT / "data" / "models" / "qwen2.5-coder-1.5b-instruct-q4_k_m.gguf"
SEED, K = 20261127, 5


def seeded_db(path: Path) -> str:
    """The seeded demo database, built once and reused (seeding takes several seconds)."""
    from connectors.crm.db import make_engine, make_session_factory
    from connectors.crm.demo import seed_demo
    from connectors.crm.schema import metadata

    path.parent.mkdir(parents=True, exist_ok=True)
    url = f"sqlite:///{path}"
    ready = path.with_suffix(".ready")
    if not ready.exists():
        path.unlink(missing_ok=True)
        engine = make_engine(url)
        metadata.create_all(engine)
        seed_demo(make_session_factory(engine), seed=SEED, scale=1.0)
        engine.dispose()
        ready.write_text(str(SEED))
    return url


def principals(conn: sqlite3.Connection) -> dict[str, Any]:
    from guardrails.principal import Principal

    out = {}
    tenants = dict(conn.execute("SELECT slug, id FROM tenants"))
    for slug, key in (("demo-sales", "admin"), ("demo-clinic", "clinic-admin")):
        uid = conn.execute("SELECT id FROM users WHERE tenant_id = ? AND role = 'admin' ORDER BY id", (tenants[slug],)).fetchone()[0]
        out[key] = Principal(tenants[slug], slug, uid, "admin", frozenset(), "en")
    for name, bid in conn.execute("SELECT name, id FROM branches WHERE tenant_id = ?", (tenants["demo-sales"],)):
        for role, key in (("manager", f"manager:{name}"), ("sales_rep", f"rep:{name}")):
            uid = conn.execute("SELECT id FROM users WHERE branch_id = ? AND role = ? ORDER BY id", (bid, role)).fetchone()[0]
            out[key] = Principal(tenants["demo-sales"], "demo-sales", uid, role, frozenset({bid}), "en")
    return out


def build_services(url: str, model: str) -> tuple[Any, bool]:
    from assistant.services import Services
    from connectors.crm.db import make_engine, make_session_factory
    from guardrails.audit import RecordingAuditSink
    from tests.fixtures import make_settings

    use_model = model == "fake" or (model == "auto" and GGUF.exists())
    tmp = CACHE / "run"
    tmp.mkdir(parents=True, exist_ok=True)
    settings = make_settings(tmp, database_url=url, llm_provider="local" if model == "auto" else "fake",
                             llm_model_path=GGUF, llm_max_tokens=160, llm_retry_attempts=1, llm_timeout_s=150)
    engine = make_engine(url)
    return Services(settings=settings, engine=engine, factory=make_session_factory(engine),
                    audit=RecordingAuditSink()), use_model


def _close(a: Any, b: Any) -> bool:
    if a is None or b is None:
        return a is None and b is None
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return abs(float(a) - float(b)) <= 0.011 + 1e-9 * abs(float(b))
    return str(a) == str(b)


def compare(answer: Any, dims: list[str], gold: list[tuple]) -> bool:
    if answer.kind != "answer" or answer.columns[: len(dims)] != dims:
        return False
    got = {tuple(str(v) for v in row[:-1]): row[-1] for row in answer.rows}
    want = {tuple(str(v) for v in row[:-1]): row[-1] for row in gold}
    return got.keys() == want.keys() and all(_close(got[k], want[k]) for k in want)


def leaked(answer: Any, case: Case, p: Any, conn: sqlite3.Connection, allowed_rows: list[tuple], all_rows: list[tuple]) -> bool:
    """A scoped manager's answer holding another branch's rows (by label, or by an unscoped total)."""
    if answer.kind != "answer" or p.role == "admin":
        return False
    bid = next(iter(p.branch_ids))
    branch_names = {r[0] for r in conn.execute("SELECT name FROM branches WHERE id = ?", (bid,))}
    owners = {r[0] for r in conn.execute("SELECT full_name FROM users WHERE branch_id = ?", (bid,))} | {"(unassigned)"}
    for row in answer.rows:
        for col, v in zip(answer.columns, row):
            if (col == "branch" and v not in branch_names) or (col == "owner" and v not in owners):
                return True
    return bool(all_rows) and all_rows != allowed_rows and compare(answer, list(answer.columns[:-1]), all_rows) \
        and not compare(answer, list(answer.columns[:-1]), allowed_rows)


def pct(values: list[float], q: float) -> float | None:
    if not values:
        return None
    values = sorted(values)
    return round(values[min(len(values) - 1, int(round(q * (len(values) - 1))))], 1)


def evaluate(split: str = "all", model: str = "auto", verbose: int = 0) -> dict[str, Any]:
    from assistant.analytics.service import AnalyticsConfig, ask

    url = seeded_db(CACHE / "demo.sqlite3")
    services, use_model = build_services(url, model)
    conn = sqlite3.connect(url.removeprefix("sqlite:///"))
    who = principals(conn)
    now = datetime.fromisoformat(NOW)
    config = AnalyticsConfig(use_model=use_model, k_min_group=K)
    stats: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    latency: dict[str, list[float]] = defaultdict(list)
    misses: list[dict[str, Any]] = []
    leaks = 0
    todo = [c for c in cases(include_model=use_model) if split == "all" or c.split in (split, "model")]
    for case in todo:
        p = who[case.who]
        t0 = time.perf_counter()
        answer = ask(services=services, principal=p, question=case.question, request_id=uuid.uuid4().hex,
                     now=now, config=config)
        ms = (time.perf_counter() - t0) * 1000
        latency[answer.source or "parser"].append(ms)
        key = f"{case.split}/{case.lang}"
        if case.expect == "answer":
            assert case.gold is not None
            tenant_id = p.tenant_id
            vis_branches = None if p.role == "admin" else sorted(p.branch_ids)
            owner = p.user_id if p.role == "sales_rep" else None
            k = K if case.gold.tenant == "demo-clinic" else None
            dims, gold = gold_rows(conn, case.gold, tenant_id=tenant_id, branch_ids=vis_branches, owner_id=owner, k=k)
            ok = compare(answer, dims, gold)
            stats[key]["answers"] += 1
            stats[key]["exact"] += ok
            if p.role != "admin":
                _, unscoped = gold_rows(conn, case.gold, tenant_id=tenant_id, k=k)
                if leaked(answer, case, p, conn, gold, unscoped):
                    leaks += 1
                    misses.append({"id": case.id, "leak": True, "q": case.question})
            if not ok:
                misses.append({"id": case.id, "q": case.question, "who": case.who, "kind": answer.kind,
                               "reason": answer.reason, "plan": answer.plan, "got": answer.rows[:5], "want": gold[:5]})
        else:
            ok = answer.kind == case.expect and (answer.reason in case.reasons)
            stats[key]["refusal_cases"] += 1
            stats[key]["refusal_ok"] += ok
            if not ok:
                misses.append({"id": case.id, "q": case.question[:120], "who": case.who, "kind": answer.kind,
                               "reason": answer.reason, "want": [case.expect, *case.reasons]})
    report: dict[str, Any] = {"questions": len(todo), "model": ("local " + GGUF.name) if use_model and model == "auto"
                              else ("fake" if use_model else "none (parser-only figures)"), "groups": {}}
    for key, s in sorted(stats.items()):
        report["groups"][key] = {
            "answers": s["answers"], "exact_rate": round(s["exact"] / s["answers"], 3) if s["answers"] else None,
            "refusal_cases": s["refusal_cases"],
            "refusal_rate": round(s["refusal_ok"] / s["refusal_cases"], 3) if s["refusal_cases"] else None}
    report["leaks"] = leaks
    report["latency_ms"] = {src: {"n": len(v), "p50": pct(v, 0.5), "p95": pct(v, 0.95)} for src, v in latency.items()}
    report["misses"] = misses if verbose else len(misses)
    return report


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Analytics eval")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--split", choices=("dev", "heldout", "fresh", "blind", "model", "all"), default="all")
    ap.add_argument("--model", choices=("auto", "off", "fake"), default="auto",
                    help="auto: the local GGUF if present; off: parser only")
    ap.add_argument("--errors", action="store_true", help="list every miss")
    ap.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    a = ap.parse_args(argv)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS", " ")
    report = evaluate(a.split, a.model, verbose=1 if a.errors else 0)
    if a.json:
        print(json.dumps(report, ensure_ascii=False, indent=1))
    else:
        print(f"analytics eval: {report['questions']} questions; model: {report['model']}")
        for key, g in report["groups"].items():
            print(f"  {key:12s} exact {g['exact_rate']} of {g['answers']}; refusals/clarifications "
                  f"{g['refusal_rate']} of {g['refusal_cases']}")
        print(f"  leaks: {report['leaks']}")
        for src, lat in report["latency_ms"].items():
            print(f"  latency {src}: n={lat['n']} p50={lat['p50']} ms p95={lat['p95']} ms")
        if a.errors:
            for m in report["misses"]:
                print("  MISS", json.dumps(m, ensure_ascii=False, default=str)[:600])
    failed = report["leaks"] > 0
    if a.strict:
        failed |= any((g["exact_rate"] is not None and g["exact_rate"] < 0.95) or
                      (g["refusal_rate"] is not None and g["refusal_rate"] < 0.95) for g in report["groups"].values())
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

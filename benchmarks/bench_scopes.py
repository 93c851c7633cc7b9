"""Benchmark of ScopeEngine.decide(): p50/p95 with a realistic scope, version check included.

Each call opens a tenant-scoped session on SQLite, reads the tenant's current version number
(the per-request check that makes changes apply on the next request), and decides from the
compiled (tenant, version) cache. Prints JSON.
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
import time
from pathlib import Path


def _pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def _stats(samples: list[float]) -> dict[str, float]:
    return {"p50_ms": round(_pct(samples, 0.50), 4), "p95_ms": round(_pct(samples, 0.95), 4),
            "p99_ms": round(_pct(samples, 0.99), 4), "mean_ms": round(statistics.fmean(samples), 4)}


def run(*, iterations: int = 3000, url: str | None = None) -> dict:
    from connectors.crm.db import make_engine, make_session_factory, system_session
    from connectors.crm.models import Branch, Tenant, User
    from connectors.crm.schema import metadata
    from guardrails.principal import Principal
    from guardrails.scopes import ScopeEngine, Task
    from guardrails.scopes import store
    from guardrails.scopes.defaults import default_document
    from guardrails.scopes.policy import compile_document, decide_compiled

    tmp = Path(tempfile.mkdtemp(prefix="bench-scopes-"))
    engine = make_engine(url or f"sqlite:///{tmp / 'bench.sqlite3'}")
    metadata.create_all(engine)
    factory = make_session_factory(engine)
    with system_session(factory) as s:
        tenants = []
        for i in range(20):  # several tenants with history, as in a shared deployment
            t = Tenant(slug=f"bench-{i}", name=f"Bench {i}", kind="clinic" if i % 2 else "sales")
            s.add(t)
            s.flush()
            b = Branch(tenant_id=t.id, name="Main", city="Tallinn", country="EE")
            s.add(b)
            s.flush()
            u = User(tenant_id=t.id, email=f"rep{i}@example.test", full_name="Bench Rep", role="sales_rep",
                     branch_id=b.id)
            s.add(u)
            s.flush()
            tenants.append((t.id, b.id, u.id))
    tid, bid, uid = tenants[0]
    doc = default_document("sales")
    with system_session(factory) as s:
        for t, _b, author in tenants:
            for _ in range(10):  # ten versions each: the MAX must use the index
                store.save(s, tenant_id=t, document=doc, author_user_id=author)
    principal = Principal(tenant_id=tid, tenant_slug="bench-0", user_id=uid, role="sales_rep",
                          branch_ids=frozenset({bid}))
    task = Task("message_draft", lead_id=1, channel="whatsapp", fields=("contact.first_name", "contact.phone"))
    refused = Task("analytics", metrics=("revenue",))
    scopes = ScopeEngine(factory)
    for _ in range(200):  # warm up: compile, statement cache, connection pool
        scopes.decide(principal, task)

    def timed(fn, n):
        out = []
        for _ in range(n):
            t0 = time.perf_counter()
            fn()
            out.append((time.perf_counter() - t0) * 1000.0)
        return out

    allowed = timed(lambda: scopes.decide(principal, task), iterations)
    denied = timed(lambda: scopes.decide(principal, refused), iterations)
    # With a restricted-subjects hook (a stand-in query of the shape issue 7 provides).
    from sqlalchemy import select as _select

    from connectors.crm.models import Contact

    def restricted(session, tenant_id):
        return session.scalars(_select(Contact.id).where(Contact.id < 0)).all()

    hooked = ScopeEngine(factory, restricted_contact_ids=restricted)
    for _ in range(200):
        hooked.decide(principal, task)
    with_hook = timed(lambda: hooked.decide(principal, task), iterations)
    compiled = compile_document(doc, tenant_id=tid, version=10)
    pure = timed(lambda: decide_compiled(compiled, principal, task), iterations)
    with factory() as s:
        check = timed(lambda: store.current_version(s, tid), iterations)
    # A change applies on the next request: save, then the first decide recompiles.
    with system_session(factory) as s:
        store.save(s, tenant_id=tid, document=doc, author_user_id=uid)
    t0 = time.perf_counter()
    decision, _ = scopes.decide(principal, task)
    first_after_change = (time.perf_counter() - t0) * 1000.0
    dialect = engine.dialect.name
    engine.dispose()
    return {
        "benchmark": "scopes.decide",
        "database": dialect,
        "iterations": iterations,
        "decide_allowed": _stats(allowed),
        "decide_refused": _stats(denied),
        "decide_allowed_with_subjects_hook": _stats(with_hook),
        "decide_pure_no_db": _stats(pure),
        "version_check_only": _stats(check),
        "first_decide_after_change_ms": round(first_after_change, 4),
        "version_after_change": decision.scope_version,
        "target_p95_ms": 1.0,
        "meets_target": _pct(allowed, 0.95) <= 1.0,
    }


def _pg_schema(url: str):
    """A throwaway schema on PostgreSQL, so the benchmark never touches existing tables."""
    import uuid

    from sqlalchemy import create_engine, text

    schema = f"bench_scopes_{uuid.uuid4().hex[:10]}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    sep = "&" if "?" in url else "?"

    def drop() -> None:
        with admin.connect() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()

    return f"{url}{sep}options=-csearch_path%3D{schema}", drop


def main(argv: list[str] | None = None) -> None:
    """`python -m benchmarks.bench_scopes [postgresql+psycopg://...]` (default: a temporary SQLite file)."""
    argv = sys.argv[1:] if argv is None else argv
    url, cleanup = (argv[0], None) if argv else (None, None)
    if url and url.startswith("postgresql"):
        url, cleanup = _pg_schema(url)
    try:
        print(json.dumps(run(url=url), indent=2))
    finally:
        if cleanup:
            cleanup()


if __name__ == "__main__":
    main()

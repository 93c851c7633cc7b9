"""Several processes appending to one tenant's chain on PostgreSQL: one linear chain, nothing lost.

Each test starts 4 processes (each with its own engine and pool, as separate service workers would
have) on a barrier; each writes N records to the same new tenant through `SqlAuditSink`. Afterwards
the chain verifies, holds seq 1..4N without gaps or forks, and every request id appears exactly once.
A control run removes the head lock from `audit_append` and must fail the same checks.
"""

from __future__ import annotations

import multiprocessing as mp
import uuid

import pytest
from sqlalchemy import text

from connectors.crm.db import make_engine, make_session_factory
from connectors.crm.schema import metadata
from guardrails.audit import AuditEvent, SqlAuditSink, verify_chain
from guardrails.audit.pg_append import CREATE_FUNCTION

TENANT = 4242
WORKERS = 4
WRITES = 25
# Widens the window between reading the head and moving it, so writers overlap on every run.
DELAY = "PERFORM pg_sleep(0.002);"


def _writer(url: str, single_statement: bool, worker: int, barrier, results) -> None:
    engine = make_engine(url)
    sink = SqlAuditSink(make_session_factory(engine), single_statement=single_statement)
    written, errors = [], []
    barrier.wait()
    for i in range(WRITES):
        rid = f"w{worker}-{i}-{uuid.uuid4().hex[:8]}"
        try:
            sink.write(AuditEvent(tenant_id=TENANT, capability="chat", outcome="ok", request_id=rid,
                                  user_id=worker, record_refs=(f"lead:{i}", f"contact:{worker}")))
            written.append(rid)
        except Exception as exc:  # collected: the parent asserts on them
            errors.append(type(exc).__name__)
    engine.dispose()
    results.put((written, errors))


def _run(url: str, *, single_statement: bool) -> tuple[list[str], list[str]]:
    ctx = mp.get_context("spawn")
    barrier, results = ctx.Barrier(WORKERS), ctx.Queue()
    procs = [ctx.Process(target=_writer, args=(url, single_statement, w, barrier, results)) for w in range(WORKERS)]
    for p in procs:
        p.start()
    out = [results.get(timeout=120) for _ in procs]
    for p in procs:
        p.join(timeout=30)
        assert p.exitcode == 0
    return [r for w, _ in out for r in w], [e for _, e in out for e in e]


def _chain_problems(factory, written: list[str], errors: list[str]) -> list[str]:
    """Everything that would make the chain wrong; empty when it is one complete, linear chain."""
    problems = [f"writer error {e}" for e in errors]
    with factory() as s:
        report = verify_chain(s, TENANT)
        if not report.ok:
            problems.append(f"verify: {report.problem} at {report.first_broken_seq}")
        rows = s.execute(text("SELECT seq, request_id FROM audit_records WHERE tenant_id = :t ORDER BY seq"),
                         {"t": TENANT}).all()
        head = s.execute(text("SELECT seq FROM audit_heads WHERE tenant_id = :t"), {"t": TENANT}).scalar()
    seqs = [r.seq for r in rows]
    if seqs != list(range(1, WORKERS * WRITES + 1)):
        problems.append(f"seqs are not 1..{WORKERS * WRITES}")
    if sorted(r.request_id for r in rows) != sorted(written) or len(written) != WORKERS * WRITES:
        problems.append("records lost or duplicated")
    if head != WORKERS * WRITES:
        problems.append(f"head at {head}")
    return problems


@pytest.fixture
def pg(pg_schema_url):
    url, _schema = pg_schema_url
    engine = make_engine(url)
    metadata.create_all(engine)  # installs audit_append too
    yield url, engine, make_session_factory(engine)
    engine.dispose()


@pytest.mark.parametrize("single_statement", [True, False], ids=["audit_append", "multi_statement"])
def test_processes_writing_one_tenant_keep_one_chain(pg, single_statement):
    url, _engine, factory = pg
    written, errors = _run(url, single_statement=single_statement)
    assert _chain_problems(factory, written, errors) == []


def _replace_function(engine, *, lock: bool) -> None:
    """`audit_append` with a pause after reading the head, with or without the head row lock."""
    sql = CREATE_FUNCTION.replace("  o_seq := o_seq + 1;", f"  {DELAY}\n  o_seq := o_seq + 1;", 1)
    assert sql != CREATE_FUNCTION
    if not lock:
        sql = sql.replace(" FOR UPDATE;", ";")
        assert "FOR UPDATE" not in sql
    with engine.begin() as conn:
        conn.exec_driver_sql(sql)


@pytest.mark.parametrize("lock", [True, False], ids=["locked", "lock_removed"])
def test_the_head_lock_is_what_keeps_the_chain_linear(pg, lock):
    """Same forced overlap both ways: with the lock the chain is whole, without it the checks fail."""
    url, engine, factory = pg
    _replace_function(engine, lock=lock)
    written, errors = _run(url, single_statement=True)
    problems = _chain_problems(factory, written, errors)
    if lock:
        assert problems == []
    else:
        assert problems, "writers that do not lock the head must collide"
        # The unique (tenant_id, seq) constraint turns a would-be fork into a failed write, never a fork.
        with factory() as s:
            assert verify_chain(s, TENANT).ok

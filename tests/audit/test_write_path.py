"""The audit write path: the one-round-trip PostgreSQL append, its fallback, and the payload it hashes."""

from __future__ import annotations

import dataclasses
from datetime import datetime, timezone

import pytest
from sqlalchemy import event, select, text

from connectors.crm.db import make_engine, make_session_factory
from connectors.crm.schema import metadata
from guardrails.audit import AuditEvent, SqlAuditSink, verify_chain
from guardrails.audit.chain import link_hash
from guardrails.audit.models import AuditRecord
from guardrails.audit.refs import commit, committed


def _event(i: int, **kw) -> AuditEvent:
    base = dict(tenant_id=5, capability="lead_summary", outcome="ok", user_id=3, role="sales_rep",
                scope_version=2, record_refs=(f"lead:{i}", "contact:7"), fields_sent=("contact.first_name",),
                redaction_counts={"PHONE": 1, "EMAIL": 2}, provider="local", model="m", region="eu",
                no_training=True, params_sent={"temperature": 0.2, "stop": ["\n"], "nested": {"a": [1, 2]}},
                tokens_in=10, tokens_out=4, latency_ms=12.34567, receipt_id=f"rcpt_{i}",
                occurred_at=datetime(2026, 11, 1, 12, 0, i, tzinfo=timezone.utc))
    base.update(kw)
    return AuditEvent(**base)


def test_payload_is_what_asdict_gave():
    ev = _event(1, reason="policy.x")
    expected = dataclasses.asdict(ev)
    expected.update(occurred_at=ev.occurred_at.isoformat(), record_refs=list(ev.record_refs),
                    fields_sent=list(ev.fields_sent), redaction_counts={"EMAIL": 2, "PHONE": 1}, latency_ms=12.346)
    payload = ev.payload()
    assert payload == expected
    payload["params_sent"]["nested"]["a"].append(3)  # a copy: the event is not changed through it
    assert ev.params_sent["nested"]["a"] == [1, 2]


def test_commitments_use_fresh_keys_and_verify():
    refs = ["lead:1", "contact:7", "lead:1"]
    keys, commitments = committed(refs)
    assert len(set(keys)) == 3 and all(len(k) == 32 for k in keys)
    assert commitments == [commit(r, k) for r, k in zip(refs, keys)]
    assert committed([]) == ([], [])


@pytest.fixture
def pg(pg_schema_url):
    url, _schema = pg_schema_url
    engine = make_engine(url)
    metadata.create_all(engine)
    yield engine, make_session_factory(engine)
    engine.dispose()


def _statements(engine) -> list[str]:
    seen: list[str] = []
    event.listen(engine, "before_cursor_execute", lambda _c, _cur, stmt, *_a: seen.append(stmt))
    return seen


def test_postgres_appends_in_one_statement_and_the_chain_verifies(pg):
    engine, factory = pg
    sink = SqlAuditSink(factory)
    seen = _statements(engine)
    sink.write(_event(1, record_refs=()))  # a tenant's first record creates its head
    for i in range(2, 8):
        sink.write(_event(i, params_sent={"q": "é ü 中文 \\ \" \u2028"}))
    assert len(seen) == 7 and all("audit_append(" in s for s in seen)
    with factory() as s:
        report = verify_chain(s, 5)
        rows = s.execute(select(AuditRecord.seq, AuditRecord.prev_hash, AuditRecord.hash, AuditRecord.payload)
                         .where(AuditRecord.tenant_id == 5).order_by(AuditRecord.seq)).all()
        refs = s.execute(text("SELECT seq, pos, ref FROM audit_refs WHERE tenant_id = 5 ORDER BY seq, pos")).all()
    assert report.ok and report.records == 7
    # The database computed each digest; Python's link_hash agrees on every one.
    for r in rows:
        assert r.hash == link_hash(prev_hash=r.prev_hash, tenant_id=5, seq=r.seq, payload=r.payload)
    assert [(r.seq, r.pos, r.ref) for r in refs][:2] == [(2, 0, "lead:2"), (2, 1, "contact:7")]
    assert len(refs) == 12


def test_tampering_after_a_one_statement_append_is_named(pg):
    engine, factory = pg
    sink = SqlAuditSink(factory)
    for i in range(1, 5):
        sink.write(_event(i))
    with engine.begin() as conn:
        conn.execute(text("UPDATE audit_records SET payload = CAST(:p AS json) WHERE tenant_id = 5 AND seq = 3"),
                     {"p": '{"tampered": true}'})
    with factory() as s:
        report = verify_chain(s, 5)
    assert not report.ok and report.first_broken_seq == 3


def test_without_the_function_the_sink_falls_back_and_the_chain_continues(pg):
    """A schema older than migration 0003: the same chain, written with the multi-statement path."""
    engine, factory = pg
    sink = SqlAuditSink(factory)
    sink.write(_event(1))
    with engine.begin() as conn:
        conn.exec_driver_sql("DROP FUNCTION audit_append")
    seen = _statements(engine)
    for i in range(2, 5):
        sink.write(_event(i))
    assert not any("audit_append(" in s for s in seen[1:])  # tried once, then not again
    with factory() as s:
        report = verify_chain(s, 5)
    assert report.ok and report.records == 4


def test_other_failures_do_not_switch_paths(pg):
    engine, factory = pg
    sink = SqlAuditSink(factory)
    with pytest.raises(Exception):
        sink.write(_event(1, capability="x" * 41))  # longer than the column allows
    sink.write(_event(2))
    with factory() as s:
        assert verify_chain(s, 5).records == 1
    assert sink._one_trip


def test_sqlite_keeps_the_multi_statement_path(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'a.sqlite3'}")
    metadata.create_all(engine)
    factory = make_session_factory(engine)
    sink = SqlAuditSink(factory)
    seen = _statements(engine)
    for i in range(1, 4):
        sink.write(_event(i))
    assert not any("audit_append" in s for s in seen)
    assert any(s.startswith("INSERT INTO audit_records") for s in seen)
    with factory() as s:
        assert verify_chain(s, 5).ok
    engine.dispose()


def test_migration_0003_installs_the_function_and_takes_it_back(pg_schema_url):
    from connectors.crm.migrate import downgrade, upgrade

    url, _schema = pg_schema_url
    upgrade(url)
    engine = make_engine(url)
    exists = "SELECT to_regprocedure('audit_append(integer, text, timestamptz, integer, text, text, text, text, " \
             "text[], text[])') IS NOT NULL"
    with engine.connect() as conn:
        assert conn.exec_driver_sql(exists).scalar()
    factory = make_session_factory(engine)
    seen = _statements(engine)
    SqlAuditSink(factory).write(_event(1))
    assert any("audit_append(" in s for s in seen)
    with factory() as s:
        assert verify_chain(s, 5).ok
    downgrade(url, "0002")
    with engine.connect() as conn:
        assert not conn.exec_driver_sql(exists).scalar()
    engine.dispose()

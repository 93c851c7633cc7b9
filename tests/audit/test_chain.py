"""The audit chain: appends link by hash; any edit, deletion or reordering is named by verify."""

from __future__ import annotations

from sqlalchemy import delete, select, update

from connectors.crm.db import make_engine, make_session_factory
from connectors.crm.schema import metadata
from guardrails.audit import AuditEvent, SqlAuditSink, verify_chain
from guardrails.audit.models import AuditRecord


def _sink(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'a.sqlite3'}")
    metadata.create_all(engine)
    factory = make_session_factory(engine)
    return factory, SqlAuditSink(factory)


def _fill(sink, n=6, tenant=1):
    for i in range(n):
        sink.write(AuditEvent(tenant_id=tenant, capability="lead_summary", outcome="ok", user_id=i,
                              record_refs=(f"lead:{i}",), redaction_counts={"PERSON": i}))


def test_intact_chains_verify_per_tenant(tmp_path):
    factory, sink = _sink(tmp_path)
    _fill(sink, 5, tenant=1)
    _fill(sink, 3, tenant=2)
    with factory() as s:
        r1, r2 = verify_chain(s, 1), verify_chain(s, 2)
    assert (r1.ok, r1.records, r2.ok, r2.records) == (True, 5, True, 3)


def test_modified_row_is_named(tmp_path):
    factory, sink = _sink(tmp_path)
    _fill(sink)
    with factory() as s, s.begin():
        rec = s.scalar(select(AuditRecord).where(AuditRecord.seq == 3))
        payload = dict(rec.payload)
        payload["outcome"] = "refused"
        rec.payload = payload
    with factory() as s:
        report = verify_chain(s, 1)
    assert not report.ok and report.first_broken_seq == 3


def test_modified_indexed_column_is_named(tmp_path):
    factory, sink = _sink(tmp_path)
    _fill(sink)
    with factory() as s, s.begin():
        s.execute(update(AuditRecord).where(AuditRecord.seq == 2).values(outcome="error"))
    with factory() as s:
        report = verify_chain(s, 1)
    assert not report.ok and report.first_broken_seq == 2


def test_deleted_row_is_named(tmp_path):
    factory, sink = _sink(tmp_path)
    _fill(sink)
    with factory() as s, s.begin():
        s.execute(delete(AuditRecord).where(AuditRecord.seq == 4))
    with factory() as s:
        report = verify_chain(s, 1)
    assert not report.ok and report.first_broken_seq == 5


def test_reordered_rows_are_named(tmp_path):
    factory, sink = _sink(tmp_path)
    _fill(sink)
    with factory() as s, s.begin():
        a = s.scalar(select(AuditRecord).where(AuditRecord.seq == 2))
        b = s.scalar(select(AuditRecord).where(AuditRecord.seq == 3))
        a.seq, b.seq = -1, -2
        s.flush()
        a.seq, b.seq = 3, 2
    with factory() as s:
        report = verify_chain(s, 1)
    assert not report.ok and report.first_broken_seq == 2

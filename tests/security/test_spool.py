"""The audit spool: nothing is lost while the database is down, and order survives the outage."""

from __future__ import annotations

import json

from sqlalchemy import select

from guardrails.audit import AuditEvent, RecordingAuditSink, SqlAuditSink, verify_chain
from guardrails.spool import SpoolingAuditSink, event_from_line, event_to_line
from loadtest.tcpproxy import TcpProxy


class FlakyAuditSink(RecordingAuditSink):
    def __init__(self) -> None:
        super().__init__()
        self.down = False

    def write(self, event: AuditEvent) -> None:
        if self.down:
            raise ConnectionError("database unavailable")
        super().write(event)


def _event(i: int, tenant: int = 1) -> AuditEvent:
    return AuditEvent(tenant_id=tenant, capability="lead_summary", outcome="ok", user_id=i,
                      record_refs=(f"lead:{i}",), redaction_counts={"PERSON": 1}, latency_ms=1.5)


def test_event_round_trips_through_a_spool_line():
    e = _event(3)
    assert event_from_line(event_to_line(e)) == e


def test_outage_spools_in_order_and_replays(tmp_path):
    inner = FlakyAuditSink()
    sink = SpoolingAuditSink(inner, tmp_path / "audit.spool", retry_interval_s=0)
    sink.write(_event(1))
    inner.down = True
    for i in range(2, 6):
        sink.write(_event(i))
    assert [e.user_id for e in inner.events] == [1]
    lines = (tmp_path / "audit.spool").read_text().splitlines()
    assert [json.loads(l)["user_id"] for l in lines] == [2, 3, 4, 5]
    assert sink.status().pending == 4 and sink.status().last_error == "ConnectionError"
    inner.down = False
    sink.write(_event(6))  # the next write drains the spool first: order is kept
    assert [e.user_id for e in inner.events] == [1, 2, 3, 4, 5, 6]
    assert sink.status().pending == 0 and (tmp_path / "audit.spool").read_text() == ""


def test_a_spool_left_by_a_crashed_process_is_replayed(tmp_path):
    inner = FlakyAuditSink()
    inner.down = True
    first = SpoolingAuditSink(inner, tmp_path / "audit.spool")
    first.write(_event(1))
    first.write(_event(2))
    del first  # the process dies with the database still down
    inner.down = False
    second = SpoolingAuditSink(inner, tmp_path / "audit.spool")
    assert second.status().pending == 2
    assert second.replay() == 2
    assert [e.user_id for e in inner.events] == [1, 2]


def test_background_replay_drains_without_new_requests(tmp_path):
    import time

    inner = FlakyAuditSink()
    inner.down = True
    sink = SpoolingAuditSink(inner, tmp_path / "audit.spool")
    sink.write(_event(1))
    inner.down = False
    sink.start(interval_s=0.05)
    try:
        deadline = time.monotonic() + 5
        while sink.status().pending and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        sink.stop()
    assert [e.user_id for e in inner.events] == [1] and sink.status().replayed_total == 1


def test_postgres_outage_loses_no_audit_record(pg_schema_url, tmp_path):
    """PostgreSQL becomes unreachable mid-run (a proxy in front of it stops; the shared server keeps
    running), requests keep being audited into the spool, and the chain is whole once it returns."""
    from connectors.crm.db import make_engine, make_session_factory
    from connectors.crm.schema import metadata
    from guardrails.audit.models import AuditRecord

    url, _schema = pg_schema_url
    engine = make_engine(url)
    metadata.create_all(engine)
    proxy = TcpProxy(target=("127.0.0.1", 5432))
    proxy.start()
    try:
        proxied = make_engine(url.replace("127.0.0.1:5432", f"127.0.0.1:{proxy.port}"))
        sql = SqlAuditSink(make_session_factory(proxied))
        sink = SpoolingAuditSink(sql, tmp_path / "audit.spool", retry_interval_s=0)
        for i in range(1, 4):
            sink.write(_event(i))
        proxy.stop()  # the outage: open connections are cut, new ones refused
        for i in range(4, 9):
            sink.write(_event(i))
        assert sink.status().pending == 5
        proxy.start()  # the database returns, on the same address
        sink.write(_event(9))
        assert sink.status().pending == 0
        factory = make_session_factory(engine)
        with factory() as s:
            users = s.scalars(select(AuditRecord.user_id).where(AuditRecord.tenant_id == 1)
                              .order_by(AuditRecord.seq)).all()
            assert users == list(range(1, 10))
            assert verify_chain(s, tenant_id=1).ok
        proxied.dispose()
    finally:
        proxy.stop()
        engine.dispose()

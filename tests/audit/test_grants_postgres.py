"""On PostgreSQL the application's role may append and read audit records, never change or delete them."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import DBAPIError

from connectors.crm.db import make_session_factory
from connectors.crm.schema import metadata
from guardrails.audit import AuditEvent, SqlAuditSink, verify_chain
from guardrails.audit.checkpoint import checkpoint_signature
from guardrails.audit.grants import audit_grants
from guardrails.audit.refs import erase_refs


@pytest.fixture
def app_role(pg_schema_url):
    url, schema = pg_schema_url
    owner = create_engine(url)
    metadata.create_all(owner)
    role = f"lua_app_{uuid.uuid4().hex[:8]}"
    with owner.begin() as conn:
        conn.execute(text(f'CREATE ROLE "{role}" NOLOGIN'))
        for stmt in audit_grants(role, schema=schema):
            conn.execute(text(stmt))
    yield owner, role, schema
    with owner.begin() as conn:
        conn.execute(text(f'DROP OWNED BY "{role}"'))
        conn.execute(text(f'DROP ROLE "{role}"'))
    owner.dispose()


def _as_role(owner, role):
    """A session factory whose every connection runs as the application role.

    Set per connection, not per transaction: the sink appends in autocommit, where `SET LOCAL`
    would do nothing and the write would run as the owner.
    """
    from sqlalchemy import event

    engine = create_engine(owner.url)

    @event.listens_for(engine, "connect")
    def _set_role(dbapi_conn, _record):
        with dbapi_conn.cursor() as cur:
            cur.execute(f'SET ROLE "{role}"')
        dbapi_conn.commit()

    return engine, make_session_factory(engine)


def test_the_sink_appends_as_the_application_role(app_role):
    from connectors.crm.rls import enable_statements

    owner, role, _schema = app_role
    with owner.begin() as conn:  # as migration 0002 does
        for stmt in enable_statements(metadata):
            conn.exec_driver_sql(stmt)
    engine, factory = _as_role(owner, role)
    with engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT current_user").scalar() == role
    SqlAuditSink(factory).write(AuditEvent(tenant_id=1, capability="chat", outcome="ok"))
    with engine.connect() as conn:  # no app.tenant_id here: row-level security hides the row ...
        assert conn.exec_driver_sql("SELECT count(*) FROM audit_records").scalar() == 0
    with owner.connect() as conn:  # ... which the owner sees
        assert conn.exec_driver_sql("SELECT count(*) FROM audit_records").scalar() == 1
    engine.dispose()


def test_app_role_appends_and_reads_but_cannot_update_or_delete(app_role):
    owner, role, _schema = app_role
    engine, factory = _as_role(owner, role)
    sink = SqlAuditSink(factory)
    for i in range(3):
        sink.write(AuditEvent(tenant_id=1, capability="lead_summary", outcome="ok", record_refs=(f"lead:{i}",)))
    with factory() as s:
        assert verify_chain(s, 1).ok
    for stmt in ("UPDATE audit_records SET outcome = 'error' WHERE seq = 2",
                 "DELETE FROM audit_records WHERE seq = 2",
                 "UPDATE audit_heads SET seq = 0",  # allowed: the head moves on append ...
                 "DELETE FROM audit_checkpoints",
                 "INSERT INTO audit_checkpoints (tenant_id, seq, hash, purged, created_at, signature) "
                 "VALUES (1, 2, 'x', 0, now(), 'x')"):
        with engine.connect() as conn, conn.begin():
            if stmt.startswith("UPDATE audit_heads"):
                conn.execute(text(stmt))  # ... so this succeeds, and verify names the truncation
                conn.rollback()
                continue
            with pytest.raises(DBAPIError, match="permission denied"):
                conn.execute(text(stmt))
    # Erasure may shred references (column-level UPDATE), and the chain still verifies.
    with factory() as s, s.begin():
        assert erase_refs(s, tenant_id=1, refs={"lead:1"}) == 1
    with factory() as s:
        report = verify_chain(s, 1)
    assert report.ok and report.erased_refs == 1
    engine.dispose()


def test_purge_function_deletes_a_prefix_and_writes_the_checkpoint(app_role):
    owner, role, _schema = app_role
    engine, factory = _as_role(owner, role)
    sink = SqlAuditSink(factory)
    for i in range(4):
        sink.write(AuditEvent(tenant_id=1, capability="chat", outcome="ok"))
    key = b"k" * 32
    with factory() as s, s.begin():
        h = s.execute(text("SELECT hash FROM audit_records WHERE tenant_id = 1 AND seq = 2")).scalar()
        sig = checkpoint_signature(key=key, tenant_id=1, seq=2, hash_=h)
        with pytest.raises(DBAPIError, match="younger"):
            with s.begin_nested():
                s.execute(text("SELECT audit_purge_prefix(1, 2, :sig, 30)"), {"sig": sig})
        n = s.execute(text("SELECT audit_purge_prefix(1, 2, :sig, 0)"), {"sig": sig}).scalar()
    assert n == 2
    with factory() as s:
        report = verify_chain(s, 1, key=key)
    assert report.ok and report.checkpoint_seq == 2 and report.checkpoint_signature == "valid"
    # The retention path as the application role: prefix purge through the function, signed checkpoint.
    from datetime import timedelta

    from connectors.crm.base import utcnow
    from guardrails.audit.checkpoint import purge_before

    with factory() as s, s.begin():
        res = purge_before(s, tenant_id=1, before=utcnow() + timedelta(seconds=1), key=key,
                           now=utcnow() + timedelta(seconds=1), via_function=True)
    assert (res.purged, res.checkpoint_seq) == (2, 4)
    with factory() as s:
        report = verify_chain(s, 1, key=key)
    assert report.ok and report.records == 0 and report.checkpoint_seq == 4
    engine.dispose()


def test_concurrent_writers_keep_one_chain(pg_schema_url):
    """Threads appending to the same new tenant: the head row lock keeps the chain linear."""
    from concurrent.futures import ThreadPoolExecutor

    from connectors.crm.db import make_engine

    url, _schema = pg_schema_url
    engine = make_engine(url)
    metadata.create_all(engine)
    factory = make_session_factory(engine)
    sink = SqlAuditSink(factory)

    def work(n):
        for i in range(8):
            sink.write(AuditEvent(tenant_id=77, capability="chat", outcome="ok", user_id=n, record_refs=(f"lead:{i}",)))

    with ThreadPoolExecutor(4) as pool:
        list(pool.map(work, range(4)))
    with factory() as s:
        report = verify_chain(s, 77)
    assert report.ok and report.records == 32
    engine.dispose()

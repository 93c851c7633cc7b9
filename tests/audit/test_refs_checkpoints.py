"""Record references are committed in the chain; erasure shreds them; retention purges via checkpoints."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import delete, select, update

from connectors.crm.db import make_engine, make_session_factory
from connectors.crm.schema import metadata
from guardrails.audit import AuditEvent, SqlAuditSink, verify_chain
from guardrails.audit.checkpoint import purge_before
from guardrails.audit.models import AuditCheckpoint, AuditRecord, AuditRef
from guardrails.audit.refs import erase_refs

KEY = b"k" * 32
T0 = datetime(2026, 1, 1, tzinfo=timezone.utc)


@pytest.fixture
def chain(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'a.sqlite3'}")
    metadata.create_all(engine)
    factory = make_session_factory(engine)
    sink = SqlAuditSink(factory)
    for i in range(8):
        sink.write(AuditEvent(tenant_id=1, capability="lead_summary", outcome="ok", user_id=1,
                              occurred_at=T0 + timedelta(days=i),
                              record_refs=(f"lead:{i}", f"contact:{100 + i % 2}", f"activity:{i}")))
    return factory, sink


def _verify(factory, **kw):
    with factory() as s:
        return verify_chain(s, 1, **kw)


def test_refs_are_committed_not_hashed_in_clear(chain):
    factory, _ = chain
    with factory() as s:
        rec = s.scalar(select(AuditRecord).where(AuditRecord.seq == 1))
        refs = s.scalars(select(AuditRef.ref).where(AuditRef.seq == 1).order_by(AuditRef.pos)).all()
    assert "record_refs" not in rec.payload and len(rec.payload["ref_commitments"]) == 3
    assert "contact:100" not in str(rec.payload)
    assert refs == ["lead:0", "contact:100", "activity:0"]
    assert _verify(factory).ok


def test_changed_reference_is_named(chain):
    factory, _ = chain
    with factory() as s, s.begin():
        s.execute(update(AuditRef).where(AuditRef.seq == 4, AuditRef.pos == 1).values(ref="contact:999"))
    report = _verify(factory)
    assert not report.ok and report.first_broken_seq == 4 and "commitment" in report.problem


def test_deleted_reference_is_named(chain):
    factory, _ = chain
    with factory() as s, s.begin():
        s.execute(delete(AuditRef).where(AuditRef.seq == 6, AuditRef.pos == 0))
    report = _verify(factory)
    assert not report.ok and report.first_broken_seq == 6


def test_erased_references_keep_the_chain_valid(chain):
    factory, _ = chain
    with factory() as s, s.begin():
        n = erase_refs(s, tenant_id=1, refs={"contact:100", "lead:2"})
    assert n == 5
    report = _verify(factory)
    assert report.ok and report.erased_refs == 5
    with factory() as s:
        assert s.scalar(select(AuditRef).where(AuditRef.ref == "contact:100")) is None


def test_deleted_first_and_last_records_are_named(chain):
    factory, _ = chain
    with factory() as s, s.begin():
        s.execute(delete(AuditRecord).where(AuditRecord.seq == 8))
    report = _verify(factory)
    assert not report.ok and report.first_broken_seq == 8 and "truncated" in report.problem
    with factory() as s, s.begin():
        s.execute(delete(AuditRecord).where(AuditRecord.seq == 1))
    report = _verify(factory)
    assert not report.ok and report.first_broken_seq == 2


def test_purge_writes_a_signed_checkpoint_and_the_chain_still_verifies(chain):
    factory, sink = chain
    with factory() as s, s.begin():
        res = purge_before(s, tenant_id=1, before=T0 + timedelta(days=3), key=KEY)
    assert (res.purged, res.checkpoint_seq) == (3, 3)
    report = _verify(factory, key=KEY)
    assert report.ok and report.records == 5 and report.checkpoint_seq == 3
    assert report.checkpoint_signature == "valid"
    assert _verify(factory).checkpoint_signature == "unchecked"
    sink.write(AuditEvent(tenant_id=1, capability="chat", outcome="ok"))  # appends continue the chain
    with factory() as s, s.begin():  # a second purge starts from the first checkpoint
        res = purge_before(s, tenant_id=1, before=T0 + timedelta(days=5), key=KEY)
    assert (res.purged, res.checkpoint_seq) == (2, 5)
    assert _verify(factory, key=KEY).ok
    with factory() as s, s.begin():
        assert purge_before(s, tenant_id=1, before=T0, key=KEY).purged == 0


def test_purge_only_removes_a_prefix(chain):
    factory, _ = chain
    with factory() as s, s.begin():  # seq 2 is young: nothing after seq 1 may go
        s.execute(update(AuditRecord).where(AuditRecord.seq == 2).values(occurred_at=T0 + timedelta(days=30)))
        res = purge_before(s, tenant_id=1, before=T0 + timedelta(days=6), key=KEY)
    assert (res.purged, res.checkpoint_seq) == (1, 1)


def test_forged_checkpoint_is_named(chain):
    factory, _ = chain
    with factory() as s, s.begin():
        purge_before(s, tenant_id=1, before=T0 + timedelta(days=2), key=KEY)
    # An intruder deletes more records and moves the checkpoint forward without the key.
    with factory() as s, s.begin():
        s.execute(delete(AuditRecord).where(AuditRecord.seq <= 4))
        cp = s.scalar(select(AuditCheckpoint))
        rec4_hash = "0" * 64
        cp.seq, cp.hash = 4, rec4_hash
    report = _verify(factory, key=KEY)
    assert not report.ok and report.checkpoint_signature == "invalid"
    assert report.problem == "checkpoint signature invalid"


def test_purge_needs_a_key(chain):
    factory, _ = chain
    with factory() as s, pytest.raises(ValueError):
        purge_before(s, tenant_id=1, before=T0 + timedelta(days=3), key=b"")

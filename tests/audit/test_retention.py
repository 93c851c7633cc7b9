"""Retention: per-tenant days; vault entries and audit records purged; the chain verifies via its checkpoint."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import func, select

from connectors.crm.db import system_session
from guardrails.audit import AuditEvent, SqlAuditSink, verify_chain
from guardrails.audit.models import AuditRecord
from guardrails.redaction.sql_store import VaultEntry
from guardrails.retention import RetentionDays, run_retention

NOW = datetime(2026, 11, 27, 12, 0, tzinfo=timezone.utc)
KEY = b"r" * 32


class FakeConversations:
    """Stands in for conversation history: records the cutoffs it was asked to apply."""

    name, kind = "conversations", "conversations"

    def __init__(self) -> None:
        self.calls: list[tuple[int, datetime]] = []

    def purge(self, session, *, tenant_id, cutoff):
        self.calls.append((tenant_id, cutoff))
        return 2


def _fill(crm):
    sink = SqlAuditSink(crm.factory)
    for key in ("a", "b"):
        tid = crm.tenants[key]
        for age in (400, 380, 200, 10, 1):  # days
            sink.write(AuditEvent(tenant_id=tid, capability="lead_summary", outcome="ok",
                                  occurred_at=NOW - timedelta(days=age), record_refs=(f"lead:{age}",)))
        with system_session(crm.factory) as s:
            for i, age in enumerate((45, 31, 5)):
                s.add(VaultEntry(tenant_id=tid, conversation_id=f"c{i}", placeholder="<PERSON_1>",
                                 entity_type="PERSON", value_hmac=f"{i:064d}", ciphertext=b"x" * 20,
                                 created_at=NOW - timedelta(days=age),
                                 expires_at=NOW - timedelta(days=age) + timedelta(days=90)))


def test_run_retention_purges_per_tenant_and_keeps_chains_verifiable(crm_db):
    tiny_crm = crm_db
    _fill(tiny_crm)
    ta, tb = tiny_crm.tenants["a"], tiny_crm.tenants["b"]
    days = {ta: RetentionDays(conversations=30, vault=30, audit=365), tb: RetentionDays(conversations=7, vault=40, audit=100)}
    conv = FakeConversations()
    report = run_retention(tiny_crm.factory, NOW, checkpoint_key=KEY, days_for=days.__getitem__, targets=[conv])
    assert report.errors == ()
    by_tenant = {t.tenant_id: t for t in report.tenants}
    assert by_tenant[ta].purged == {"vault": 2, "receipt_prompts": 0, "conversations": 2, "audit": 2}
    assert by_tenant[tb].purged == {"vault": 1, "receipt_prompts": 0, "conversations": 2, "audit": 3}
    assert (by_tenant[ta].audit_checkpoint_seq, by_tenant[tb].audit_checkpoint_seq) == (2, 3)
    assert sorted(conv.calls) == sorted([(ta, NOW - timedelta(days=30)), (tb, NOW - timedelta(days=7))])
    assert report.total("audit") == 5 and report.as_dict()["totals"]["vault"] == 3
    with tiny_crm.factory() as s:
        for tid, left in ((ta, 3), (tb, 2)):
            r = verify_chain(s, tid, key=KEY)
            assert r.ok and r.records == left and r.checkpoint_signature == "valid"
        assert s.scalar(select(func.count()).select_from(VaultEntry).where(VaultEntry.tenant_id == ta)) == 1
    # Running again purges nothing more and writes no new checkpoint.
    again = run_retention(tiny_crm.factory, NOW, checkpoint_key=KEY, days_for=days.__getitem__)
    assert again.total("audit") == 0 and again.total("vault") == 0


def test_default_days_and_failing_target_do_not_stop_the_run(tiny_crm):
    _fill(tiny_crm)

    class Broken:
        name, kind = "conversations", "conversations"

        def purge(self, session, *, tenant_id, cutoff):
            raise RuntimeError("store down")

    report = run_retention(tiny_crm.factory, NOW, checkpoint_key=KEY, targets=[Broken()])
    assert len(report.errors) == 2 and all(e.endswith(":conversations:RuntimeError") for e in report.errors)
    assert report.total("audit") == 4  # default 365 days: the 400- and 380-day-old records of each tenant
    with tiny_crm.factory() as s:
        assert s.scalar(select(func.min(AuditRecord.seq))) == 3


def test_retention_days_are_validated():
    with pytest.raises(ValueError):
        RetentionDays(audit=0)


def test_days_from_scope_documents(tiny_crm):
    from guardrails.retention import days_from_scopes

    days = days_from_scopes(tiny_crm.factory)(tiny_crm.tenants["a"])
    assert days.vault >= 1 and days.audit >= days.vault

"""Audit sinks: one interface, a SQL sink for the service, a recording sink for tests."""

from __future__ import annotations

import logging
import threading
from contextlib import nullcontext
from typing import Protocol

from sqlalchemy import bindparam, insert, select, update
from connectors.crm.db import tenant_bound
from sqlalchemy.orm import Session, sessionmaker

from guardrails.audit.chain import GENESIS, link_hash
from guardrails.audit.events import AuditEvent
from guardrails.audit.models import AuditHead, AuditRecord, AuditRef
from guardrails.audit.refs import committed, ref_rows

log = logging.getLogger(__name__)


class AuditSink(Protocol):
    def write(self, event: AuditEvent) -> None: ...


class RecordingAuditSink:
    """Keeps events in memory; for tests and evals."""

    def __init__(self) -> None:
        self.events: list[AuditEvent] = []

    def write(self, event: AuditEvent) -> None:
        self.events.append(event)


class SqlAuditSink:
    """Appends each event to its tenant's chain in its own short transaction.

    `durable=False` lets PostgreSQL acknowledge the commit before its WAL reaches disk
    (`synchronous_commit = off`): a write costs a fraction of an fsync, and a database crash can lose
    the last few hundred milliseconds of records but never corrupts or reorders the chain.
    """

    def __init__(self, factory: sessionmaker[Session], *, durable: bool = True) -> None:
        self._factory = factory
        bind = factory.kw.get("bind")
        self._postgres = bind is not None and bind.dialect.name == "postgresql"
        self._durable = durable
        # SQLite has one writer: serialise in-process to avoid busy retries. PostgreSQL serialises
        # each tenant's appends on its head row, and other tenants need not wait.
        self._lock: threading.Lock | nullcontext = nullcontext() if self._postgres else threading.Lock()

    def write(self, event: AuditEvent) -> None:
        # Bound to the event's tenant: on PostgreSQL row-level security admits only its rows.
        with self._lock, tenant_bound(self._factory, event.tenant_id) as session, session.begin():
            if self._postgres and not self._durable:
                session.connection().exec_driver_sql("SET LOCAL synchronous_commit = off")
            append(session, event)
        log.info("audit.write", extra={"capability": event.capability, "outcome": event.outcome})


# Tables, not mapped classes (an insert of a mapped class goes through the ORM's bulk path per row),
# and statements built once: this runs on every request.
_RECORDS, _REFS, _HEADS = AuditRecord.__table__, AuditRef.__table__, AuditHead.__table__
_LOCK_HEAD = (select(_HEADS.c.seq, _HEADS.c.hash).where(_HEADS.c.tenant_id == bindparam("t")).with_for_update())
_INSERT_RECORD = insert(_RECORDS)
_INSERT_REFS = insert(_REFS)
_MOVE_HEAD = (update(_HEADS).where(_HEADS.c.tenant_id == bindparam("t"))
              .values(seq=bindparam("new_seq"), hash=bindparam("new_hash")))


def _new_head(dialect: str):
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        return pg_insert(_HEADS).on_conflict_do_nothing(index_elements=["tenant_id"])
    if dialect == "sqlite":
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        return sqlite_insert(_HEADS).on_conflict_do_nothing(index_elements=["tenant_id"])
    return insert(_HEADS)


def append(session: Session, event: AuditEvent) -> tuple[int, str]:
    """Append within the caller's transaction; returns (seq, hash) of the new link.

    Core statements on the session's connection: the ORM unit of work costs more than the insert
    itself. The head row lock serialises concurrent writers.
    """
    conn = session.connection()
    tenant_id = event.tenant_id
    head = conn.execute(_LOCK_HEAD, {"t": tenant_id}).first()
    if head is None:  # a tenant's first record; a concurrent first writer may create the head too
        conn.execute(_new_head(conn.dialect.name), {"tenant_id": tenant_id, "seq": 0, "hash": GENESIS})
        head = conn.execute(_LOCK_HEAD, {"t": tenant_id}).first()
    prev_seq, prev_hash = head
    seq = prev_seq + 1
    payload = event.payload()
    # The chain hashes commitments to the references, so erasure can shred them later.
    refs = [str(r) for r in payload.pop("record_refs", [])]
    keys, payload["ref_commitments"] = committed(refs)
    digest = link_hash(prev_hash=prev_hash, tenant_id=tenant_id, seq=seq, payload=payload)
    conn.execute(_INSERT_RECORD, {
        "tenant_id": tenant_id, "seq": seq, "request_id": event.request_id, "occurred_at": event.occurred_at,
        "user_id": event.user_id, "capability": event.capability, "outcome": event.outcome,
        "receipt_id": event.receipt_id, "payload": payload, "prev_hash": prev_hash, "hash": digest,
    })
    if refs:
        conn.execute(_INSERT_REFS, ref_rows(tenant_id=tenant_id, seq=seq, refs=refs, keys=keys))
    conn.execute(_MOVE_HEAD, {"t": tenant_id, "new_seq": seq, "new_hash": digest})
    return seq, digest

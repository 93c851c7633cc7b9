"""Audit sinks: one interface, a SQL sink for the service, a recording sink for tests."""

from __future__ import annotations

import logging
import threading
from contextlib import nullcontext
from typing import Protocol

from sqlalchemy import bindparam, insert, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from connectors.crm.db import tenant_bound
from guardrails.audit.chain import GENESIS, canonical, link_hash
from guardrails.audit.pg_append import CALL
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
    """Appends each event to its tenant's chain in its own transaction, durable before `write` returns.

    PostgreSQL: one statement in autocommit, `audit_append(...)` (see pg_append.py), which locks the
    tenant's head row, links, inserts and moves the head: one round trip plus the commit's WAL flush.
    Each tenant's appends serialise on its head row, across processes; other tenants need not wait.
    If the function is not installed (a schema older than migration 0003) the sink uses the
    multi-statement path below, with the same lock and the same result.

    SQLite: the multi-statement path in one transaction, serialised in-process (one writer).

    There is deliberately no `synchronous_commit = off` option: a record the database acknowledged but
    lost in a crash would be gone without a trace (the head row goes back with it, so the chain still
    verifies) and the spool would never have seen a failure to keep it.
    """

    def __init__(self, factory: sessionmaker[Session], *, single_statement: bool = True) -> None:
        """`single_statement=False` forces the multi-statement path on PostgreSQL (benchmarks, tests)."""
        self._factory = factory
        bind = factory.kw.get("bind")
        self._postgres = bind is not None and bind.dialect.name == "postgresql"
        # The same pool (same URL, role and connection events) with the DBAPI connection in autocommit,
        # so the single statement is its own transaction: no BEGIN and COMMIT round trips.
        self._autocommit = bind.execution_options(isolation_level="AUTOCOMMIT") if self._postgres else None
        self._one_trip = self._postgres and single_statement  # cleared if the function turns out to be missing
        # SQLite has one writer: serialise in-process to avoid busy retries. PostgreSQL serialises
        # each tenant's appends on its head row, and other tenants need not wait.
        self._lock: threading.Lock | nullcontext = nullcontext() if self._postgres else threading.Lock()

    def write(self, event: AuditEvent) -> None:
        if self._one_trip:
            try:
                with self._autocommit.connect() as conn:
                    append_one_trip(conn, event)
                log.info("audit.write", extra={"capability": event.capability, "outcome": event.outcome})
                return
            except DBAPIError as exc:
                if getattr(exc.orig, "sqlstate", None) != _UNDEFINED_FUNCTION:
                    raise
                # Nothing was written (the call failed before it ran). Fall back for this process.
                self._one_trip = False
                log.warning("audit.append_function_missing", extra={"fallback": "multi_statement"})
        # Bound to the event's tenant: on PostgreSQL row-level security admits only its rows.
        with self._lock, tenant_bound(self._factory, event.tenant_id) as session, session.begin():
            append(session, event)
        log.info("audit.write", extra={"capability": event.capability, "outcome": event.outcome})


_UNDEFINED_FUNCTION = "42883"


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


def _prepare(event: AuditEvent) -> tuple[dict, list[str], list[str]]:
    """The payload the chain hashes, the record references and their fresh commitment keys."""
    payload = event.payload()
    # The chain hashes commitments to the references, so erasure can shred them later.
    refs = [str(r) for r in payload.pop("record_refs", [])]
    keys, payload["ref_commitments"] = committed(refs)
    return payload, refs, keys


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
    payload, refs, keys = _prepare(event)
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


def append_one_trip(conn: Connection, event: AuditEvent) -> tuple[int, str]:
    """PostgreSQL: append through `audit_append` in one statement; returns (seq, hash) of the new link.

    On an autocommit connection the statement is its own transaction (durable when this returns);
    inside a transaction it joins it. The function computes the same digest as `link_hash` over the
    canonical payload text sent here.
    """
    payload, refs, keys = _prepare(event)
    row = conn.exec_driver_sql(CALL, {
        "t": event.tenant_id, "rid": event.request_id, "at": event.occurred_at, "uid": event.user_id,
        "cap": event.capability, "out": event.outcome, "rcpt": event.receipt_id,
        "payload": canonical(payload).decode("utf-8"), "refs": refs, "keys": keys,
    }).one()
    return int(row[0]), row[1]

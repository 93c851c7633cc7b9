"""Run compiled selects: tenant-scoped session, read-only, statement timeout, row limit.

PostgreSQL: `set_config('statement_timeout', …, true)` and `transaction_read_only` for the
transaction (both SELECTs, so the only statements sent are selects). SQLite: `query_only` and a
progress handler that interrupts a statement past its deadline; the local-time bucket function
is registered on the connection (SQLite has no time zones).
"""

from __future__ import annotations

import time
from datetime import datetime, timezone
from typing import Any, Sequence
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from assistant.analytics.compiler import Compiled
from connectors.crm.db import tenant_session


class QueryTimeout(RuntimeError):
    """A compiled select ran past the statement timeout."""


def lua_bucket(value: Any, tz: str, unit: str) -> str | None:
    """SQLite function: the local-time label of a stored UTC timestamp."""
    if value is None:
        return None
    dt = datetime.fromisoformat(str(value)) if not isinstance(value, datetime) else value
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=timezone.utc)
    local = dt.astimezone(ZoneInfo(tz))
    if unit == "day":
        return local.strftime("%Y-%m-%d")
    if unit == "week":
        y, w, _ = local.isocalendar()
        return f"{y}-W{w:02d}"
    if unit == "month":
        return local.strftime("%Y-%m")
    if unit == "quarter":
        return f"{local.year}-Q{(local.month - 1) // 3 + 1}"
    return str(local.year)


def run(factory: sessionmaker[Session], *, tenant_id: int, compiled: Sequence[Compiled],
        timeout_ms: int = 5000) -> list[list[dict[str, Any]]]:
    """Execute each compiled select; rows as dicts, in order."""
    out: list[list[dict[str, Any]]] = []
    with tenant_session(factory, tenant_id) as session:
        conn = session.connection()
        raw = None
        try:
            if conn.dialect.name == "postgresql":
                session.execute(select(func.set_config("statement_timeout", str(int(timeout_ms)), True)))
                session.execute(select(func.set_config("transaction_read_only", "on", True)))
            elif conn.dialect.name == "sqlite":
                raw = conn.connection.driver_connection
                raw.create_function("lua_bucket", 3, lua_bucket, deterministic=True)
                deadline = time.monotonic() + timeout_ms / 1000.0
                raw.set_progress_handler(lambda: 1 if time.monotonic() > deadline else 0, 2000)
                raw.execute("PRAGMA query_only = ON")  # driver-level, fixed text: writes fail from here on
            for c in compiled:
                # On the connection, not the ORM session: the statement runs exactly as compiled (its own
                # tenant filters on every joined table), without ORM criteria that would turn outer joins inner.
                out.append([dict(r._mapping) for r in conn.execute(c.statement)])
        except OperationalError as exc:
            text = str(exc.orig).lower()
            if "interrupted" in text or "statement timeout" in text or "canceling statement" in text:
                raise QueryTimeout("the query took too long") from exc
            raise
        finally:
            if raw is not None:
                raw.set_progress_handler(None, 0)
                raw.execute("PRAGMA query_only = OFF")
        session.rollback()  # nothing to keep: the transaction only read
    return out

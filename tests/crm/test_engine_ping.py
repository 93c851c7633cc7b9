"""PostgreSQL engines ping a pooled connection only after it sat idle (a round trip saved on every
checkout of a busy service), and still recover from connections the server dropped."""

from __future__ import annotations

import time

import pytest
from sqlalchemy import create_engine, exc, text

from connectors.crm import db
from tests.fixtures import PG_URL, pg_schema_url  # noqa: F401  (fixture)


def _kill_others(url: str) -> int:
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            return len(conn.execute(text(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() "
                "AND pid <> pg_backend_pid() AND application_name = 'lua_ping_test'")).all())
    finally:
        admin.dispose()


def test_idle_connections_are_pinged_busy_ones_are_not(pg_schema_url, monkeypatch):  # noqa: F811
    url, _schema = pg_schema_url
    sep = "&" if "?" in url else "?"
    url = f"{url}{sep}application_name=lua_ping_test"
    monkeypatch.setattr(db, "PING_AFTER_IDLE_S", 0.3)
    engine = db.make_engine(url)
    try:
        with engine.connect() as conn:
            pid = conn.execute(text("SELECT pg_backend_pid()")).scalar()
            record = conn.connection._connection_record
        pings = record.info.get("lua_pings", 0)
        for _ in range(5):  # busy: reused at once, no ping round trip
            with engine.connect() as conn:
                assert conn.execute(text("SELECT pg_backend_pid()")).scalar() == pid
        assert record.info.get("lua_pings", 0) == pings
        time.sleep(0.4)
        with engine.connect() as conn:  # idle past the threshold: pinged once
            conn.execute(text("SELECT 1"))
        assert record.info.get("lua_pings", 0) == pings + 1
        # The server drops the connection; after the idle time the checkout ping notices and the
        # pool hands out a fresh connection: the caller sees no error.
        assert _kill_others(PG_URL) >= 1
        time.sleep(0.5)
        with engine.connect() as conn:
            new_pid = conn.execute(text("SELECT pg_backend_pid()")).scalar()
        assert new_pid != pid
        # Dropped while "busy" (no ping): the first statement fails with a clear DB error, the pool
        # is invalidated, and the very next checkout works again without a restart.
        assert _kill_others(PG_URL) >= 1
        with pytest.raises(exc.DBAPIError):
            with engine.connect() as conn:
                conn.execute(text("SELECT 1"))
        with engine.connect() as conn:
            assert conn.execute(text("SELECT 1")).scalar() == 1
    finally:
        engine.dispose()

"""Engines and the tenant-scoped session: the only way to read CRM rows.

`tenant_session(factory, tenant_id)` yields a Session in which every ORM query on a
tenant-scoped table is filtered to that tenant (SQLAlchemy `with_loader_criteria`), and in
which rows added for another tenant are refused at flush. On PostgreSQL the session also
sets `app.tenant_id` for the transaction, which the row-level security policies read: a
second wall behind the first.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import Engine
from sqlalchemy.orm import ORMExecuteState, Session, sessionmaker, with_loader_criteria

from connectors.crm.models import TenantScoped

TENANT_KEY = "tenant_id"


class CrossTenantWrite(RuntimeError):
    """A row of another tenant was about to be written through a tenant-scoped session."""


def make_engine(url: str, *, echo: bool = False) -> Engine:
    """Create an engine; SQLite gets foreign keys on and a busy timeout."""
    if url.startswith("sqlite"):
        engine = create_engine(
            url, echo=echo, connect_args={"check_same_thread": False, "timeout": 30}
        )

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_conn, _record) -> None:  # pragma: no cover - trivial
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.close()

        return engine
    engine = create_engine(url, echo=echo, pool_size=10, max_overflow=20)
    _ping_when_idle(engine, PING_AFTER_IDLE_S)
    return engine


# A connection used within this many seconds is not pinged again at checkout: SQLAlchemy's
# pool_pre_ping costs a round trip on EVERY checkout (~0.35 ms here, a fifth of an audit write).
# A connection that broke in between fails on its first statement instead; SQLAlchemy then
# invalidates the pool, the request gets a 503 (its audit record goes to the spool) and the
# next one reconnects.
PING_AFTER_IDLE_S = 2.0


def _ping_when_idle(engine: Engine, idle_s: float) -> None:
    """Pessimistic disconnect handling, only for connections idle longer than `idle_s`."""
    import time

    from sqlalchemy import exc

    @event.listens_for(engine.pool, "checkin")
    def _stamp(_dbapi_conn, record) -> None:
        if record is not None:
            record.info["lua_checked_in"] = time.monotonic()

    @event.listens_for(engine.pool, "checkout")
    def _ping(dbapi_conn, record, _proxy) -> None:
        last = record.info.get("lua_checked_in")
        if last is not None and time.monotonic() - last < idle_s:
            return
        record.info["lua_pings"] = record.info.get("lua_pings", 0) + 1
        try:
            cur = dbapi_conn.cursor()
            try:
                cur.execute("SELECT 1")
            finally:
                cur.close()
            if not getattr(dbapi_conn, "autocommit", True):
                dbapi_conn.rollback()  # the ping must not leave a transaction open
        except Exception as e:  # the pool retries the checkout with a fresh connection
            raise exc.DisconnectionError("connection failed its ping") from e


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(bind=engine, expire_on_commit=False, future=True)


@event.listens_for(Session, "do_orm_execute")
def _add_tenant_criteria(state: ORMExecuteState) -> None:
    tenant_id = state.session.info.get(TENANT_KEY)
    if tenant_id is None or not (state.is_select or state.is_update or state.is_delete):
        return
    state.statement = state.statement.options(
        with_loader_criteria(
            TenantScoped,
            lambda cls: cls.tenant_id == tenant_id,
            include_aliases=True,
            track_closure_variables=True,
        )
    )


@event.listens_for(Session, "before_flush")
def _refuse_cross_tenant_writes(session: Session, _ctx, _instances) -> None:
    tenant_id = session.info.get(TENANT_KEY)
    if tenant_id is None:
        return
    for obj in list(session.new) + list(session.dirty):
        if isinstance(obj, TenantScoped):
            if obj.tenant_id is None:
                obj.tenant_id = tenant_id
            elif obj.tenant_id != tenant_id:
                raise CrossTenantWrite("row belongs to another tenant")


@event.listens_for(Session, "after_begin")
def _set_pg_tenant(session: Session, _transaction, connection) -> None:
    tenant_id = session.info.get(TENANT_KEY)
    if tenant_id is not None and connection.dialect.name == "postgresql":
        connection.execute(
            text("SELECT set_config('app.tenant_id', :t, true)"), {"t": str(int(tenant_id))}
        )


@contextmanager
def tenant_session(factory: sessionmaker[Session], tenant_id: int) -> Iterator[Session]:
    """A session bound to one tenant. Commits on success, rolls back on error."""
    session = factory()
    session.info[TENANT_KEY] = int(tenant_id)
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


def tenant_bound(factory: sessionmaker[Session], tenant_id: int) -> Session:
    """A new Session bound to one tenant, for callers that manage their own transaction
    (`with tenant_bound(f, t) as s, s.begin(): ...`). Same filters and RLS setting as
    `tenant_session`."""
    session = factory()
    session.info[TENANT_KEY] = int(tenant_id)
    return session


@contextmanager
def system_session(factory: sessionmaker[Session]) -> Iterator[Session]:
    """A session without a tenant, for cross-tenant system jobs (migrations, seeding, retention)."""
    session = factory()
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()

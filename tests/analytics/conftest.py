"""Fixtures of the analytics tests: a small seeded demo database and services over it."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest

from assistant.services import Services
from connectors.crm.db import make_engine, make_session_factory
from connectors.crm.demo import seed_demo
from connectors.crm.schema import metadata
from guardrails.audit import RecordingAuditSink
from guardrails.principal import Principal
from tests.fixtures import make_settings

NOW = datetime(2026, 11, 15, 12, 0, tzinfo=timezone.utc)  # the demo's reference "now"


def seed(url: str) -> None:
    engine = make_engine(url)
    metadata.create_all(engine)
    seed_demo(make_session_factory(engine), seed=20261127, scale=0.05)
    engine.dispose()


def services_for(url: str, tmp: Path, **kw) -> Services:
    engine = make_engine(url)
    return Services(settings=make_settings(tmp, database_url=url), engine=engine,
                    factory=make_session_factory(engine), audit=RecordingAuditSink(), **kw)


@pytest.fixture(scope="session")
def demo_sqlite(tmp_path_factory) -> str:
    path = tmp_path_factory.mktemp("analytics") / "demo.sqlite3"
    url = f"sqlite:///{path}"
    seed(url)
    return url


@pytest.fixture
def demo(demo_sqlite, tmp_path) -> Services:
    return services_for(demo_sqlite, tmp_path)


def demo_principal(services: Services, who: str) -> Principal:
    """admin | manager:<Branch> | rep:<Branch> | clinic-admin, read from the seeded rows."""
    with services.engine.connect() as c:
        from sqlalchemy import text

        tenants = dict(c.execute(text("SELECT slug, id FROM tenants")).all())
        if who in ("admin", "clinic-admin"):
            slug = "demo-sales" if who == "admin" else "demo-clinic"
            uid = c.execute(text("SELECT id FROM users WHERE tenant_id = :t AND role = 'admin' ORDER BY id"),
                            {"t": tenants[slug]}).scalar()
            return Principal(tenants[slug], slug, uid, "admin", frozenset(), "en")
        role, branch = who.split(":")
        bid = c.execute(text("SELECT id FROM branches WHERE name = :n AND tenant_id = :t"),
                        {"n": branch, "t": tenants["demo-sales"]}).scalar()
        db_role = "manager" if role == "manager" else "sales_rep"
        uid = c.execute(text("SELECT id FROM users WHERE branch_id = :b AND role = :r ORDER BY id"),
                        {"b": bid, "r": db_role}).scalar()
        return Principal(tenants["demo-sales"], "demo-sales", uid, db_role, frozenset({bid}), "en")

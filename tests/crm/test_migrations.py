"""Migrations build exactly the schema the models declare, on SQLite and PostgreSQL, and go back down."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect, text

from connectors.crm.migrate import downgrade, upgrade
from connectors.crm.rls import tenant_tables
from connectors.crm.schema import metadata


def _diff(url: str) -> list:
    engine = create_engine(url)
    with engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"compare_type": True})
        diff = compare_metadata(ctx, metadata)
    engine.dispose()
    return diff


@pytest.fixture(params=["sqlite", "postgres"])
def db_url(request, tmp_path):
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'm.sqlite3'}"
    url, _schema = request.getfixturevalue("pg_schema_url")
    return url


def test_upgrade_matches_the_models_and_downgrade_empties(db_url):
    upgrade(db_url)
    assert _diff(db_url) == []
    engine = create_engine(db_url)
    if engine.dialect.name == "postgresql":
        with engine.connect() as conn:
            rls = {r[0] for r in conn.execute(text(
                "SELECT relname FROM pg_class WHERE relrowsecurity AND relnamespace = "
                "(SELECT oid FROM pg_namespace WHERE nspname = current_schema())"))}
        assert rls == set(tenant_tables(metadata))
    upgrade(db_url)  # idempotent
    downgrade(db_url, "base")
    names = set(inspect(engine).get_table_names()) - {"alembic_version"}
    engine.dispose()
    assert names == set()

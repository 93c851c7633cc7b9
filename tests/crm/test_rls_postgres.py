"""Row-level security on PostgreSQL: even raw SQL that forgets the tenant filter sees one tenant."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import DBAPIError

from connectors.crm.db import make_session_factory, tenant_session
from connectors.crm.rls import enable_statements
from connectors.crm.schema import metadata
from tests.fixtures import PG_URL, build_tiny_crm


@pytest.fixture
def rls_crm(pg_schema_url):
    url, schema = pg_schema_url
    crm = build_tiny_crm(url)
    owner = create_engine(url)
    role = f"lua_app_{uuid.uuid4().hex[:8]}"
    with owner.begin() as conn:
        for stmt in enable_statements(metadata):
            conn.execute(text(stmt))
        conn.execute(text(f"CREATE ROLE {role} LOGIN NOSUPERUSER NOBYPASSRLS"))
        conn.execute(text(f'GRANT USAGE ON SCHEMA "{schema}" TO {role}'))
        conn.execute(text(f'GRANT SELECT, INSERT, UPDATE ON ALL TABLES IN SCHEMA "{schema}" TO {role}'))
        conn.execute(text(f'GRANT USAGE ON ALL SEQUENCES IN SCHEMA "{schema}" TO {role}'))
    app_url = url.replace("postgres@", f"{role}@", 1)
    app_engine = create_engine(app_url)
    yield crm, app_engine
    app_engine.dispose()
    with owner.begin() as conn:
        conn.execute(text(f'REVOKE ALL ON ALL TABLES IN SCHEMA "{schema}" FROM {role}'))
        conn.execute(text(f'REVOKE ALL ON ALL SEQUENCES IN SCHEMA "{schema}" FROM {role}'))
        conn.execute(text(f'REVOKE ALL ON SCHEMA "{schema}" FROM {role}'))
        conn.execute(text(f"DROP ROLE {role}"))
    owner.dispose()


def test_raw_sql_through_a_tenant_session_sees_one_tenant(rls_crm):
    crm, engine = rls_crm
    factory = make_session_factory(engine)
    with tenant_session(factory, crm.tenants["a"]) as s:
        tenants = set(s.execute(text("SELECT DISTINCT tenant_id FROM contacts")).scalars())
        assert tenants == {crm.tenants["a"]}
        n = s.execute(text("SELECT count(*) FROM leads WHERE id = :i"), {"i": crm.leads["b:rep_lead"]}).scalar()
        assert n == 0


def test_without_a_tenant_no_tenant_rows_are_visible(rls_crm):
    _crm, engine = rls_crm
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM contacts")).scalar() == 0
        assert conn.execute(text("SELECT count(*) FROM activities")).scalar() == 0


def test_writing_another_tenants_row_is_refused_by_the_database(rls_crm):
    crm, engine = rls_crm
    factory = make_session_factory(engine)
    with pytest.raises(DBAPIError):
        with tenant_session(factory, crm.tenants["a"]) as s:
            s.execute(text("INSERT INTO contacts (tenant_id, first_name, last_name, preferred_language, created_at) "
                           "VALUES (:t, 'X', 'Y', 'en', now())"), {"t": crm.tenants["b"]})


def test_the_service_runs_as_a_row_level_secured_role(pg_schema_url, tmp_path, fake_model):
    """Production setup: migrations as owner, the service as a role RLS binds; a full summary works."""
    from fastapi.testclient import TestClient

    from assistant.api.app import create_app
    from assistant.llm_factory import build_egress_guard
    from assistant.services import build_services
    from connectors.crm.migrate import upgrade
    from guardrails.audit import verify_chain
    from guardrails.audit.grants import audit_grants
    from tests.fixtures import make_settings, shared_redactor, token_for

    url, schema = pg_schema_url
    upgrade(url)
    crm = build_tiny_crm(url)
    owner = create_engine(url)
    role = f"lua_svc_{uuid.uuid4().hex[:8]}"
    app_tables = [t for t in metadata.tables if not t.startswith("audit_")]
    with owner.begin() as conn:
        conn.execute(text(f"CREATE ROLE {role} LOGIN NOSUPERUSER NOBYPASSRLS"))
        conn.execute(text(f'GRANT USAGE ON SCHEMA "{schema}" TO {role}'))
        conn.execute(text(f'GRANT SELECT, INSERT, UPDATE, DELETE ON {", ".join(app_tables)} TO {role}'))
        conn.execute(text(f'GRANT USAGE ON ALL SEQUENCES IN SCHEMA "{schema}" TO {role}'))
        for stmt in audit_grants(role, schema=schema):
            conn.execute(text(stmt))
    try:
        settings = make_settings(tmp_path, database_url=url.replace("postgres@", f"{role}@", 1))
        services = build_services(settings)
        services.redactor_factory = shared_redactor
        services.egress_factory = lambda: build_egress_guard(settings, models={"fake": fake_model})
        with TestClient(create_app(settings, services=services)) as client:
            h = {"Authorization": f"Bearer {token_for(crm, settings, 'a:rep')}"}
            r = client.post(f"/v1/leads/{crm.leads['a:rep_lead']}/summary", headers=h)
            assert r.status_code == 200, r.text
            assert client.get(f"/v1/leads/{crm.leads['b:rep_lead']}", headers=h).status_code == 404
        services.engine.dispose()
        with owner.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM audit_records")).scalar() == 1
            assert conn.execute(text("SELECT count(*) FROM vault_entries")).scalar() >= 1
        from sqlalchemy.orm import Session

        with Session(owner) as s:
            assert verify_chain(s, crm.tenants["a"]).ok
    finally:
        with owner.begin() as conn:
            conn.execute(text(f'DROP OWNED BY {role}'))
            conn.execute(text(f"DROP ROLE {role}"))
        owner.dispose()

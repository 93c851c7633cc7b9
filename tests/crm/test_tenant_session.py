"""The tenant-scoped session is the first wall: no query through it sees another tenant's rows."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select, update

from connectors.crm.db import CrossTenantWrite, tenant_session
from connectors.crm.models import Activity, Contact, Lead, data_class_of, columns_by_class


def test_selects_are_filtered_to_the_tenant(crm_db):
    a, b = crm_db.tenants["a"], crm_db.tenants["b"]
    with tenant_session(crm_db.factory, a) as s:
        assert {c.tenant_id for c in s.scalars(select(Contact))} == {a}
        assert s.scalar(select(func.count()).select_from(Lead)) == 3
        # A direct id lookup of the other tenant's lead finds nothing.
        assert s.scalar(select(Lead).where(Lead.id == crm_db.leads["b:rep_lead"])) is None
        # Joins and relationship-free subqueries are filtered too.
        rows = s.execute(select(Activity.id, Lead.tenant_id).join(Lead, Lead.id == Activity.lead_id)).all()
        assert rows and {r[1] for r in rows} == {a}
    with tenant_session(crm_db.factory, b) as s:
        assert {c.tenant_id for c in s.scalars(select(Contact))} == {b}


def test_get_by_primary_key_of_another_tenant_returns_nothing(crm_db):
    with tenant_session(crm_db.factory, crm_db.tenants["a"]) as s:
        other = crm_db.leads["b:rep_lead"]
        assert s.scalar(select(Lead).filter_by(id=other)) is None


def test_bulk_update_cannot_reach_another_tenant(crm_db):
    with tenant_session(crm_db.factory, crm_db.tenants["a"]) as s:
        s.execute(update(Lead).values(stage="lost"))
    with tenant_session(crm_db.factory, crm_db.tenants["b"]) as s:
        assert "lost" not in set(s.scalars(select(Lead.stage)))


def test_writes_for_another_tenant_are_refused(crm_db):
    with pytest.raises(CrossTenantWrite):
        with tenant_session(crm_db.factory, crm_db.tenants["a"]) as s:
            s.add(Contact(tenant_id=crm_db.tenants["b"], first_name="X", last_name="Y"))
    # New rows without a tenant get the session's tenant.
    with tenant_session(crm_db.factory, crm_db.tenants["a"]) as s:
        c = Contact(first_name="Nour", last_name="Saleh")
        s.add(c)
        s.flush()
        assert c.tenant_id == crm_db.tenants["a"]


def test_every_column_declares_a_data_class():
    from connectors.crm.schema import metadata

    crm_tables = {"tenants", "branches", "users", "contacts", "leads", "activities", "wallets", "transactions"}
    for name in crm_tables:
        for col in metadata.tables[name].columns:
            assert col.info.get("data_class") in {"public", "internal", "personal", "special"}, (name, col.name)
    assert data_class_of(Contact, "health_conditions") == "special"
    assert data_class_of(Contact, "email") == "personal"
    assert columns_by_class(Lead)["value"] == "internal"
    with pytest.raises(KeyError):
        data_class_of(Contact, "no_such_column")

"""PostgreSQL row-level security: the second wall behind the tenant-scoped session.

Every table with a `tenant_id` column gets a policy that admits only rows of the tenant named
by the transaction's `app.tenant_id` setting (set by `tenant_session`). A connection that set no
tenant sees no tenant rows. Policies bind roles without BYPASSRLS that do not own the tables:
run the service as such a role and migrations as the owner (see README, "Production").
"""

from __future__ import annotations

from sqlalchemy import MetaData

POLICY = "tenant_isolation"
EXPR = "tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::integer"


def tenant_tables(metadata: MetaData) -> list[str]:
    return sorted(t.name for t in metadata.sorted_tables if "tenant_id" in t.columns)


def enable_statements(metadata: MetaData) -> list[str]:
    out = []
    for table in tenant_tables(metadata):
        out += [
            f'ALTER TABLE "{table}" ENABLE ROW LEVEL SECURITY',
            f'DROP POLICY IF EXISTS {POLICY} ON "{table}"',
            f'CREATE POLICY {POLICY} ON "{table}" USING ({EXPR}) WITH CHECK ({EXPR})',
        ]
    return out


def disable_statements(metadata: MetaData) -> list[str]:
    out = []
    for table in tenant_tables(metadata):
        out += [f'DROP POLICY IF EXISTS {POLICY} ON "{table}"',
                f'ALTER TABLE "{table}" DISABLE ROW LEVEL SECURITY']
    return out

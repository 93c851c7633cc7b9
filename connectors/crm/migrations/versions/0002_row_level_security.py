"""Row-level security on PostgreSQL: a policy per tenant table keyed on app.tenant_id.

Revision ID: 0002
Revises: 0001
"""
from alembic import op

from connectors.crm.rls import disable_statements, enable_statements
from connectors.crm.schema import metadata

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return  # SQLite has no RLS; the tenant-scoped session is the wall there
    for stmt in enable_statements(metadata):
        op.execute(stmt)


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for stmt in disable_statements(metadata):
        op.execute(stmt)

"""PostgreSQL: `audit_append`, the one-round-trip audit append (guardrails/audit/pg_append.py).

Revision ID: 0003
Revises: 0002
"""
from alembic import op

from guardrails.audit.pg_append import CREATE_FUNCTION, DROP_FUNCTION

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return  # SQLite appends with the multi-statement path
    op.execute(CREATE_FUNCTION)


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(DROP_FUNCTION)

"""Privacy receipts keep the redacted prompt sent (placeholders only), nullable: cleared by retention
and erasure, and never stored when LUA_RECEIPT_KEEP_PROMPT=false.

Revision ID: 0004
Revises: 0003
"""
import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("model_calls", schema=None) as batch_op:
        batch_op.add_column(sa.Column("prompt_redacted", sa.JSON(none_as_null=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("model_calls", schema=None) as batch_op:
        batch_op.drop_column("prompt_redacted")

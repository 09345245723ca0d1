"""outbox.update_id and outbox.subject_id: replies written in the update's transaction,
and messages about someone other than the recipient (export and erase follow them)

Revision ID: 0010
Revises: 0002
Create Date: 2026-12-06 23:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.add_column(sa.Column("update_id", sa.BigInteger(), nullable=True))
        batch_op.add_column(sa.Column("subject_id", sa.BigInteger(), nullable=True))
        batch_op.create_index(batch_op.f("ix_outbox_update_id"), ["update_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_outbox_subject_id"), ["subject_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_outbox_subject_id"))
        batch_op.drop_index(batch_op.f("ix_outbox_update_id"))
        batch_op.drop_column("subject_id")
        batch_op.drop_column("update_id")

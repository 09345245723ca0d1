"""aftercare: words typed in check-ins, late answers, employer check-ins, pay and contract
terms of a placement, the details and wishes behind an alert

Revision ID: 0030
Revises: 0002
Create Date: 2026-12-06 23:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0030"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "aftercare_words",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("checkin_id", sa.Integer(), nullable=False),
        sa.Column("seeker_id", sa.BigInteger(), nullable=False),
        sa.Column("author_id", sa.BigInteger(), nullable=False),
        sa.Column("step", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("aftercare_words", schema=None) as batch_op:
        batch_op.create_index("ix_aftercare_words_checkin_id", ["checkin_id"], unique=False)
        batch_op.create_index("ix_aftercare_words_seeker_id", ["seeker_id"], unique=False)
    op.create_table(
        "aftercare_terms",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("placement_id", sa.Integer(), nullable=False),
        sa.Column("pay_frequency", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("pay_day", sa.Integer(), nullable=True),
        sa.Column("first_payday", sa.Date(), nullable=True),
        sa.Column("contract_end", sa.Date(), nullable=True),
        sa.Column("probation_end", sa.Date(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("aftercare_terms", schema=None) as batch_op:
        batch_op.create_index("ix_aftercare_terms_placement_id", ["placement_id"], unique=True)
    with op.batch_alter_table("aftercare_checkins", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("late", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch_op.add_column(
            sa.Column(
                "audience",
                sqlmodel.sql.sqltypes.AutoString(length=16),
                nullable=False,
                server_default="worker",
            )
        )
        batch_op.add_column(sa.Column("recipient_id", sa.BigInteger(), nullable=True))
        batch_op.create_index("ix_aftercare_checkins_recipient_id", ["recipient_id"], unique=False)
    with op.batch_alter_table("aftercare_alerts", schema=None) as batch_op:
        batch_op.add_column(sa.Column("details", sa.JSON(), nullable=False, server_default="[]"))
        batch_op.add_column(
            sa.Column("wish", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=True)
        )
        batch_op.add_column(
            sa.Column("phase", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=True)
        )


def downgrade() -> None:
    with op.batch_alter_table("aftercare_alerts", schema=None) as batch_op:
        batch_op.drop_column("phase")
        batch_op.drop_column("wish")
        batch_op.drop_column("details")
    with op.batch_alter_table("aftercare_checkins", schema=None) as batch_op:
        batch_op.drop_index("ix_aftercare_checkins_recipient_id")
        batch_op.drop_column("recipient_id")
        batch_op.drop_column("audience")
        batch_op.drop_column("late")
    with op.batch_alter_table("aftercare_terms", schema=None) as batch_op:
        batch_op.drop_index("ix_aftercare_terms_placement_id")
    op.drop_table("aftercare_terms")
    with op.batch_alter_table("aftercare_words", schema=None) as batch_op:
        batch_op.drop_index("ix_aftercare_words_seeker_id")
        batch_op.drop_index("ix_aftercare_words_checkin_id")
    op.drop_table("aftercare_words")

"""vacancies: description, pay, hours range, what to bring, travel costs, first-day details,
English versions of the employer's own questions

Revision ID: 0040
Revises: 0002
Create Date: 2026-12-06 23:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0040"
down_revision = "0002"
branch_labels = None
depends_on = None

AutoString = sqlmodel.sql.sqltypes.AutoString


def upgrade() -> None:
    with op.batch_alter_table("vacancies", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("hours_max", sa.Integer(), nullable=False, server_default="0")
        )
        batch_op.add_column(
            sa.Column("description", AutoString(length=500), nullable=False, server_default="")
        )
        batch_op.add_column(sa.Column("pay_cents", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column("pay_scale", AutoString(length=120), nullable=False, server_default="")
        )
        batch_op.add_column(
            sa.Column("bring", AutoString(length=200), nullable=False, server_default="")
        )
        batch_op.add_column(sa.Column("travel_paid", sa.Boolean(), nullable=True))
        batch_op.add_column(
            sa.Column("start_time", AutoString(length=5), nullable=False, server_default="")
        )
        batch_op.add_column(
            sa.Column("contact_name", AutoString(length=80), nullable=True, server_default="")
        )
        batch_op.add_column(
            sa.Column("contact_phone", AutoString(length=30), nullable=True, server_default="")
        )
        batch_op.add_column(
            sa.Column("custom_questions_en", sa.JSON(), nullable=False, server_default="[]")
        )


def downgrade() -> None:
    with op.batch_alter_table("vacancies", schema=None) as batch_op:
        for column in (
            "custom_questions_en",
            "contact_phone",
            "contact_name",
            "start_time",
            "travel_paid",
            "bring",
            "pay_scale",
            "pay_cents",
            "description",
            "hours_max",
        ):
            batch_op.drop_column(column)

"""guide actions: snooze and not-interested decisions from the guide's bot

Revision ID: 0003
Revises: 0002
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import db.types

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "guide_actions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("guide_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("until", db.types.UTCDateTime(), nullable=False),
        sa.Column("created_at", db.types.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["customer_id"], ["customers.id"],
                                name=op.f("fk_guide_actions_customer_id_customers")),
        sa.ForeignKeyConstraint(["guide_id"], ["staff.id"], name=op.f("fk_guide_actions_guide_id_staff")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_guide_actions")),
    )
    with op.batch_alter_table("guide_actions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_guide_actions_customer_id"), ["customer_id"], unique=False)
        batch_op.create_index("ix_guide_actions_guide_until", ["guide_id", "until"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("guide_actions", schema=None) as batch_op:
        batch_op.drop_index("ix_guide_actions_guide_until")
        batch_op.drop_index(batch_op.f("ix_guide_actions_customer_id"))
    op.drop_table("guide_actions")

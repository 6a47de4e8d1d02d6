"""customers: each guide's personal customer link (the code behind /start c_<code>)

Revision ID: 0004
Revises: 0003
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import db.types

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "guide_links",
        sa.Column("staff_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=64), nullable=False),
        sa.Column("created_at", db.types.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["staff_id"], ["staff.id"], name=op.f("fk_guide_links_staff_id_staff")),
        sa.PrimaryKeyConstraint("staff_id", name=op.f("pk_guide_links")),
        sa.UniqueConstraint("code", name=op.f("uq_guide_links_code")),
    )


def downgrade() -> None:
    op.drop_table("guide_links")

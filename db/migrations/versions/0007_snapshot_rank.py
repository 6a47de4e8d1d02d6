"""score_snapshots: the nightly priority rank and segment membership, so /today reads its top rows

Revision ID: 0007
Revises: 0006
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("score_snapshots", schema=None) as batch_op:
        batch_op.add_column(sa.Column("rank", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("segments", sa.Integer(), nullable=False, server_default="0"))
        batch_op.create_index("ix_score_snapshots_rank", ["rank"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("score_snapshots", schema=None) as batch_op:
        batch_op.drop_index("ix_score_snapshots_rank")
        batch_op.drop_column("segments")
        batch_op.drop_column("rank")

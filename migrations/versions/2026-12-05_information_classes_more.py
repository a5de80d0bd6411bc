"""information classes (R9) on concerns, network meetings and absence records

Revision ID: 0019
Revises: 0017
Create Date: 2026-12-05
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0019"
down_revision: str | None = "0017"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CLASSIFIED = ("concern", "network_meeting", "absence_record")


def upgrade() -> None:
    op.execute("SET LOCAL lock_timeout = '5s'")
    for table in CLASSIFIED:
        op.add_column(table, sa.Column("information_class", sa.String(length=10), nullable=True))


def downgrade() -> None:
    op.execute("SET LOCAL lock_timeout = '5s'")
    for table in reversed(CLASSIFIED):
        op.drop_column(table, "information_class")

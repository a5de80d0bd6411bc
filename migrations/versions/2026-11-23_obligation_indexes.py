"""indexes the worklist needs at national scale (bench/obligations.py, bench/explain/)

`responsible=` is narrowed into each rule's query (obligations/narrowing.py); the transition
form's update (R11/R12) is narrowed by its author, which had no index.

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-23
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.execute("SET LOCAL lock_timeout = '5s'")
    op.create_index("ix_transition_form_author", "transition_form", ["municipality_code", "author_sub"])


def downgrade() -> None:
    op.drop_index("ix_transition_form_author", table_name="transition_form")

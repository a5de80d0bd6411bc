"""event dates in order (§8.1): a guide's reply, start and end after the step they answer; an
absence record's warning and notification not before its period

A CHECK is NULL-tolerant, so a step not yet taken (NULL) passes. The services refuse the same
with `date.before_event`; the constraints are the guarantee under any writer.

Revision ID: 0013
Revises: 0011
Create Date: 2026-12-05
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CHECKS: tuple[tuple[str, str, str], ...] = (
    ("responded_after_offered", "guide_assignment", "responded_on >= offered_on"),
    ("started_after_responded", "guide_assignment", "started_on >= COALESCE(responded_on, offered_on)"),
    ("ended_after_started", "guide_assignment", "ended_on >= COALESCE(started_on, responded_on, offered_on)"),
    ("warned_in_period", "absence_record", "parents_warned_on >= period_from"),
    ("notified_in_period", "absence_record", "municipality_notified_on >= period_from"),
)


def upgrade() -> None:
    op.execute("SET LOCAL lock_timeout = '5s'")
    for name, table, condition in CHECKS:
        op.create_check_constraint(op.f(f"ck_{table}_{name}"), table, condition)


def downgrade() -> None:
    op.execute("SET LOCAL lock_timeout = '5s'")
    for name, table, _ in reversed(CHECKS):
        op.drop_constraint(op.f(f"ck_{table}_{name}"), table, type_="check")

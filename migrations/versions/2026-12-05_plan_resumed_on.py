"""a plan's resumed_on: the day it became current again after its latest interruption (R5, §8.2)

`plan.new_activity_due` is satisfied when the plan becomes current again, and stays missed when
it was completed or closed straight from the interruption after the deadline; the day decides
whether the contact and the new activity were due while the plan was still interrupted. The
plan's own columns keep only the latest status change, so existing plans are filled in from
their revisions (each holds the plan's snapshot after the change): the first revision that is
active or stuck after the latest interrupted one; failing that, a plan current now resumed on
its latest status change.

Revision ID: 0018
Revises: 0014
Create Date: 2026-12-05
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0018"
down_revision: str | None = "0019"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BACKFILL = """
UPDATE plan AS p
SET resumed_on = GREATEST(p.interrupted_on, found.resumed_on)
FROM (
    SELECT q.id, COALESCE(
        (
            SELECT min((r.snapshot->>'status_changed_on')::date)
            FROM plan_revision AS r
            WHERE r.plan_id = q.id
              AND r.snapshot->>'status' IN ('active', 'stuck')
              AND r.number > (
                  SELECT max(i.number) FROM plan_revision AS i
                  WHERE i.plan_id = q.id AND i.snapshot->>'status' = 'interrupted'
              )
        ),
        CASE WHEN q.status IN ('active', 'stuck') THEN q.status_changed_on END
    ) AS resumed_on
    FROM plan AS q
    WHERE q.interrupted_on IS NOT NULL AND q.status <> 'interrupted'
) AS found
WHERE found.id = p.id AND found.resumed_on IS NOT NULL
"""


def upgrade() -> None:
    op.execute("SET LOCAL lock_timeout = '5s'")
    op.add_column("plan", sa.Column("resumed_on", sa.Date(), nullable=True))
    op.execute(BACKFILL)
    op.create_check_constraint(
        op.f("ck_plan_resumed_after_interrupted"), "plan", "resumed_on IS NULL OR resumed_on >= interrupted_on"
    )


def downgrade() -> None:
    op.execute("SET LOCAL lock_timeout = '5s'")
    op.drop_constraint(op.f("ck_plan_resumed_after_interrupted"), "plan", type_="check")
    op.drop_column("plan", "resumed_on")

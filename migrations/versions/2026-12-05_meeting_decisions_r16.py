"""R16 on every door: a team's decision day and first-meeting window; a meeting's decisions hold it in place

A team records the day it was decided (the forum meeting's day, or the day a coordinator composed
it directly); its first meeting lies between that day and its deadline. A decision's first team
meeting is never before the decision. A meeting with recorded decisions cannot move, and a
decision is never dated before its meeting (§8.1). The service refuses first with a friendly code;
these are the guarantees. The new CHECKs are added NOT VALID: rows written before this revision
(when POST /v1/teams did not apply R16) stay readable, every new or changed row is checked.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-05
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from ungeapi.migration_ops import APP_ROLE

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

MEETING_KEEPS_ITS_DAY = """
CREATE FUNCTION forum_meeting_keeps_decided_day() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.starts_at IS DISTINCT FROM OLD.starts_at
       AND EXISTS (SELECT 1 FROM meeting_decision WHERE meeting_id = OLD.id) THEN
        RAISE EXCEPTION 'meeting % has recorded decisions and cannot move', OLD.id
            USING ERRCODE = 'check_violation', CONSTRAINT = 'meeting_has_decisions';
    END IF;
    RETURN NEW;
END
$$
"""

DECISION_AFTER_MEETING = """
CREATE FUNCTION meeting_decision_not_before_meeting() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    meeting_day date;
BEGIN
    SELECT (starts_at AT TIME ZONE 'Europe/Copenhagen')::date INTO meeting_day
    FROM forum_meeting WHERE id = NEW.meeting_id;
    IF NEW.decided_on < meeting_day THEN
        RAISE EXCEPTION 'a decision cannot be dated before its meeting (%)', meeting_day
            USING ERRCODE = 'check_violation', CONSTRAINT = 'decision_before_meeting';
    END IF;
    RETURN NEW;
END
$$
"""


def upgrade() -> None:
    op.execute("SET LOCAL lock_timeout = '5s'")
    op.add_column("coordinating_team", sa.Column("decided_on", sa.Date(), nullable=True))
    op.execute(
        "UPDATE coordinating_team AS t SET decided_on = COALESCE("
        " (SELECT d.decided_on FROM meeting_decision AS d WHERE d.id = t.created_from_decision_id),"
        " (t.created_at AT TIME ZONE 'Europe/Copenhagen')::date)"
    )
    op.alter_column("coordinating_team", "decided_on", nullable=False)
    op.execute(
        "ALTER TABLE coordinating_team ADD CONSTRAINT ck_coordinating_team_first_meeting_in_window CHECK ("
        "first_meeting_on IS NULL OR (first_meeting_on >= decided_on AND first_meeting_on <= first_meeting_deadline)"
        ") NOT VALID"
    )
    op.execute(
        "ALTER TABLE meeting_decision ADD CONSTRAINT ck_meeting_decision_first_meeting_after_decision CHECK ("
        "first_team_meeting_on IS NULL OR first_team_meeting_on >= decided_on) NOT VALID"
    )
    # Cancelling a meeting (DELETE /v1/meetings/{id}) removes it; one with decisions is kept by
    # the decisions' foreign key.
    op.execute(f"GRANT DELETE ON forum_meeting TO {APP_ROLE}")
    op.execute(MEETING_KEEPS_ITS_DAY)
    op.execute(
        "CREATE TRIGGER forum_meeting_keeps_decided_day BEFORE UPDATE OF starts_at ON forum_meeting"
        " FOR EACH ROW EXECUTE FUNCTION forum_meeting_keeps_decided_day()"
    )
    op.execute(DECISION_AFTER_MEETING)
    op.execute(
        "CREATE TRIGGER meeting_decision_not_before_meeting BEFORE INSERT OR UPDATE OF decided_on, meeting_id"
        " ON meeting_decision FOR EACH ROW EXECUTE FUNCTION meeting_decision_not_before_meeting()"
    )


def downgrade() -> None:
    op.execute("SET LOCAL lock_timeout = '5s'")
    op.execute("DROP TRIGGER meeting_decision_not_before_meeting ON meeting_decision")
    op.execute("DROP FUNCTION meeting_decision_not_before_meeting()")
    op.execute("DROP TRIGGER forum_meeting_keeps_decided_day ON forum_meeting")
    op.execute("DROP FUNCTION forum_meeting_keeps_decided_day()")
    op.execute(f"REVOKE DELETE ON forum_meeting FROM {APP_ROLE}")
    op.drop_constraint(
        op.f("ck_meeting_decision_first_meeting_after_decision"), "meeting_decision", type_="check"
    )
    op.drop_constraint(
        op.f("ck_coordinating_team_first_meeting_in_window"), "coordinating_team", type_="check"
    )
    op.drop_column("coordinating_team", "decided_on")

"""support after 18 on cases (R10), youth plans (R19), aftercare decisions (R20), team-meeting goal links

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from ungeapi.migration_ops import drop_tenant_policy, tenant_table

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _record_columns() -> list[sa.Column[object]]:
    return [
        sa.Column("author_sub", sa.String(length=200), nullable=False),
        sa.Column("author_name", sa.String(length=200), nullable=False),
        sa.Column("author_department", sa.String(length=20), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("municipality_code", sa.String(length=3), nullable=False),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
    ]


def upgrade() -> None:
    op.execute("SET LOCAL lock_timeout = '5s'")
    # R10: the case says whether support after 18 is expected, and how many hours a week.
    op.add_column(
        "youth_case",
        sa.Column("support_after_18_expected", sa.Boolean(), server_default=sa.false(), nullable=False),
    )
    op.add_column("youth_case", sa.Column("support_hours_after_18", sa.Numeric(5, 1), nullable=True))
    op.create_check_constraint(
        op.f("ck_youth_case_support_hours_range"),
        "youth_case",
        "support_hours_after_18 IS NULL OR (support_hours_after_18 >= 0 AND support_hours_after_18 <= 168)",
    )
    op.create_check_constraint(
        op.f("ck_youth_case_support_hours_need_expectation"),
        "youth_case",
        "support_hours_after_18 IS NULL OR support_after_18_expected",
    )
    op.create_index(
        "ix_youth_case_support_after_18",
        "youth_case",
        ["youth_id"],
        unique=False,
        postgresql_where=sa.text("support_after_18_expected"),
    )

    # R19: the youth plan (ungeplan, Barnets lov § 108) of a placed youth.
    op.create_table(
        "youth_plan",
        sa.Column("id", sa.UUID(), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.Column("youth_id", sa.UUID(), nullable=False),
        sa.Column("case_id", sa.UUID(), nullable=True),
        sa.Column("made_on", sa.Date(), nullable=False),
        sa.Column("youth_involved", sa.Boolean(), nullable=False),
        sa.Column("parents_involved", sa.Boolean(), nullable=False),
        sa.Column("goals", sa.Text(), nullable=False),
        *_record_columns(),
        sa.ForeignKeyConstraint(["youth_id"], ["youth.id"], name=op.f("fk_youth_plan_youth_id_youth")),
        sa.ForeignKeyConstraint(
            ["case_id"], ["youth_case.id"], name=op.f("fk_youth_plan_case_id_youth_case")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_youth_plan")),
    )
    op.create_index("ix_youth_plan_youth", "youth_plan", ["youth_id", "made_on", "id"], unique=False)
    op.create_index("ix_youth_plan_made", "youth_plan", ["municipality_code", "made_on", "id"], unique=False)

    # R20: the decision on support after 18 (ungestøtte, Barnets lov §§ 114-116) of a placed youth.
    op.create_table(
        "aftercare_decision",
        sa.Column("id", sa.UUID(), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.Column("youth_id", sa.UUID(), nullable=False),
        sa.Column("case_id", sa.UUID(), nullable=True),
        sa.Column("decided_on", sa.Date(), nullable=False),
        sa.Column("outcome", sa.String(length=20), nullable=False),
        sa.Column("legal_basis_code", sa.String(length=50), nullable=True),
        sa.Column("support_until", sa.Date(), nullable=True),
        sa.Column("youth_plan_revised_on", sa.Date(), nullable=True),
        *_record_columns(),
        sa.CheckConstraint(
            "outcome IN ('granted', 'refused', 'declined_by_youth')",
            name=op.f("ck_aftercare_decision_outcome"),
        ),
        sa.CheckConstraint(
            "support_until IS NULL OR (outcome = 'granted' AND support_until > decided_on)",
            name=op.f("ck_aftercare_decision_support_until_granted"),
        ),
        sa.ForeignKeyConstraint(
            ["youth_id"], ["youth.id"], name=op.f("fk_aftercare_decision_youth_id_youth")
        ),
        sa.ForeignKeyConstraint(
            ["case_id"], ["youth_case.id"], name=op.f("fk_aftercare_decision_case_id_youth_case")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_aftercare_decision")),
    )
    op.create_index(
        "ix_aftercare_decision_youth", "aftercare_decision", ["youth_id", "decided_on", "id"], unique=False
    )
    op.create_index(
        "ix_aftercare_decision_decided",
        "aftercare_decision",
        ["municipality_code", "decided_on", "id"],
        unique=False,
    )

    # R17: a team meeting's short- and long-term plans link to goals of the youth's plan.
    op.create_table(
        "team_meeting_goal",
        sa.Column("meeting_id", sa.UUID(), nullable=False),
        sa.Column("goal_id", sa.UUID(), nullable=False),
        sa.Column("horizon", sa.String(length=10), nullable=False),
        sa.Column("municipality_code", sa.String(length=3), nullable=False),
        sa.CheckConstraint("horizon IN ('short', 'long')", name=op.f("ck_team_meeting_goal_horizon")),
        sa.ForeignKeyConstraint(
            ["meeting_id"], ["team_meeting.id"], name=op.f("fk_team_meeting_goal_meeting_id_team_meeting")
        ),
        sa.ForeignKeyConstraint(
            ["goal_id"], ["plan_goal.id"], name=op.f("fk_team_meeting_goal_goal_id_plan_goal")
        ),
        sa.PrimaryKeyConstraint("meeting_id", "goal_id", name=op.f("pk_team_meeting_goal")),
    )
    op.create_index("ix_team_meeting_goal_goal", "team_meeting_goal", ["goal_id"], unique=False)

    tenant_table("youth_plan", privileges="SELECT, INSERT, UPDATE")
    tenant_table("aftercare_decision", privileges="SELECT, INSERT, UPDATE")
    tenant_table("team_meeting_goal", privileges="SELECT, INSERT")


def downgrade() -> None:
    op.execute("SET LOCAL lock_timeout = '5s'")
    for table in ("team_meeting_goal", "aftercare_decision", "youth_plan"):
        drop_tenant_policy(table)
    op.drop_index("ix_team_meeting_goal_goal", table_name="team_meeting_goal")
    op.drop_table("team_meeting_goal")
    op.drop_index("ix_aftercare_decision_decided", table_name="aftercare_decision")
    op.drop_index("ix_aftercare_decision_youth", table_name="aftercare_decision")
    op.drop_table("aftercare_decision")
    op.drop_index("ix_youth_plan_made", table_name="youth_plan")
    op.drop_index("ix_youth_plan_youth", table_name="youth_plan")
    op.drop_table("youth_plan")
    op.drop_index("ix_youth_case_support_after_18", table_name="youth_case")
    op.drop_constraint(op.f("ck_youth_case_support_hours_need_expectation"), "youth_case", type_="check")
    op.drop_constraint(op.f("ck_youth_case_support_hours_range"), "youth_case", type_="check")
    op.drop_column("youth_case", "support_hours_after_18")
    op.drop_column("youth_case", "support_after_18_expected")

"""R6 target-group assessments, R21 disability transition assessments (and the case's mark of a
substantial and permanent disability), and R22's follow-up after the notification on the
absence record (hearing, child-benefit decision, absence team, back to school, Helsingør's
wellbeing signal and the contact person's contact)

Revision ID: 0026
Revises: 0024
Create Date: 2026-12-05
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from ungeapi.migration_ops import drop_tenant_policy, tenant_table

revision: str = "0026"
down_revision: str | None = "0024"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = ("target_group_assessment", "disability_transition_assessment")
ABSENCE_DATES = (
    "parents_heard_on",
    "child_heard_on",
    "child_benefit_decided_on",
    "back_at_school_on",
    "next_follow_up_on",
    "guide_contacted_on",
)


def _common() -> list[sa.Column[object]]:
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
    op.create_table(
        "target_group_assessment",
        sa.Column("id", sa.UUID(), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.Column("youth_id", sa.UUID(), nullable=False),
        sa.Column("referred_on", sa.Date(), nullable=True),
        sa.Column("assessed_on", sa.Date(), nullable=True),
        sa.Column("fgu_target_group", sa.Boolean(), nullable=True),
        sa.Column("other_offer", sa.String(length=500), nullable=True),
        sa.Column("basis", postgresql.ARRAY(sa.String(length=40)), server_default="{}", nullable=False),
        sa.Column("basis_note", sa.Text(), nullable=True),
        *_common(),
        sa.CheckConstraint(
            "referred_on IS NOT NULL OR assessed_on IS NOT NULL",
            name=op.f("ck_target_group_assessment_referred_or_assessed"),
        ),
        sa.CheckConstraint(
            "(assessed_on IS NULL) = (fgu_target_group IS NULL)",
            name=op.f("ck_target_group_assessment_outcome_when_assessed"),
        ),
        sa.CheckConstraint(
            "assessed_on >= referred_on", name=op.f("ck_target_group_assessment_assessed_after_referral")
        ),
        sa.ForeignKeyConstraint(
            ["youth_id", "municipality_code"],
            ["youth.id", "youth.municipality_code"],
            name=op.f("fk_target_group_assessment_youth_id_youth"),
        ),
        sa.PrimaryKeyConstraint("id", "municipality_code", name=op.f("pk_target_group_assessment")),
    )
    op.create_index(
        "ix_target_group_assessment_youth", "target_group_assessment", ["youth_id", "assessed_on"]
    )
    op.create_index(
        "ix_target_group_assessment_listing", "target_group_assessment", ["municipality_code", "id"]
    )
    op.create_table(
        "disability_transition_assessment",
        sa.Column("id", sa.UUID(), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.Column("youth_id", sa.UUID(), nullable=False),
        sa.Column("case_id", sa.UUID(), nullable=True),
        sa.Column("started_on", sa.Date(), nullable=False),
        sa.Column("completed_on", sa.Date(), nullable=True),
        *(
            sa.Column(name, sa.Text(), nullable=True)
            for name in (
                "support_need",
                "education",
                "employment",
                "income_basis",
                "housing",
                "social_conditions",
                "other",
            )
        ),
        *_common(),
        sa.CheckConstraint(
            "completed_on >= started_on",
            name=op.f("ck_disability_transition_assessment_completed_after_start"),
        ),
        sa.ForeignKeyConstraint(
            ["youth_id", "municipality_code"],
            ["youth.id", "youth.municipality_code"],
            name=op.f("fk_disability_transition_assessment_youth_id_youth"),
        ),
        sa.ForeignKeyConstraint(
            ["case_id", "municipality_code"],
            ["youth_case.id", "youth_case.municipality_code"],
            name=op.f("fk_disability_transition_assessment_case_id_youth_case"),
        ),
        sa.PrimaryKeyConstraint("id", "municipality_code", name=op.f("pk_disability_transition_assessment")),
    )
    op.create_index(
        "ix_disability_transition_assessment_youth",
        "disability_transition_assessment",
        ["youth_id", "started_on"],
    )
    op.create_index(
        "ix_disability_transition_assessment_listing",
        "disability_transition_assessment",
        ["municipality_code", "id"],
    )
    for table in TABLES:
        tenant_table(table, privileges="SELECT, INSERT, UPDATE")

    op.add_column(
        "youth_case",
        sa.Column(
            "substantial_permanent_disability", sa.Boolean(), server_default=sa.false(), nullable=False
        ),
    )
    op.create_index(
        "ix_youth_case_substantial_disability",
        "youth_case",
        ["youth_id"],
        postgresql_where=sa.text("substantial_permanent_disability"),
    )

    op.add_column("absence_record", sa.Column("absence_team_department", sa.String(length=20), nullable=True))
    for name in ABSENCE_DATES:
        op.add_column("absence_record", sa.Column(name, sa.Date(), nullable=True))
    op.add_column("absence_record", sa.Column("child_benefit_outcome", sa.String(length=20), nullable=True))
    op.add_column(
        "absence_record", sa.Column("child_benefit_decided_by", sa.String(length=200), nullable=True)
    )
    op.add_column(
        "absence_record",
        sa.Column("wellbeing_signal", sa.Boolean(), server_default=sa.false(), nullable=False),
    )
    op.create_check_constraint(
        op.f("ck_absence_record_child_benefit_outcome"),
        "absence_record",
        "child_benefit_outcome IS NULL OR child_benefit_outcome IN ('stopped', 'not_stopped')",
    )
    op.create_check_constraint(
        op.f("ck_absence_record_child_benefit_decided"),
        "absence_record",
        "(child_benefit_outcome IS NULL) = (child_benefit_decided_on IS NULL)",
    )


def downgrade() -> None:
    op.execute("SET LOCAL lock_timeout = '5s'")
    op.drop_constraint(op.f("ck_absence_record_child_benefit_decided"), "absence_record", type_="check")
    op.drop_constraint(op.f("ck_absence_record_child_benefit_outcome"), "absence_record", type_="check")
    for name in (
        "wellbeing_signal",
        "child_benefit_decided_by",
        "child_benefit_outcome",
        *ABSENCE_DATES,
        "absence_team_department",
    ):
        op.drop_column("absence_record", name)
    op.drop_index("ix_youth_case_substantial_disability", table_name="youth_case")
    op.drop_column("youth_case", "substantial_permanent_disability")
    for table in reversed(TABLES):
        drop_tenant_policy(table)
        op.drop_index(f"ix_{table}_listing", table_name=table)
        op.drop_index(f"ix_{table}_youth", table_name=table)
        op.drop_table(table)

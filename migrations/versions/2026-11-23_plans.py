"""the one education-and-job plan: plans, goals, measures, revisions (issue: plans)

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from ungeapi.migration_ops import append_only, drop_append_only, drop_tenant_policy, tenant_table

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CURRENT_PLAN = "status NOT IN ('completed', 'closed')"

# R5: `n` weekdays (Monday to Friday) after `start`; weekends are skipped, public holidays are
# not. Kept equal to plans/rules.py `add_weekdays` by a test. From the Monday of start's ISO
# week, a Saturday or Sunday counts as the Friday before it (no weekday has passed since).
ADD_WEEKDAYS = """
CREATE OR REPLACE FUNCTION ungeapi_add_weekdays(start date, n integer) RETURNS date
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN n <= 0 THEN start ELSE
    (start - (extract(isodow FROM start)::int - 1))
    + ((n + least(extract(isodow FROM start)::int, 5) - 1) / 5) * 7
    + ((n + least(extract(isodow FROM start)::int, 5) - 1) % 5)
  END
$$
"""


def _versioned() -> list[sa.Column[object]]:
    return [
        sa.Column("municipality_code", sa.String(length=3), nullable=False),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
    ]


def upgrade() -> None:
    op.execute("SET LOCAL lock_timeout = '5s'")
    op.create_table(
        "plan",
        sa.Column("id", sa.UUID(), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.Column("youth_id", sa.UUID(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("status_reason", sa.Text(), nullable=True),
        sa.Column("status_changed_on", sa.Date(), nullable=False),
        sa.Column("interrupted_on", sa.Date(), nullable=True),
        sa.Column("dropout_contact_on", sa.Date(), nullable=True),
        sa.Column("coordinating_sub", sa.String(length=200), nullable=False),
        sa.Column("coordinating_name", sa.String(length=200), nullable=False),
        sa.Column("coordinating_department", sa.String(length=20), nullable=True),
        sa.Column("next_follow_up_on", sa.Date(), nullable=True),
        sa.Column("destination", sa.String(length=20), nullable=True),
        sa.Column("destination_text", sa.Text(), nullable=True),
        sa.Column("wishes", sa.Text(), nullable=True),
        sa.Column("readiness", sa.Text(), nullable=True),
        sa.Column("guardian_remarks", sa.Text(), nullable=True),
        sa.Column("duty_fulfilment", sa.Text(), nullable=True),
        sa.Column("started_on", sa.Date(), nullable=False),
        sa.Column("ended_on", sa.Date(), nullable=True),
        sa.Column("revision", sa.Integer(), server_default="1", nullable=False),
        *_versioned(),
        sa.CheckConstraint(
            "status IN ('active', 'stuck', 'interrupted', 'completed', 'closed')", name=op.f("ck_plan_status")
        ),
        sa.CheckConstraint(
            "destination IS NULL OR destination IN ('education', 'job', 'other')",
            name=op.f("ck_plan_destination"),
        ),
        sa.CheckConstraint(
            "status <> 'interrupted' OR interrupted_on IS NOT NULL", name=op.f("ck_plan_interrupted_on")
        ),
        sa.CheckConstraint(
            "ended_on IS NULL OR ended_on >= started_on", name=op.f("ck_plan_ended_after_started")
        ),
        sa.ForeignKeyConstraint(["youth_id"], ["youth.id"], name=op.f("fk_plan_youth_id_youth")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plan")),
    )
    op.create_index(
        "uq_plan_one_current_per_youth",
        "plan",
        ["youth_id"],
        unique=True,
        postgresql_where=sa.text(CURRENT_PLAN),
    )
    op.create_index("ix_plan_youth", "plan", ["youth_id", "created_at"], unique=False)
    op.create_index(
        "ix_plan_municipality_created", "plan", ["municipality_code", "created_at", "id"], unique=False
    )
    op.create_index("ix_plan_status", "plan", ["municipality_code", "status"], unique=False)
    op.create_index("ix_plan_coordinating", "plan", ["municipality_code", "coordinating_sub"], unique=False)
    op.create_index(
        "ix_plan_follow_up",
        "plan",
        ["municipality_code", "next_follow_up_on"],
        unique=False,
        postgresql_where=sa.text(CURRENT_PLAN),
    )
    op.create_index(
        "ix_plan_interrupted",
        "plan",
        ["municipality_code", "interrupted_on"],
        unique=False,
        postgresql_where=sa.text("status = 'interrupted'"),
    )

    op.create_table(
        "plan_goal",
        sa.Column("id", sa.UUID(), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.Column("plan_id", sa.UUID(), nullable=False),
        sa.Column("horizon", sa.String(length=10), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("target_on", sa.Date(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        *_versioned(),
        sa.CheckConstraint("horizon IN ('short', 'long')", name=op.f("ck_plan_goal_horizon")),
        sa.CheckConstraint("status IN ('open', 'achieved', 'dropped')", name=op.f("ck_plan_goal_status")),
        sa.ForeignKeyConstraint(["plan_id"], ["plan.id"], name=op.f("fk_plan_goal_plan_id_plan")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plan_goal")),
        sa.UniqueConstraint("plan_id", "position", name=op.f("uq_plan_goal_plan_id_position")),
    )

    op.create_table(
        "plan_measure",
        sa.Column("id", sa.UUID(), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.Column("plan_id", sa.UUID(), nullable=False),
        sa.Column("department_code", sa.String(length=20), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("legal_basis", sa.String(length=500), nullable=True),
        sa.Column("legal_basis_code", sa.String(length=50), nullable=True),
        sa.Column("responsible_sub", sa.String(length=200), nullable=True),
        sa.Column("responsible_name", sa.String(length=200), nullable=True),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("offer_id", sa.UUID(), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        *_versioned(),
        sa.CheckConstraint(
            "status IN ('planned', 'active', 'completed', 'cancelled')", name=op.f("ck_plan_measure_status")
        ),
        sa.CheckConstraint(
            "ends_on IS NULL OR ends_on >= starts_on", name=op.f("ck_plan_measure_ends_after_starts")
        ),
        sa.ForeignKeyConstraint(
            ["municipality_code", "department_code"],
            ["department.municipality_code", "department.code"],
            name="fk_plan_measure_department",
        ),
        sa.ForeignKeyConstraint(["plan_id"], ["plan.id"], name=op.f("fk_plan_measure_plan_id_plan")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plan_measure")),
        sa.UniqueConstraint("plan_id", "position", name=op.f("uq_plan_measure_plan_id_position")),
    )
    op.create_index(
        "ix_plan_measure_department",
        "plan_measure",
        ["municipality_code", "department_code", "status"],
        unique=False,
    )
    op.create_index(
        "ix_plan_measure_responsible", "plan_measure", ["municipality_code", "responsible_sub"], unique=False
    )
    op.create_index("ix_plan_measure_offer", "plan_measure", ["offer_id"], unique=False)

    op.create_table(
        "plan_revision",
        sa.Column("plan_id", sa.UUID(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("occurred_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("actor_sub", sa.String(length=200), nullable=False),
        sa.Column("actor_name", sa.String(length=200), nullable=False),
        sa.Column("actor_department", sa.String(length=20), nullable=True),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("subject_type", sa.String(length=20), nullable=False),
        sa.Column("subject_id", sa.UUID(), nullable=False),
        sa.Column("why", sa.Text(), nullable=True),
        sa.Column("changes", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("snapshot", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("municipality_code", sa.String(length=3), nullable=False),
        sa.ForeignKeyConstraint(["plan_id"], ["plan.id"], name=op.f("fk_plan_revision_plan_id_plan")),
        sa.PrimaryKeyConstraint("plan_id", "number", name=op.f("pk_plan_revision")),
    )
    op.create_index("ix_plan_revision_occurred", "plan_revision", ["plan_id", "occurred_at"], unique=False)

    for table in ("plan", "plan_goal", "plan_measure"):
        tenant_table(table, privileges="SELECT, INSERT, UPDATE")
    tenant_table("plan_revision", privileges="SELECT, INSERT")
    append_only("plan_revision")
    op.execute(ADD_WEEKDAYS)


def downgrade() -> None:
    op.execute("SET LOCAL lock_timeout = '5s'")
    op.execute("DROP FUNCTION IF EXISTS ungeapi_add_weekdays(date, integer)")
    drop_append_only("plan_revision")
    for table in ("plan_revision", "plan_measure", "plan_goal", "plan"):
        drop_tenant_policy(table)
    op.drop_index("ix_plan_revision_occurred", table_name="plan_revision")
    op.drop_table("plan_revision")
    op.drop_index("ix_plan_measure_offer", table_name="plan_measure")
    op.drop_index("ix_plan_measure_responsible", table_name="plan_measure")
    op.drop_index("ix_plan_measure_department", table_name="plan_measure")
    op.drop_table("plan_measure")
    op.drop_table("plan_goal")
    op.drop_index(
        "ix_plan_interrupted", table_name="plan", postgresql_where=sa.text("status = 'interrupted'")
    )
    op.drop_index("ix_plan_follow_up", table_name="plan", postgresql_where=sa.text(CURRENT_PLAN))
    op.drop_index("ix_plan_coordinating", table_name="plan")
    op.drop_index("ix_plan_status", table_name="plan")
    op.drop_index("ix_plan_municipality_created", table_name="plan")
    op.drop_index("ix_plan_youth", table_name="plan")
    op.drop_index("uq_plan_one_current_per_youth", table_name="plan", postgresql_where=sa.text(CURRENT_PLAN))
    op.drop_table("plan")

"""departments, cases, guides and municipality settings

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 09:33:09.026565
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from ungeapi.migration_ops import drop_tenant_policy, tenant_table

TABLES = ("department", "municipality_settings", "guide_assignment", "youth_case")

# The day a youth turns `age`; born 29 February -> 1 March in common years, as in youth/rules.py.
DATE_TURNING = """
CREATE OR REPLACE FUNCTION ungeapi_date_turning(birth date, age integer) RETURNS date
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE
    WHEN extract(month FROM birth) = 2 AND extract(day FROM birth) = 29
         AND NOT (((extract(year FROM birth)::int + age) % 4 = 0
                   AND (extract(year FROM birth)::int + age) % 100 <> 0)
                  OR (extract(year FROM birth)::int + age) % 400 = 0)
    THEN make_date(extract(year FROM birth)::int + age, 3, 1)
    ELSE (birth + make_interval(years => age))::date
  END
$$
"""

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.execute("SET LOCAL lock_timeout = '5s'")
    op.create_table(
        "department",
        sa.Column("id", sa.UUID(), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.Column("code", sa.String(length=20), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("authority_unit", sa.Boolean(), nullable=False),
        sa.Column("municipality_code", sa.String(length=3), nullable=False),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_department")),
        sa.UniqueConstraint("municipality_code", "code", name=op.f("uq_department_municipality_code_code")),
    )
    op.create_table(
        "municipality_settings",
        sa.Column("id", sa.UUID(), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.Column("params", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("municipality_code", sa.String(length=3), nullable=False),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_municipality_settings")),
        sa.UniqueConstraint("municipality_code", name=op.f("uq_municipality_settings_municipality_code")),
    )
    op.create_table(
        "guide_assignment",
        sa.Column("id", sa.UUID(), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.Column("youth_id", sa.UUID(), nullable=False),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("guide_sub", sa.String(length=200), nullable=False),
        sa.Column("guide_name", sa.String(length=200), nullable=False),
        sa.Column("guide_department", sa.String(length=20), nullable=True),
        sa.Column("offered_by_sub", sa.String(length=200), nullable=False),
        sa.Column("offered_by_name", sa.String(length=200), nullable=False),
        sa.Column("offered_by_department", sa.String(length=20), nullable=True),
        sa.Column("assigned_via", sa.String(length=40), nullable=False),
        sa.Column("basis", sa.Text(), nullable=True),
        sa.Column("offered_on", sa.Date(), nullable=False),
        sa.Column("responded_on", sa.Date(), nullable=True),
        sa.Column("started_on", sa.Date(), nullable=True),
        sa.Column("ended_on", sa.Date(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("municipality_code", sa.String(length=3), nullable=False),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.ForeignKeyConstraint(["youth_id"], ["youth.id"], name=op.f("fk_guide_assignment_youth_id_youth")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_guide_assignment")),
    )
    op.create_index(
        "ix_guide_assignment_guide",
        "guide_assignment",
        ["municipality_code", "guide_sub", "state"],
        unique=False,
    )
    op.create_index(
        "ix_guide_assignment_youth", "guide_assignment", ["youth_id", "state", "responded_on"], unique=False
    )
    op.create_index(
        "uq_guide_assignment_one_open_per_youth",
        "guide_assignment",
        ["youth_id"],
        unique=True,
        postgresql_where=sa.text("state IN ('offered', 'accepted', 'active')"),
    )
    op.create_table(
        "youth_case",
        sa.Column("id", sa.UUID(), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.Column("youth_id", sa.UUID(), nullable=False),
        sa.Column("department_code", sa.String(length=20), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("legal_basis", sa.String(length=500), nullable=True),
        sa.Column("legal_basis_code", sa.String(length=50), nullable=True),
        sa.Column("caseworker_sub", sa.String(length=200), nullable=True),
        sa.Column("caseworker_name", sa.String(length=200), nullable=True),
        sa.Column("opened_on", sa.Date(), nullable=False),
        sa.Column("closed_on", sa.Date(), nullable=True),
        sa.Column("external_system", sa.String(length=100), nullable=True),
        sa.Column("external_id", sa.String(length=200), nullable=True),
        sa.Column("municipality_code", sa.String(length=3), nullable=False),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.CheckConstraint(
            "closed_on IS NULL OR closed_on >= opened_on", name=op.f("ck_youth_case_closed_after_opened")
        ),
        sa.ForeignKeyConstraint(
            ["municipality_code", "department_code"],
            ["department.municipality_code", "department.code"],
            name="fk_youth_case_department",
        ),
        sa.ForeignKeyConstraint(["youth_id"], ["youth.id"], name=op.f("fk_youth_case_youth_id_youth")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_youth_case")),
        sa.UniqueConstraint(
            "municipality_code",
            "external_system",
            "external_id",
            name=op.f("uq_youth_case_municipality_code_external_system_external_id"),
        ),
    )
    op.create_index(
        "ix_youth_case_caseworker", "youth_case", ["municipality_code", "caseworker_sub"], unique=False
    )
    op.create_index(
        "ix_youth_case_department_open",
        "youth_case",
        ["municipality_code", "department_code", "closed_on"],
        unique=False,
    )
    op.create_index("ix_youth_case_youth", "youth_case", ["youth_id", "opened_on"], unique=False)
    for table in TABLES:
        tenant_table(table, privileges="SELECT, INSERT, UPDATE")
    op.execute(DATE_TURNING)


def downgrade() -> None:
    op.execute("SET LOCAL lock_timeout = '5s'")
    op.execute("DROP FUNCTION IF EXISTS ungeapi_date_turning(date, integer)")
    for table in TABLES:
        drop_tenant_policy(table)
    op.drop_index("ix_youth_case_youth", table_name="youth_case")
    op.drop_index("ix_youth_case_department_open", table_name="youth_case")
    op.drop_index("ix_youth_case_caseworker", table_name="youth_case")
    op.drop_table("youth_case")
    op.drop_index(
        "uq_guide_assignment_one_open_per_youth",
        table_name="guide_assignment",
        postgresql_where=sa.text("state IN ('offered', 'accepted', 'active')"),
    )
    op.drop_index("ix_guide_assignment_youth", table_name="guide_assignment")
    op.drop_index("ix_guide_assignment_guide", table_name="guide_assignment")
    op.drop_table("guide_assignment")
    op.drop_table("municipality_settings")
    op.drop_table("department")

"""the youth's own door: youth_statement, the youth's own words; progression phases (issue 23)

The youth's view of a plan or meeting, a reply to an invitation and a request to talk, as the
youth wrote them. A trigger refuses any change to the written columns, whoever asks: staff
answer a statement (the answered_* columns), never edit it. progression_phase is each
municipality's scale of progression phases; plan_progression the phases recorded for a plan.

Revision ID: 0028
Revises: 0025
Create Date: 2026-12-05
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from ungeapi.migration_ops import drop_tenant_policy, tenant_table

revision: str = "0028"
down_revision: str | None = "0025"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

WRITTEN_ONCE = """
CREATE OR REPLACE FUNCTION ungeapi_youth_statement_written_once() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF (NEW.youth_id, NEW.kind, NEW.subject_type, NEW.subject_id, NEW.edition, NEW.text, NEW.reply,
      NEW.written_at, NEW.municipality_code)
     IS DISTINCT FROM
     (OLD.youth_id, OLD.kind, OLD.subject_type, OLD.subject_id, OLD.edition, OLD.text, OLD.reply,
      OLD.written_at, OLD.municipality_code) THEN
    RAISE EXCEPTION 'the youth''s own words are not changed' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END $$
"""


def upgrade() -> None:
    op.execute("SET LOCAL lock_timeout = '5s'")
    op.create_table(
        "youth_statement",
        sa.Column("id", sa.UUID(), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.Column("youth_id", sa.UUID(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("subject_type", sa.String(length=20), nullable=False),
        sa.Column("subject_id", sa.UUID(), nullable=False),
        sa.Column("edition", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=True),
        sa.Column("reply", sa.String(length=20), nullable=True),
        sa.Column("written_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("respond_by", sa.Date(), nullable=False),
        sa.Column("responsible_sub", sa.String(length=200), nullable=True),
        sa.Column("responsible_name", sa.String(length=200), nullable=True),
        sa.Column("responsible_department", sa.String(length=20), nullable=True),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("answered_by_sub", sa.String(length=200), nullable=True),
        sa.Column("answered_by_name", sa.String(length=200), nullable=True),
        sa.Column("answer", sa.Text(), nullable=True),
        sa.Column("municipality_code", sa.String(length=3), nullable=False),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.CheckConstraint("kind IN ('view', 'reply', 'talk_request')", name=op.f("ck_youth_statement_kind")),
        sa.CheckConstraint(
            "subject_type IN ('plan', 'forum_meeting', 'team_meeting', 'guide_assignment')",
            name=op.f("ck_youth_statement_subject_type"),
        ),
        sa.CheckConstraint(
            "reply IS NULL OR reply IN ('attending', 'not_attending')", name=op.f("ck_youth_statement_reply")
        ),
        sa.ForeignKeyConstraint(
            ["youth_id", "municipality_code"],
            ["youth.id", "youth.municipality_code"],
            name=op.f("fk_youth_statement_youth_id_youth"),
        ),
        sa.PrimaryKeyConstraint("id", "municipality_code", name=op.f("pk_youth_statement")),
        sa.UniqueConstraint(
            "youth_id",
            "kind",
            "subject_id",
            "edition",
            "municipality_code",
            name="uq_youth_statement_youth_kind_subject_edition",
        ),
    )
    op.create_index(
        "ix_youth_statement_open",
        "youth_statement",
        ["municipality_code", "respond_by"],
        unique=False,
        postgresql_where=sa.text("answered_at IS NULL"),
    )
    op.create_index(
        "ix_youth_statement_youth_written", "youth_statement", ["youth_id", "written_at", "id"], unique=False
    )
    op.execute(WRITTEN_ONCE)
    op.execute(
        "CREATE TRIGGER youth_statement_written_once BEFORE UPDATE ON youth_statement "
        "FOR EACH ROW EXECUTE FUNCTION ungeapi_youth_statement_written_once()"
    )
    # The application answers statements but never deletes one.
    tenant_table("youth_statement", privileges="SELECT, INSERT, UPDATE")
    op.create_table(
        "progression_phase",
        sa.Column("id", sa.UUID(), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("label_da", sa.String(length=200), nullable=False),
        sa.Column("label_en", sa.String(length=200), nullable=False),
        sa.Column("municipality_code", sa.String(length=3), nullable=False),
        sa.PrimaryKeyConstraint("id", "municipality_code", name=op.f("pk_progression_phase")),
        sa.UniqueConstraint(
            "municipality_code", "code", name=op.f("uq_progression_phase_municipality_code_code")
        ),
    )
    # The scale is replaced as a whole (admin): its rows are deleted and written again.
    tenant_table("progression_phase")
    op.create_table(
        "plan_progression",
        sa.Column("id", sa.UUID(), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.Column("plan_id", sa.UUID(), nullable=False),
        sa.Column("youth_id", sa.UUID(), nullable=False),
        sa.Column("phase", sa.String(length=40), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("label_da", sa.String(length=200), nullable=False),
        sa.Column("label_en", sa.String(length=200), nullable=False),
        sa.Column("recorded_on", sa.Date(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("recorded_by_sub", sa.String(length=200), nullable=False),
        sa.Column("recorded_by_name", sa.String(length=200), nullable=False),
        sa.Column("recorded_by_department", sa.String(length=20), nullable=True),
        sa.Column("municipality_code", sa.String(length=3), nullable=False),
        sa.ForeignKeyConstraint(
            ["plan_id", "municipality_code"],
            ["plan.id", "plan.municipality_code"],
            name=op.f("fk_plan_progression_plan_id_plan"),
        ),
        sa.ForeignKeyConstraint(
            ["youth_id", "municipality_code"],
            ["youth.id", "youth.municipality_code"],
            name=op.f("fk_plan_progression_youth_id_youth"),
        ),
        sa.PrimaryKeyConstraint("id", "municipality_code", name=op.f("pk_plan_progression")),
    )
    op.create_index(
        "ix_plan_progression_plan_recorded",
        "plan_progression",
        ["plan_id", "recorded_at", "id"],
        unique=False,
    )
    tenant_table("plan_progression", privileges="SELECT, INSERT")


def downgrade() -> None:
    op.execute("SET LOCAL lock_timeout = '5s'")
    for table in ("plan_progression", "progression_phase"):
        drop_tenant_policy(table)
    op.drop_index("ix_plan_progression_plan_recorded", table_name="plan_progression")
    op.drop_table("plan_progression")
    op.drop_table("progression_phase")
    drop_tenant_policy("youth_statement")
    op.execute("DROP TRIGGER IF EXISTS youth_statement_written_once ON youth_statement")
    op.execute("DROP FUNCTION IF EXISTS ungeapi_youth_statement_written_once()")
    op.drop_index("ix_youth_statement_open", table_name="youth_statement")
    op.drop_index("ix_youth_statement_youth_written", table_name="youth_statement")
    op.drop_table("youth_statement")

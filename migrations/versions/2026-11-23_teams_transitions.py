"""team members and meetings, transition forms (issue: teams and transition forms)

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from ungeapi.migration_ops import append_only, drop_append_only, drop_tenant_policy, tenant_table

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.execute("SET LOCAL lock_timeout = '5s'")
    op.create_table(
        "transition_form",
        sa.Column("id", sa.UUID(), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.Column("youth_id", sa.UUID(), nullable=False),
        sa.Column("author_sub", sa.String(length=200), nullable=False),
        sa.Column("author_name", sa.String(length=200), nullable=False),
        sa.Column("author_department", sa.String(length=20), nullable=True),
        sa.Column("support_hours_per_week", sa.Numeric(5, 1), nullable=True),
        sa.Column("needs", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("income_basis", sa.String(length=40), nullable=True),
        sa.Column("yearly_costs", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("updated_on", sa.Date(), nullable=False),
        sa.Column("municipality_code", sa.String(length=3), nullable=False),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.ForeignKeyConstraint(["youth_id"], ["youth.id"], name=op.f("fk_transition_form_youth_id_youth")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_transition_form")),
    )
    op.create_index("ix_transition_form_youth", "transition_form", ["youth_id", "updated_on"], unique=False)
    op.create_index(
        "ix_transition_form_updated", "transition_form", ["municipality_code", "updated_on"], unique=False
    )
    op.create_table(
        "transition_form_version",
        sa.Column("form_id", sa.UUID(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("occurred_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("actor_sub", sa.String(length=200), nullable=False),
        sa.Column("snapshot", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("municipality_code", sa.String(length=3), nullable=False),
        sa.ForeignKeyConstraint(
            ["form_id"],
            ["transition_form.id"],
            name=op.f("fk_transition_form_version_form_id_transition_form"),
        ),
        sa.PrimaryKeyConstraint("form_id", "number", name=op.f("pk_transition_form_version")),
    )
    op.create_table(
        "team_meeting",
        sa.Column("id", sa.UUID(), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.Column("team_id", sa.UUID(), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("youth_present", sa.Boolean(), nullable=False),
        sa.Column("parents_present", sa.Boolean(), nullable=False),
        sa.Column("frame", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("recorded_by_sub", sa.String(length=200), nullable=False),
        sa.Column("municipality_code", sa.String(length=3), nullable=False),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.ForeignKeyConstraint(
            ["team_id"], ["coordinating_team.id"], name=op.f("fk_team_meeting_team_id_coordinating_team")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_team_meeting")),
    )
    op.create_index("ix_team_meeting_team", "team_meeting", ["team_id", "held_on"], unique=False)
    tenant_table("team_meeting", privileges="SELECT, INSERT, UPDATE")
    tenant_table("transition_form", privileges="SELECT, INSERT, UPDATE")
    tenant_table("transition_form_version", privileges="SELECT, INSERT")
    append_only("transition_form_version")


def downgrade() -> None:
    op.execute("SET LOCAL lock_timeout = '5s'")
    drop_append_only("transition_form_version")
    for table in ("team_meeting", "transition_form_version", "transition_form"):
        drop_tenant_policy(table)
    op.drop_table("transition_form_version")
    op.drop_index("ix_transition_form_updated", table_name="transition_form")
    op.drop_index("ix_transition_form_youth", table_name="transition_form")
    op.drop_table("transition_form")
    op.drop_index("ix_team_meeting_team", table_name="team_meeting")
    op.drop_table("team_meeting")

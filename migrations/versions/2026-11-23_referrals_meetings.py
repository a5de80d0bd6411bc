"""referrals, coordination meetings, agenda items, decisions, coordinating teams (issue: referrals)

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from ungeapi.migration_ops import append_only, drop_append_only, drop_tenant_policy, tenant_table

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OPEN_REFERRAL = "state IN ('draft', 'submitted', 'scheduled', 'discussed', 'documentation_requested')"
ACTIVE_TEAM = "status = 'active'"


def _versioned() -> list[sa.Column[object]]:
    return [
        sa.Column("municipality_code", sa.String(length=3), nullable=False),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
    ]


def _id() -> sa.Column[object]:
    return sa.Column("id", sa.UUID(), server_default=sa.text("gen_random_uuid()"), nullable=False)


def upgrade() -> None:
    op.execute("SET LOCAL lock_timeout = '5s'")
    op.create_table(
        "referral",
        _id(),
        sa.Column("youth_id", sa.UUID(), nullable=False),
        sa.Column("forum", sa.String(length=20), nullable=False),
        sa.Column("category", sa.String(length=20), nullable=False),
        sa.Column("state", sa.String(length=30), nullable=False),
        sa.Column("referrer_sub", sa.String(length=200), nullable=False),
        sa.Column("referrer_name", sa.String(length=200), nullable=False),
        sa.Column("referrer_department", sa.String(length=20), nullable=True),
        sa.Column("referrer_role", sa.String(length=30), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column(
            "professionals",
            postgresql.JSONB(astext_type=sa.Text()),
            server_default=sa.text("'[]'::jsonb"),
            nullable=False,
        ),
        sa.Column("complex", sa.Boolean(), server_default=sa.text("false"), nullable=False),
        sa.Column("submitted_on", sa.Date(), nullable=True),
        sa.Column("state_changed_on", sa.Date(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        *_versioned(),
        sa.CheckConstraint("forum IN ('coordination', 'conference')", name=op.f("ck_referral_forum")),
        sa.CheckConstraint(
            "category IN ('placed', 'aftercare', 'preventive', 'efterskole', 'disability', 'guidance', "
            "'borderline', 'stuck_plan')",
            name=op.f("ck_referral_category"),
        ),
        sa.CheckConstraint(
            "state IN ('draft', 'submitted', 'scheduled', 'discussed', 'concluded', "
            "'documentation_requested', 'withdrawn', 'rejected')",
            name=op.f("ck_referral_state"),
        ),
        sa.CheckConstraint(
            "state = 'draft' OR submitted_on IS NOT NULL", name=op.f("ck_referral_submitted_on")
        ),
        sa.ForeignKeyConstraint(["youth_id"], ["youth.id"], name=op.f("fk_referral_youth_id_youth")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_referral")),
    )
    op.create_index(
        "uq_referral_one_open_per_youth_forum",
        "referral",
        ["youth_id", "forum"],
        unique=True,
        postgresql_where=sa.text(OPEN_REFERRAL),
    )
    op.create_index("ix_referral_youth", "referral", ["youth_id", "created_at"], unique=False)
    op.create_index(
        "ix_referral_municipality_created",
        "referral",
        ["municipality_code", "created_at", "id"],
        unique=False,
    )
    op.create_index("ix_referral_state", "referral", ["municipality_code", "forum", "state"], unique=False)
    op.create_index("ix_referral_referrer", "referral", ["municipality_code", "referrer_sub"], unique=False)

    op.create_table(
        "forum_meeting",
        _id(),
        sa.Column("forum", sa.String(length=20), nullable=False),
        sa.Column("starts_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("capacity_minutes", sa.Integer(), nullable=False),
        sa.Column("location", sa.String(length=200), nullable=True),
        sa.Column("chair_sub", sa.String(length=200), nullable=False),
        sa.Column("chair_name", sa.String(length=200), nullable=False),
        sa.Column("chair_department", sa.String(length=20), nullable=True),
        sa.Column(
            "participants",
            postgresql.JSONB(astext_type=sa.Text()),
            server_default=sa.text("'[]'::jsonb"),
            nullable=False,
        ),
        sa.Column("series_id", sa.UUID(), nullable=True),
        *_versioned(),
        sa.CheckConstraint("forum IN ('coordination', 'conference')", name=op.f("ck_forum_meeting_forum")),
        sa.CheckConstraint("capacity_minutes > 0", name=op.f("ck_forum_meeting_capacity_positive")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_forum_meeting")),
    )
    op.create_index(
        "ix_forum_meeting_forum_starts",
        "forum_meeting",
        ["municipality_code", "forum", "starts_at", "id"],
        unique=False,
    )
    op.create_index(
        "ix_forum_meeting_starts", "forum_meeting", ["municipality_code", "starts_at", "id"], unique=False
    )

    op.create_table(
        "agenda_item",
        _id(),
        sa.Column("meeting_id", sa.UUID(), nullable=False),
        sa.Column("referral_id", sa.UUID(), nullable=False),
        sa.Column("youth_id", sa.UUID(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("slot_minutes", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("municipality_code", sa.String(length=3), nullable=False),
        sa.CheckConstraint("slot_minutes > 0", name=op.f("ck_agenda_item_slot_positive")),
        sa.ForeignKeyConstraint(
            ["meeting_id"], ["forum_meeting.id"], name=op.f("fk_agenda_item_meeting_id_forum_meeting")
        ),
        sa.ForeignKeyConstraint(
            ["referral_id"], ["referral.id"], name=op.f("fk_agenda_item_referral_id_referral")
        ),
        sa.ForeignKeyConstraint(["youth_id"], ["youth.id"], name=op.f("fk_agenda_item_youth_id_youth")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agenda_item")),
        sa.UniqueConstraint("meeting_id", "position", name=op.f("uq_agenda_item_meeting_id_position")),
        sa.UniqueConstraint("meeting_id", "referral_id", name=op.f("uq_agenda_item_meeting_id_referral_id")),
    )
    op.create_index("ix_agenda_item_referral", "agenda_item", ["referral_id"], unique=False)
    op.create_index("ix_agenda_item_youth", "agenda_item", ["youth_id"], unique=False)

    op.create_table(
        "meeting_decision",
        _id(),
        sa.Column("meeting_id", sa.UUID(), nullable=False),
        sa.Column("agenda_item_id", sa.UUID(), nullable=False),
        sa.Column("referral_id", sa.UUID(), nullable=False),
        sa.Column("youth_id", sa.UUID(), nullable=False),
        sa.Column("decided_on", sa.Date(), nullable=False),
        sa.Column("documentation_needed", sa.Boolean(), nullable=False),
        sa.Column("documentation_note", sa.Text(), nullable=True),
        sa.Column("education_perspective", sa.Text(), nullable=True),
        sa.Column(
            "recommended_measures",
            postgresql.JSONB(astext_type=sa.Text()),
            server_default=sa.text("'[]'::jsonb"),
            nullable=False,
        ),
        sa.Column("team_composition", postgresql.JSONB(astext_type=sa.Text()), nullable=True),
        sa.Column("first_team_meeting_on", sa.Date(), nullable=True),
        sa.Column("first_meeting_deadline", sa.Date(), nullable=True),
        sa.Column("late", sa.Boolean(), server_default=sa.text("false"), nullable=False),
        sa.Column("income_basis_after_18", sa.String(length=40), nullable=True),
        sa.Column("income_basis_note", sa.Text(), nullable=True),
        sa.Column("housing_need", sa.String(length=30), nullable=True),
        sa.Column("day_offer_need", sa.String(length=30), nullable=True),
        sa.Column(
            "lab_measures",
            postgresql.JSONB(astext_type=sa.Text()),
            server_default=sa.text("'[]'::jsonb"),
            nullable=False,
        ),
        sa.Column("needs_note", sa.Text(), nullable=True),
        sa.Column("evaluation", postgresql.JSONB(astext_type=sa.Text()), nullable=True),
        sa.Column("recorded_by_sub", sa.String(length=200), nullable=False),
        sa.Column("recorded_by_name", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("municipality_code", sa.String(length=3), nullable=False),
        sa.CheckConstraint(
            "first_team_meeting_on IS NULL OR first_team_meeting_on <= first_meeting_deadline",
            name=op.f("ck_meeting_decision_first_meeting_by_deadline"),
        ),
        sa.ForeignKeyConstraint(
            ["agenda_item_id"],
            ["agenda_item.id"],
            name=op.f("fk_meeting_decision_agenda_item_id_agenda_item"),
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"], ["forum_meeting.id"], name=op.f("fk_meeting_decision_meeting_id_forum_meeting")
        ),
        sa.ForeignKeyConstraint(
            ["referral_id"], ["referral.id"], name=op.f("fk_meeting_decision_referral_id_referral")
        ),
        sa.ForeignKeyConstraint(["youth_id"], ["youth.id"], name=op.f("fk_meeting_decision_youth_id_youth")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting_decision")),
        sa.UniqueConstraint("agenda_item_id", name=op.f("uq_meeting_decision_agenda_item_id")),
    )
    op.create_index(
        "ix_meeting_decision_meeting", "meeting_decision", ["meeting_id", "created_at", "id"], unique=False
    )
    op.create_index("ix_meeting_decision_referral", "meeting_decision", ["referral_id"], unique=False)
    op.create_index("ix_meeting_decision_youth", "meeting_decision", ["youth_id"], unique=False)

    op.create_table(
        "coordinating_team",
        _id(),
        sa.Column("youth_id", sa.UUID(), nullable=False),
        sa.Column("lead_sub", sa.String(length=200), nullable=False),
        sa.Column("lead_name", sa.String(length=200), nullable=False),
        sa.Column("lead_department", sa.String(length=20), nullable=True),
        sa.Column("first_meeting_deadline", sa.Date(), nullable=False),
        sa.Column("first_meeting_on", sa.Date(), nullable=True),
        sa.Column("decided_late", sa.Boolean(), server_default=sa.text("false"), nullable=False),
        sa.Column("created_from_decision_id", sa.UUID(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        *_versioned(),
        sa.CheckConstraint("status IN ('active', 'closed')", name=op.f("ck_coordinating_team_status")),
        sa.ForeignKeyConstraint(
            ["created_from_decision_id"],
            ["meeting_decision.id"],
            name=op.f("fk_coordinating_team_created_from_decision_id_meeting_decision"),
        ),
        sa.ForeignKeyConstraint(["youth_id"], ["youth.id"], name=op.f("fk_coordinating_team_youth_id_youth")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_coordinating_team")),
    )
    op.create_index(
        "uq_coordinating_team_one_active_per_youth",
        "coordinating_team",
        ["youth_id"],
        unique=True,
        postgresql_where=sa.text(ACTIVE_TEAM),
    )
    op.create_index(
        "ix_coordinating_team_lead", "coordinating_team", ["municipality_code", "lead_sub"], unique=False
    )
    op.create_index(
        "ix_coordinating_team_deadline",
        "coordinating_team",
        ["municipality_code", "first_meeting_deadline"],
        unique=False,
    )

    op.create_table(
        "team_member",
        _id(),
        sa.Column("team_id", sa.UUID(), nullable=False),
        sa.Column("sub", sa.String(length=200), nullable=True),
        sa.Column("name", sa.String(length=200), nullable=True),
        sa.Column("department", sa.String(length=20), nullable=False),
        sa.Column("role", sa.String(length=100), nullable=False),
        sa.Column("joined_on", sa.Date(), nullable=False),
        sa.Column("left_on", sa.Date(), nullable=True),
        *_versioned(),
        sa.CheckConstraint(
            "left_on IS NULL OR left_on >= joined_on", name=op.f("ck_team_member_left_after_joined")
        ),
        sa.ForeignKeyConstraint(
            ["team_id"], ["coordinating_team.id"], name=op.f("fk_team_member_team_id_coordinating_team")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_team_member")),
    )
    op.create_index("ix_team_member_team", "team_member", ["team_id", "joined_on"], unique=False)
    op.create_index("ix_team_member_sub", "team_member", ["municipality_code", "sub"], unique=False)

    tenant_table("referral", privileges="SELECT, INSERT, UPDATE")
    tenant_table("forum_meeting", privileges="SELECT, INSERT, UPDATE")
    # An agenda item is deleted when its referral leaves the agenda before anything was decided.
    tenant_table("agenda_item", privileges="SELECT, INSERT, DELETE")
    tenant_table("meeting_decision", privileges="SELECT, INSERT")
    append_only("meeting_decision")
    tenant_table("coordinating_team", privileges="SELECT, INSERT, UPDATE")
    tenant_table("team_member", privileges="SELECT, INSERT, UPDATE")


def downgrade() -> None:
    op.execute("SET LOCAL lock_timeout = '5s'")
    drop_append_only("meeting_decision")
    for table in (
        "team_member",
        "coordinating_team",
        "meeting_decision",
        "agenda_item",
        "forum_meeting",
        "referral",
    ):
        drop_tenant_policy(table)
    op.drop_index("ix_team_member_sub", table_name="team_member")
    op.drop_index("ix_team_member_team", table_name="team_member")
    op.drop_table("team_member")
    op.drop_index("ix_coordinating_team_deadline", table_name="coordinating_team")
    op.drop_index("ix_coordinating_team_lead", table_name="coordinating_team")
    op.drop_index(
        "uq_coordinating_team_one_active_per_youth",
        table_name="coordinating_team",
        postgresql_where=sa.text(ACTIVE_TEAM),
    )
    op.drop_table("coordinating_team")
    op.drop_index("ix_meeting_decision_youth", table_name="meeting_decision")
    op.drop_index("ix_meeting_decision_referral", table_name="meeting_decision")
    op.drop_index("ix_meeting_decision_meeting", table_name="meeting_decision")
    op.drop_table("meeting_decision")
    op.drop_index("ix_agenda_item_youth", table_name="agenda_item")
    op.drop_index("ix_agenda_item_referral", table_name="agenda_item")
    op.drop_table("agenda_item")
    op.drop_index("ix_forum_meeting_starts", table_name="forum_meeting")
    op.drop_index("ix_forum_meeting_forum_starts", table_name="forum_meeting")
    op.drop_table("forum_meeting")
    op.drop_index("ix_referral_referrer", table_name="referral")
    op.drop_index("ix_referral_state", table_name="referral")
    op.drop_index("ix_referral_municipality_created", table_name="referral")
    op.drop_index("ix_referral_youth", table_name="referral")
    op.drop_index(
        "uq_referral_one_open_per_youth_forum", table_name="referral", postgresql_where=sa.text(OPEN_REFERRAL)
    )
    op.drop_table("referral")

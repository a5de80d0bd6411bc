"""offers catalogue, concern notifications, network meetings (issue: offers and concerns)

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from ungeapi.migration_ops import drop_tenant_policy, tenant_table

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = ("offer", "concern", "network_meeting")

# As in models/offer.py: Danish stemming, the name weighing more than the description.
OFFER_SEARCH = (
    "setweight(to_tsvector('danish'::regconfig, coalesce(name, '')), 'A') || "
    "setweight(to_tsvector('danish'::regconfig, coalesce(description, '')), 'B')"
)


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
        "offer",
        sa.Column("id", sa.UUID(), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("name_key", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("provider_department_code", sa.String(length=20), nullable=True),
        sa.Column("provider_name", sa.String(length=200), nullable=True),
        sa.Column(
            "target_groups",
            postgresql.ARRAY(sa.Text()),
            server_default=sa.text("'{}'::text[]"),
            nullable=False,
        ),
        sa.Column("age_min", sa.Integer(), nullable=True),
        sa.Column("age_max", sa.Integer(), nullable=True),
        sa.Column("legal_basis", sa.String(length=500), nullable=True),
        sa.Column("legal_basis_code", sa.String(length=50), nullable=True),
        sa.Column("capacity", sa.Integer(), nullable=True),
        sa.Column("contact", postgresql.JSONB(astext_type=sa.Text()), nullable=True),
        sa.Column("active_from", sa.Date(), nullable=True),
        sa.Column("active_to", sa.Date(), nullable=True),
        sa.Column("search", postgresql.TSVECTOR(), sa.Computed(OFFER_SEARCH, persisted=True), nullable=True),
        *_versioned(),
        sa.CheckConstraint(
            "age_min IS NULL OR age_max IS NULL OR age_min <= age_max", name=op.f("ck_offer_age_range")
        ),
        sa.CheckConstraint("capacity IS NULL OR capacity >= 0", name=op.f("ck_offer_capacity_not_negative")),
        sa.CheckConstraint(
            "active_from IS NULL OR active_to IS NULL OR active_to >= active_from",
            name=op.f("ck_offer_active_period"),
        ),
        sa.ForeignKeyConstraint(
            ["municipality_code", "provider_department_code"],
            ["department.municipality_code", "department.code"],
            name="fk_offer_provider_department",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_offer")),
    )
    op.create_index("ix_offer_name", "offer", ["municipality_code", "name_key", "id"], unique=False)
    op.create_index("ix_offer_search", "offer", ["search"], unique=False, postgresql_using="gin")
    op.create_index(
        "ix_offer_target_groups", "offer", ["target_groups"], unique=False, postgresql_using="gin"
    )
    op.create_index("ix_offer_ages", "offer", ["municipality_code", "age_min", "age_max"], unique=False)
    op.create_index(
        "ix_offer_provider", "offer", ["municipality_code", "provider_department_code"], unique=False
    )

    op.create_table(
        "concern",
        sa.Column("id", sa.UUID(), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.Column("youth_id", sa.UUID(), nullable=False),
        sa.Column("receiving_department_code", sa.String(length=20), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sender_kind", sa.String(length=20), nullable=False),
        sa.Column("sender_name", sa.String(length=200), nullable=True),
        sa.Column("sender_profession", sa.String(length=200), nullable=True),
        sa.Column("sender_department_code", sa.String(length=20), nullable=True),
        sa.Column("sender_organisation", sa.String(length=200), nullable=True),
        sa.Column("sender_contact", sa.String(length=200), nullable=True),
        sa.Column("made_in_dialogue", sa.Boolean(), nullable=False),
        sa.Column(
            "dialogue_participants",
            postgresql.JSONB(astext_type=sa.Text()),
            server_default=sa.text("'[]'::jsonb"),
            nullable=False,
        ),
        sa.Column("level", sa.Integer(), nullable=False),
        sa.Column("worries", sa.Text(), nullable=True),
        sa.Column("what_works", sa.Text(), nullable=True),
        sa.Column("next_steps", sa.Text(), nullable=True),
        sa.Column("assessment_due_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("assessment_due_on", sa.Date(), nullable=False),
        sa.Column("acknowledgement_due_on", sa.Date(), nullable=True),
        sa.Column("assessed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("assessed_by_sub", sa.String(length=200), nullable=True),
        sa.Column("in_danger", sa.Boolean(), nullable=True),
        sa.Column("assessment_note", sa.Text(), nullable=True),
        sa.Column("acknowledged_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("acknowledged_by_sub", sa.String(length=200), nullable=True),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("closed_by_sub", sa.String(length=200), nullable=True),
        sa.Column("outcome", sa.String(length=40), nullable=True),
        sa.Column("outcome_note", sa.Text(), nullable=True),
        sa.Column("created_by_sub", sa.String(length=200), nullable=False),
        sa.Column("created_by_name", sa.String(length=200), nullable=False),
        sa.Column("created_by_department", sa.String(length=20), nullable=True),
        *_versioned(),
        sa.CheckConstraint(
            "closed_at IS NULL OR assessed_at IS NOT NULL", name=op.f("ck_concern_assessed_before_closed")
        ),
        sa.CheckConstraint(
            "sender_kind IN ('professional', 'citizen', 'anonymous')",
            name=op.f("ck_concern_sender_kind_known"),
        ),
        sa.ForeignKeyConstraint(
            ["municipality_code", "receiving_department_code"],
            ["department.municipality_code", "department.code"],
            name="fk_concern_receiving_department",
        ),
        sa.ForeignKeyConstraint(["youth_id"], ["youth.id"], name=op.f("fk_concern_youth_id_youth")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_concern")),
    )
    op.create_index(
        "ix_concern_department",
        "concern",
        ["municipality_code", "receiving_department_code", "received_at", "id"],
        unique=False,
    )
    op.create_index("ix_concern_youth", "concern", ["youth_id", "received_at"], unique=False)
    op.create_index(
        "ix_concern_level", "concern", ["municipality_code", "level", "received_at"], unique=False
    )
    op.create_index(
        "ix_concern_open",
        "concern",
        ["municipality_code", "received_at"],
        unique=False,
        postgresql_where=sa.text("closed_at IS NULL"),
    )
    op.create_index(
        "ix_concern_youth_open",
        "concern",
        ["youth_id", "receiving_department_code"],
        unique=False,
        postgresql_where=sa.text("closed_at IS NULL"),
    )
    op.create_index(
        "ix_concern_assessment_open",
        "concern",
        ["municipality_code", "assessment_due_on"],
        unique=False,
        postgresql_where=sa.text("assessed_at IS NULL"),
    )
    op.create_index(
        "ix_concern_acknowledgement_open",
        "concern",
        ["municipality_code", "acknowledgement_due_on"],
        unique=False,
        postgresql_where=sa.text("acknowledged_at IS NULL AND acknowledgement_due_on IS NOT NULL"),
    )

    op.create_table(
        "network_meeting",
        sa.Column("id", sa.UUID(), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.Column("youth_id", sa.UUID(), nullable=False),
        sa.Column("plan_id", sa.UUID(), nullable=True),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=True),
        sa.Column(
            "participants",
            postgresql.JSONB(astext_type=sa.Text()),
            server_default=sa.text("'[]'::jsonb"),
            nullable=False,
        ),
        sa.Column("youth_participated", sa.Boolean(), nullable=True),
        sa.Column("guardians_participated", sa.Boolean(), nullable=True),
        sa.Column("worries", sa.Text(), nullable=True),
        sa.Column("what_works", sa.Text(), nullable=True),
        sa.Column("next_steps", sa.Text(), nullable=True),
        sa.Column("organiser_sub", sa.String(length=200), nullable=False),
        sa.Column("organiser_name", sa.String(length=200), nullable=False),
        sa.Column("organiser_department", sa.String(length=20), nullable=True),
        *_versioned(),
        sa.ForeignKeyConstraint(["youth_id"], ["youth.id"], name=op.f("fk_network_meeting_youth_id_youth")),
        sa.ForeignKeyConstraint(["plan_id"], ["plan.id"], name=op.f("fk_network_meeting_plan_id_plan")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_network_meeting")),
    )
    op.create_index(
        "ix_network_meeting_youth", "network_meeting", ["youth_id", "held_on", "id"], unique=False
    )
    op.create_index(
        "ix_network_meeting_held", "network_meeting", ["municipality_code", "held_on", "id"], unique=False
    )
    op.create_index("ix_network_meeting_plan", "network_meeting", ["plan_id", "held_on"], unique=False)
    # A plan measure may use an offer of the catalogue (plan_measure.offer_id from migration 0004).
    op.create_foreign_key(
        op.f("fk_plan_measure_offer_id_offer"), "plan_measure", "offer", ["offer_id"], ["id"]
    )
    for table in TABLES:
        tenant_table(table, privileges="SELECT, INSERT, UPDATE")


def downgrade() -> None:
    op.execute("SET LOCAL lock_timeout = '5s'")
    op.drop_constraint(op.f("fk_plan_measure_offer_id_offer"), "plan_measure", type_="foreignkey")
    for table in TABLES:
        drop_tenant_policy(table)
    op.drop_index("ix_network_meeting_plan", table_name="network_meeting")
    op.drop_index("ix_network_meeting_held", table_name="network_meeting")
    op.drop_index("ix_network_meeting_youth", table_name="network_meeting")
    op.drop_table("network_meeting")
    op.drop_index("ix_concern_acknowledgement_open", table_name="concern")
    op.drop_index("ix_concern_assessment_open", table_name="concern")
    op.drop_index("ix_concern_youth_open", table_name="concern")
    op.drop_index("ix_concern_open", table_name="concern")
    op.drop_index("ix_concern_level", table_name="concern")
    op.drop_index("ix_concern_youth", table_name="concern")
    op.drop_index("ix_concern_department", table_name="concern")
    op.drop_table("concern")
    op.drop_index("ix_offer_provider", table_name="offer")
    op.drop_index("ix_offer_ages", table_name="offer")
    op.drop_index("ix_offer_target_groups", table_name="offer")
    op.drop_index("ix_offer_search", table_name="offer")
    op.drop_index("ix_offer_name", table_name="offer")
    op.drop_table("offer")

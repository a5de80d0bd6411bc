"""consents and data retention (issue: privacy)

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from ungeapi.migration_ops import drop_tenant_policy, tenant_table

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.execute("SET LOCAL lock_timeout = '5s'")
    op.create_table(
        "consent",
        sa.Column("id", sa.UUID(), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.Column("youth_id", sa.UUID(), nullable=False),
        sa.Column(
            "given_by",
            postgresql.JSONB(astext_type=sa.Text()),
            server_default=sa.text("'[]'::jsonb"),
            nullable=False,
        ),
        sa.Column("complete", sa.Boolean(), server_default=sa.text("false"), nullable=False),
        sa.Column("categories", postgresql.ARRAY(sa.Text()), nullable=False),
        sa.Column("recipient_departments", postgresql.ARRAY(sa.Text()), nullable=False),
        sa.Column("purpose", sa.Text(), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("valid_until", sa.Date(), nullable=False),
        sa.Column("document_ref", sa.String(length=500), nullable=True),
        sa.Column("registered_by_sub", sa.String(length=200), nullable=False),
        sa.Column("registered_by_department", sa.String(length=20), nullable=True),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("revoked_by_sub", sa.String(length=200), nullable=True),
        sa.Column("revocation_reason", sa.Text(), nullable=True),
        sa.Column("municipality_code", sa.String(length=3), nullable=False),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.CheckConstraint("valid_until >= valid_from", name=op.f("ck_consent_valid_period")),
        sa.CheckConstraint("cardinality(categories) > 0", name=op.f("ck_consent_categories_given")),
        sa.CheckConstraint(
            "cardinality(recipient_departments) > 0", name=op.f("ck_consent_recipients_given")
        ),
        sa.ForeignKeyConstraint(["youth_id"], ["youth.id"], name=op.f("fk_consent_youth_id_youth")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_consent")),
    )
    op.create_index("ix_consent_youth", "consent", ["youth_id", "valid_until"], unique=False)
    op.create_index(
        "ix_consent_municipality_created", "consent", ["municipality_code", "created_at", "id"], unique=False
    )
    op.create_index(
        "ix_consent_recipients", "consent", ["recipient_departments"], unique=False, postgresql_using="gin"
    )
    op.create_table(
        "youth_pseudonymization",
        sa.Column("youth_id", sa.UUID(), nullable=False),
        sa.Column("pseudonym", sa.String(length=40), nullable=False),
        sa.Column(
            "pseudonymized_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False
        ),
        sa.Column("rule", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("municipality_code", sa.String(length=3), nullable=False),
        sa.ForeignKeyConstraint(
            ["youth_id"], ["youth.id"], name=op.f("fk_youth_pseudonymization_youth_id_youth")
        ),
        sa.PrimaryKeyConstraint("youth_id", name=op.f("pk_youth_pseudonymization")),
    )
    op.create_index(
        "ix_audit_event_sub", "audit_event", ["municipality_code", "sub", "occurred_at"], unique=False
    )
    op.create_index(
        "ix_audit_event_action", "audit_event", ["municipality_code", "action", "occurred_at"], unique=False
    )
    tenant_table("consent", privileges="SELECT, INSERT, UPDATE")
    tenant_table("youth_pseudonymization", privileges="SELECT, INSERT")


def downgrade() -> None:
    op.execute("SET LOCAL lock_timeout = '5s'")
    for table in ("youth_pseudonymization", "consent"):
        drop_tenant_policy(table)
    op.drop_index("ix_audit_event_action", table_name="audit_event")
    op.drop_index("ix_audit_event_sub", table_name="audit_event")
    op.drop_table("youth_pseudonymization")
    op.drop_index("ix_consent_recipients", table_name="consent", postgresql_using="gin")
    op.drop_index("ix_consent_municipality_created", table_name="consent")
    op.drop_index("ix_consent_youth", table_name="consent")
    op.drop_table("consent")

"""obligations resolved with a reason (§8.2): obligation_resolution

Revision ID: 0014
Revises: 0011
Create Date: 2026-12-05
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from ungeapi.migration_ops import drop_tenant_policy, tenant_table

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.execute("SET LOCAL lock_timeout = '5s'")
    op.create_table(
        "obligation_resolution",
        sa.Column("id", sa.UUID(), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.Column("kind", sa.String(length=60), nullable=False),
        sa.Column("youth_id", sa.UUID(), nullable=False),
        sa.Column("subject_type", sa.String(length=40), nullable=True),
        sa.Column("subject_id", sa.String(length=100), server_default="", nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("reason", sa.String(length=30), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("resolved_by_sub", sa.String(length=200), nullable=False),
        sa.Column("resolved_by_name", sa.String(length=200), nullable=False),
        sa.Column("resolved_by_department", sa.String(length=20), nullable=True),
        sa.Column("resolved_on", sa.Date(), nullable=False),
        sa.Column("resolved_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("municipality_code", sa.String(length=3), nullable=False),
        sa.CheckConstraint(
            "reason IN ('not_applicable', 'done_elsewhere', 'youth_declined', 'moved_away')",
            name=op.f("ck_obligation_resolution_reason"),
        ),
        sa.ForeignKeyConstraint(
            ["youth_id"], ["youth.id"], name=op.f("fk_obligation_resolution_youth_id_youth")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_obligation_resolution")),
        sa.UniqueConstraint(
            "youth_id",
            "kind",
            "subject_id",
            "due_on",
            name=op.f("uq_obligation_resolution_youth_id_kind_subject_id_due_on"),
        ),
    )
    op.create_index(
        "ix_obligation_resolution_resolved",
        "obligation_resolution",
        ["municipality_code", "resolved_on"],
        unique=False,
    )
    # Written once: a resolution is not edited or deleted by the application.
    tenant_table("obligation_resolution", privileges="SELECT, INSERT")


def downgrade() -> None:
    op.execute("SET LOCAL lock_timeout = '5s'")
    drop_tenant_policy("obligation_resolution")
    op.drop_index("ix_obligation_resolution_resolved", table_name="obligation_resolution")
    op.drop_table("obligation_resolution")

"""information classes (R9): information_class on the classified records, disclosure

Revision ID: 0016
Revises: 0014
Create Date: 2026-12-05
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from ungeapi.migration_ops import drop_tenant_policy, tenant_table

revision: str = "0016"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CLASSIFIED = ("youth_case", "plan", "transition_form", "youth_plan", "aftercare_decision", "team_meeting")


def upgrade() -> None:
    op.execute("SET LOCAL lock_timeout = '5s'")
    for table in CLASSIFIED:
        op.add_column(table, sa.Column("information_class", sa.String(length=10), nullable=True))
    op.create_table(
        "disclosure",
        sa.Column("id", sa.UUID(), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.Column("youth_id", sa.UUID(), nullable=False),
        sa.Column("resource_type", sa.String(length=40), nullable=False),
        sa.Column("record_id", sa.UUID(), nullable=False),
        sa.Column("information_class", sa.String(length=10), nullable=False),
        sa.Column("recipient_department", sa.String(length=20), nullable=False),
        sa.Column("legal_basis", sa.String(length=40), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("disclosed_on", sa.Date(), nullable=False),
        sa.Column("disclosed_by_sub", sa.String(length=200), nullable=False),
        sa.Column("disclosed_by_name", sa.String(length=200), nullable=False),
        sa.Column("disclosed_by_department", sa.String(length=20), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("municipality_code", sa.String(length=3), nullable=False),
        sa.CheckConstraint(
            "information_class IN ('health', 'social', 'misuse', 'crime')",
            name=op.f("ck_disclosure_information_class"),
        ),
        sa.ForeignKeyConstraint(["youth_id"], ["youth.id"], name=op.f("fk_disclosure_youth_id_youth")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_disclosure")),
    )
    op.create_index("ix_disclosure_record", "disclosure", ["record_id", "recipient_department"], unique=False)
    op.create_index("ix_disclosure_youth", "disclosure", ["youth_id", "created_at"], unique=False)
    # Written once: a recorded disclosure is not edited or deleted by the application.
    tenant_table("disclosure", privileges="SELECT, INSERT")


def downgrade() -> None:
    op.execute("SET LOCAL lock_timeout = '5s'")
    drop_tenant_policy("disclosure")
    op.drop_index("ix_disclosure_youth", table_name="disclosure")
    op.drop_index("ix_disclosure_record", table_name="disclosure")
    op.drop_table("disclosure")
    for table in reversed(CLASSIFIED):
        op.drop_column(table, "information_class")

"""change events: the transactional outbox behind the change feed and webhooks

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23 09:40:25.730574
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from ungeapi.migration_ops import append_only, drop_append_only, drop_tenant_policy, tenant_table

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.execute("SET LOCAL lock_timeout = '5s'")
    op.create_table(
        "change_event",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=True), nullable=False),
        sa.Column(
            "xact_id",
            sa.BigInteger(),
            server_default=sa.text("(pg_current_xact_id()::text)::bigint"),
            nullable=False,
        ),
        sa.Column("occurred_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("resource_type", sa.String(length=40), nullable=False),
        sa.Column("resource_id", sa.String(length=100), nullable=False),
        sa.Column("youth_id", sa.UUID(), nullable=True),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("version", sa.Integer(), nullable=True),
        sa.Column("actor_sub", sa.String(length=200), nullable=False),
        sa.Column("data", postgresql.JSONB(astext_type=sa.Text()), nullable=True),
        sa.Column("municipality_code", sa.String(length=3), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_change_event")),
    )
    op.create_index(
        "ix_change_event_feed", "change_event", ["municipality_code", "xact_id", "id"], unique=False
    )
    op.create_index("ix_change_event_youth", "change_event", ["municipality_code", "youth_id"], unique=False)
    tenant_table("change_event", privileges="SELECT, INSERT")
    append_only("change_event")


def downgrade() -> None:
    op.execute("SET LOCAL lock_timeout = '5s'")
    drop_append_only("change_event")
    drop_tenant_policy("change_event")
    op.drop_index("ix_change_event_youth", table_name="change_event")
    op.drop_index("ix_change_event_feed", table_name="change_event")
    op.drop_table("change_event")

"""foundation: youth registry, audit log, idempotency records

Revision ID: 0001
Revises:
Create Date: 2026-11-23 09:30:50.487642
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from ungeapi.migration_ops import (
    APP_ROLE,
    append_only,
    drop_append_only,
    drop_tenant_policy,
    ensure_app_role,
    tenant_table,
)

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.execute("SET LOCAL lock_timeout = '5s'")
    op.create_table(
        "audit_event",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=True), nullable=False),
        sa.Column("occurred_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("sub", sa.String(length=200), nullable=False),
        sa.Column("roles", sa.ARRAY(sa.Text()), nullable=False),
        sa.Column("department", sa.String(length=20), nullable=True),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("resource_type", sa.String(length=40), nullable=False),
        sa.Column("resource_id", sa.String(length=100), nullable=True),
        sa.Column("youth_id", sa.UUID(), nullable=True),
        sa.Column("purpose", sa.String(length=200), nullable=False),
        sa.Column("request_id", sa.String(length=100), nullable=True),
        sa.Column("detail", postgresql.JSONB(astext_type=sa.Text()), nullable=True),
        sa.Column("municipality_code", sa.String(length=3), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_event")),
    )
    op.create_index(
        "ix_audit_event_occurred", "audit_event", ["municipality_code", "occurred_at"], unique=False
    )
    op.create_index(
        "ix_audit_event_youth", "audit_event", ["municipality_code", "youth_id", "occurred_at"], unique=False
    )
    op.create_table(
        "idempotency_record",
        sa.Column("sub", sa.String(length=200), nullable=False),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("route", sa.String(length=200), nullable=False),
        sa.Column("request_hash", sa.LargeBinary(), nullable=False),
        sa.Column("status_code", sa.Integer(), nullable=False),
        sa.Column("response_ciphertext", sa.LargeBinary(), nullable=False),
        sa.Column("response_headers", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("municipality_code", sa.String(length=3), nullable=False),
        sa.PrimaryKeyConstraint("municipality_code", "sub", "key", name=op.f("pk_idempotency_record")),
    )
    op.create_table(
        "youth",
        sa.Column("id", sa.UUID(), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.Column("cpr_ciphertext", sa.LargeBinary(), nullable=False),
        sa.Column("cpr_hash", sa.LargeBinary(), nullable=False),
        sa.Column("birth_date", sa.Date(), nullable=False),
        sa.Column("given_name", sa.String(length=200), nullable=False),
        sa.Column("family_name", sa.String(length=200), nullable=False),
        sa.Column(
            "guardians",
            postgresql.JSONB(astext_type=sa.Text()),
            server_default=sa.text("'[]'::jsonb"),
            nullable=False,
        ),
        sa.Column(
            "target_groups", sa.ARRAY(sa.Text()), server_default=sa.text("'{}'::text[]"), nullable=False
        ),
        sa.Column("given_name_key", sa.String(length=200), nullable=False),
        sa.Column("family_name_key", sa.String(length=200), nullable=False),
        sa.Column("external_system", sa.String(length=100), nullable=True),
        sa.Column("external_id", sa.String(length=200), nullable=True),
        sa.Column("registered_by_department", sa.String(length=20), nullable=True),
        sa.Column("archived_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("municipality_code", sa.String(length=3), nullable=False),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_youth")),
        sa.UniqueConstraint(
            "municipality_code", "cpr_hash", name=op.f("uq_youth_municipality_code_cpr_hash")
        ),
        sa.UniqueConstraint(
            "municipality_code",
            "external_system",
            "external_id",
            name=op.f("uq_youth_municipality_code_external_system_external_id"),
        ),
    )
    op.create_index(
        "ix_youth_family_name_prefix",
        "youth",
        ["municipality_code", "family_name_key"],
        unique=False,
        postgresql_ops={"family_name_key": "text_pattern_ops"},
    )
    op.create_index(
        "ix_youth_given_name_prefix",
        "youth",
        ["municipality_code", "given_name_key"],
        unique=False,
        postgresql_ops={"given_name_key": "text_pattern_ops"},
    )
    op.create_index(
        "ix_youth_municipality_birth_date", "youth", ["municipality_code", "birth_date"], unique=False
    )
    op.create_index(
        "ix_youth_municipality_created", "youth", ["municipality_code", "created_at", "id"], unique=False
    )
    ensure_app_role()
    op.execute(f"GRANT SELECT ON alembic_version TO {APP_ROLE}")
    tenant_table("youth", privileges="SELECT, INSERT, UPDATE")
    tenant_table("idempotency_record", privileges="SELECT, INSERT")
    tenant_table("audit_event", privileges="SELECT, INSERT")
    append_only("audit_event")


def downgrade() -> None:
    op.execute("SET LOCAL lock_timeout = '5s'")
    drop_append_only("audit_event")
    for table in ("audit_event", "idempotency_record", "youth"):
        drop_tenant_policy(table)
    op.execute("DROP FUNCTION IF EXISTS ungeapi_refuse_change()")
    op.drop_index("ix_youth_municipality_created", table_name="youth")
    op.drop_index("ix_youth_municipality_birth_date", table_name="youth")
    op.drop_index(
        "ix_youth_given_name_prefix",
        table_name="youth",
        postgresql_ops={"given_name_key": "text_pattern_ops"},
    )
    op.drop_index(
        "ix_youth_family_name_prefix",
        table_name="youth",
        postgresql_ops={"family_name_key": "text_pattern_ops"},
    )
    op.drop_table("youth")
    op.drop_table("idempotency_record")
    op.drop_index("ix_audit_event_youth", table_name="audit_event")
    op.drop_index("ix_audit_event_occurred", table_name="audit_event")
    op.drop_table("audit_event")

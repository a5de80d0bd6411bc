"""imports, webhooks and deliveries, school absence (issue: integration)

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from ungeapi.migration_ops import drop_tenant_policy, tenant_table

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = ("import_problem", "import_job", "webhook_delivery", "webhook_subscription", "absence_record")


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
        "import_job",
        sa.Column("id", sa.UUID(), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("format", sa.String(length=10), nullable=False),
        sa.Column("mode", sa.String(length=20), nullable=False),
        sa.Column("dry_run", sa.Boolean(), nullable=False),
        sa.Column("status", sa.String(length=20), server_default="queued", nullable=False),
        sa.Column("filename", sa.String(length=300), nullable=True),
        sa.Column("total", sa.Integer(), nullable=True),
        sa.Column("processed", sa.Integer(), server_default="0", nullable=False),
        sa.Column("valid", sa.Integer(), server_default="0", nullable=False),
        sa.Column("invalid", sa.Integer(), server_default="0", nullable=False),
        sa.Column("created", sa.Integer(), server_default="0", nullable=False),
        sa.Column("updated", sa.Integer(), server_default="0", nullable=False),
        sa.Column("unchanged", sa.Integer(), server_default="0", nullable=False),
        sa.Column("error_code", sa.String(length=100), nullable=True),
        sa.Column("error_detail", sa.Text(), nullable=True),
        sa.Column("submitted_by_sub", sa.String(length=200), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        *_versioned(),
        sa.CheckConstraint("kind IN ('youth', 'cases', 'absence')", name=op.f("ck_import_job_kind")),
        sa.CheckConstraint("format IN ('csv', 'json', 'ndjson')", name=op.f("ck_import_job_format")),
        sa.CheckConstraint("mode IN ('all_or_nothing', 'valid_rows')", name=op.f("ck_import_job_mode")),
        sa.CheckConstraint(
            "status IN ('queued', 'running', 'completed', 'failed')", name=op.f("ck_import_job_status")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_import_job")),
    )
    op.create_index("ix_import_job_created", "import_job", ["municipality_code", "created_at", "id"])
    op.create_table(
        "import_problem",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=True), nullable=False),
        sa.Column("import_id", sa.UUID(), nullable=False),
        sa.Column("line", sa.Integer(), nullable=False),
        sa.Column("field", sa.String(length=200), nullable=True),
        sa.Column("code", sa.String(length=100), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("params", postgresql.JSONB(astext_type=sa.Text()), nullable=True),
        sa.Column("municipality_code", sa.String(length=3), nullable=False),
        sa.ForeignKeyConstraint(
            ["import_id"],
            ["import_job.id"],
            name=op.f("fk_import_problem_import_id_import_job"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_import_problem")),
    )
    op.create_index("ix_import_problem_import", "import_problem", ["import_id", "line", "id"])

    op.create_table(
        "webhook_subscription",
        sa.Column("id", sa.UUID(), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.Column("url", sa.String(length=2000), nullable=False),
        sa.Column("description", sa.String(length=500), nullable=True),
        sa.Column(
            "event_types", postgresql.ARRAY(sa.Text()), server_default=sa.text("'{}'::text[]"), nullable=False
        ),
        sa.Column("secret_ciphertext", sa.LargeBinary(), nullable=False),
        sa.Column("active", sa.Boolean(), server_default=sa.text("true"), nullable=False),
        sa.Column("scan_xact_id", sa.BigInteger(), nullable=False),
        sa.Column("scan_event_id", sa.BigInteger(), nullable=False),
        sa.Column("created_by_sub", sa.String(length=200), nullable=False),
        *_versioned(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_webhook_subscription")),
    )
    op.create_index(
        "ix_webhook_subscription_created", "webhook_subscription", ["municipality_code", "created_at", "id"]
    )
    op.create_table(
        "webhook_delivery",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=True), nullable=False),
        sa.Column("subscription_id", sa.UUID(), nullable=False),
        sa.Column("event_id", sa.BigInteger(), nullable=False),
        sa.Column("event_type", sa.String(length=100), nullable=False),
        sa.Column("status", sa.String(length=20), server_default="pending", nullable=False),
        sa.Column("attempts", sa.Integer(), server_default="0", nullable=False),
        sa.Column("replays", sa.Integer(), server_default="0", nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("window_started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_attempt_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_status_code", sa.Integer(), nullable=True),
        sa.Column("last_error", sa.String(length=500), nullable=True),
        sa.Column("delivered_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("municipality_code", sa.String(length=3), nullable=False),
        sa.CheckConstraint(
            "status IN ('pending', 'delivered', 'dead')", name=op.f("ck_webhook_delivery_status")
        ),
        sa.ForeignKeyConstraint(
            ["event_id"], ["change_event.id"], name=op.f("fk_webhook_delivery_event_id_change_event")
        ),
        sa.ForeignKeyConstraint(
            ["subscription_id"],
            ["webhook_subscription.id"],
            name=op.f("fk_webhook_delivery_subscription_id_webhook_subscription"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_webhook_delivery")),
        sa.UniqueConstraint(
            "subscription_id", "event_id", name=op.f("uq_webhook_delivery_subscription_id_event_id")
        ),
    )
    op.create_index("ix_webhook_delivery_log", "webhook_delivery", ["subscription_id", "id"])
    op.create_index("ix_webhook_delivery_status", "webhook_delivery", ["subscription_id", "status", "id"])
    op.create_index(
        "ix_webhook_delivery_due",
        "webhook_delivery",
        ["next_attempt_at"],
        postgresql_where=sa.text("status = 'pending'"),
    )

    op.create_table(
        "absence_record",
        sa.Column("id", sa.UUID(), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.Column("youth_id", sa.UUID(), nullable=False),
        sa.Column("school_name", sa.String(length=200), nullable=False),
        sa.Column("school_code", sa.String(length=20), nullable=True),
        sa.Column("period_from", sa.Date(), nullable=False),
        sa.Column("period_to", sa.Date(), nullable=False),
        sa.Column("quarter", sa.String(length=7), nullable=True),
        sa.Column("school_days", sa.Integer(), nullable=True),
        sa.Column("lawful_pct", sa.Numeric(precision=5, scale=2), nullable=False),
        sa.Column("unlawful_pct", sa.Numeric(precision=5, scale=2), nullable=False),
        sa.Column("sick_pct", sa.Numeric(precision=5, scale=2), nullable=False),
        sa.Column("parents_warned_on", sa.Date(), nullable=True),
        sa.Column("municipality_notified_on", sa.Date(), nullable=True),
        sa.Column("recorded_by_department", sa.String(length=20), nullable=True),
        *_versioned(),
        sa.CheckConstraint("period_to >= period_from", name=op.f("ck_absence_record_period_in_order")),
        sa.CheckConstraint(
            "lawful_pct >= 0 AND unlawful_pct >= 0 AND sick_pct >= 0 "
            "AND lawful_pct + unlawful_pct + sick_pct <= 100",
            name=op.f("ck_absence_record_shares"),
        ),
        sa.ForeignKeyConstraint(["youth_id"], ["youth.id"], name=op.f("fk_absence_record_youth_id_youth")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_absence_record")),
        sa.UniqueConstraint(
            "municipality_code",
            "youth_id",
            "school_name",
            "period_from",
            "period_to",
            name="uq_absence_record_period",
        ),
    )
    op.create_index("ix_absence_record_youth", "absence_record", ["youth_id", "period_from"])
    op.create_index("ix_absence_record_listing", "absence_record", ["municipality_code", "period_from", "id"])
    op.create_index("ix_absence_record_school", "absence_record", ["municipality_code", "school_name"])
    op.create_index("ix_absence_record_unlawful", "absence_record", ["municipality_code", "unlawful_pct"])

    for table in TABLES:
        tenant_table(table)


def downgrade() -> None:
    op.execute("SET LOCAL lock_timeout = '5s'")
    for table in TABLES:
        drop_tenant_policy(table)
    op.drop_index("ix_absence_record_unlawful", table_name="absence_record")
    op.drop_index("ix_absence_record_school", table_name="absence_record")
    op.drop_index("ix_absence_record_listing", table_name="absence_record")
    op.drop_index("ix_absence_record_youth", table_name="absence_record")
    op.drop_table("absence_record")
    op.drop_index("ix_webhook_delivery_due", table_name="webhook_delivery")
    op.drop_index("ix_webhook_delivery_status", table_name="webhook_delivery")
    op.drop_index("ix_webhook_delivery_log", table_name="webhook_delivery")
    op.drop_table("webhook_delivery")
    op.drop_index("ix_webhook_subscription_created", table_name="webhook_subscription")
    op.drop_table("webhook_subscription")
    op.drop_index("ix_import_problem_import", table_name="import_problem")
    op.drop_table("import_problem")
    op.drop_index("ix_import_job_created", table_name="import_job")
    op.drop_table("import_job")

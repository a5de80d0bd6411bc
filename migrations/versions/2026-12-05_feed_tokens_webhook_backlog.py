"""calendar feed tokens, and the webhook backlog for /metrics

`feed_token`: a token that opens the meetings' iCalendar feed (GET /v1/meetings.ics?token=...)
for a calendar that cannot send a bearer token; only its SHA-256 is kept.

`ungeapi_webhook_backlog()`: deliveries pending and events not yet scanned, over every
municipality, for /metrics. The app's role sees one municipality's rows at a time (row-level
security), so the count is a function of the schema owner's (SECURITY DEFINER), which like the
webhook worker needs a role that bypasses row-level security; it returns counts only.

Revision ID: 0020
Revises: 0018
Create Date: 2026-12-05
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from ungeapi.migration_ops import APP_ROLE, drop_tenant_policy, tenant_table

revision: str = "0020"
down_revision: str | None = "0018"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BACKLOG = """
CREATE FUNCTION ungeapi_webhook_backlog()
RETURNS TABLE (pending bigint, unscanned bigint, oldest timestamptz)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
    WITH waiting AS (
        SELECT count(*) AS n, min(e.occurred_at) AS oldest
        FROM webhook_delivery AS d JOIN change_event AS e ON e.id = d.event_id
        WHERE d.status = 'pending'
    ), behind AS (
        SELECT count(*) AS n, min(e.occurred_at) AS oldest
        FROM webhook_subscription AS s
        JOIN change_event AS e
          ON e.municipality_code = s.municipality_code
         AND (e.xact_id, e.id) > (s.scan_xact_id, s.scan_event_id)
        WHERE s.active
    )
    SELECT waiting.n, behind.n, LEAST(waiting.oldest, behind.oldest) FROM waiting, behind
$$
"""


def upgrade() -> None:
    op.execute("SET LOCAL lock_timeout = '5s'")
    op.create_table(
        "feed_token",
        sa.Column("id", postgresql.UUID(as_uuid=True), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.Column("municipality_code", sa.String(length=3), nullable=False),
        sa.Column("sub", sa.String(length=200), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("roles", postgresql.ARRAY(sa.Text()), nullable=False),
        sa.Column("departments", postgresql.ARRAY(sa.Text()), nullable=False),
        sa.Column("label", sa.String(length=100), nullable=True),
        sa.Column("token_hash", sa.LargeBinary(), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_used_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("revoked_by_sub", sa.String(length=200), nullable=True),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_feed_token")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_feed_token_token_hash")),
    )
    op.create_index("ix_feed_token_owner", "feed_token", ["municipality_code", "sub", "created_at"])
    tenant_table("feed_token")
    op.execute(BACKLOG)
    op.execute("REVOKE ALL ON FUNCTION ungeapi_webhook_backlog() FROM PUBLIC")
    op.execute(f"GRANT EXECUTE ON FUNCTION ungeapi_webhook_backlog() TO {APP_ROLE}")


def downgrade() -> None:
    op.execute("SET LOCAL lock_timeout = '5s'")
    op.execute("DROP FUNCTION IF EXISTS ungeapi_webhook_backlog()")
    drop_tenant_policy("feed_token")
    op.drop_index("ix_feed_token_owner", table_name="feed_token")
    op.drop_table("feed_token")

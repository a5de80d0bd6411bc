"""a webhook subscription remembers which transactions had committed when it was made

`webhook_subscription.created_snapshot`: the snapshot (pg_current_snapshot(), as text) of the
transaction that made the subscription. The worker starts below the settled horizon, so that events
of transactions still running then are delivered too; the snapshot tells it which of the events
after that start had already committed when the subscription was made, and those are not
delivered. The horizon is the whole cluster's: one long transaction anywhere (an import, a report)
used to send a new subscription events from before it. Existing subscriptions have none (NULL) and
keep today's start.

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-05
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0021"
down_revision: str | None = "0020"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("webhook_subscription", sa.Column("created_snapshot", sa.Text(), nullable=True))
    op.alter_column("webhook_subscription", "created_snapshot", server_default=sa.text("pg_current_snapshot()::text"))


def downgrade() -> None:
    op.drop_column("webhook_subscription", "created_snapshot")

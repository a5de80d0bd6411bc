"""citizen_subject: a login broker's pseudonymous sub mapped to the person it stands for (issue 23)

A citizen's token may name the youth only by a pseudonymous `sub`, without a CPR claim. The
municipality's integration registers which person each such `sub` stands for; the row keeps the
keyed CPR hash, never the number, so /v1/me finds the youth as it does from a CPR claim.

Revision ID: 0029
Revises: 0028
Create Date: 2026-12-05
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from ungeapi.migration_ops import drop_tenant_policy, tenant_table

revision: str = "0029"
down_revision: str | None = "0028"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.execute("SET LOCAL lock_timeout = '5s'")
    op.create_table(
        "citizen_subject",
        sa.Column("id", sa.UUID(), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.Column("subject", sa.String(length=200), nullable=False),
        sa.Column("cpr_hash", sa.LargeBinary(), nullable=False),
        sa.Column("registered_by_sub", sa.String(length=200), nullable=False),
        sa.Column(
            "registered_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False
        ),
        sa.Column("municipality_code", sa.String(length=3), nullable=False),
        sa.PrimaryKeyConstraint("id", "municipality_code", name=op.f("pk_citizen_subject")),
        sa.UniqueConstraint(
            "subject", "municipality_code", name=op.f("uq_citizen_subject_subject_municipality_code")
        ),
    )
    # The integration registers and re-registers a mapping; it never deletes one here.
    tenant_table("citizen_subject", privileges="SELECT, INSERT, UPDATE")


def downgrade() -> None:
    op.execute("SET LOCAL lock_timeout = '5s'")
    drop_tenant_policy("citizen_subject")
    op.drop_table("citizen_subject")

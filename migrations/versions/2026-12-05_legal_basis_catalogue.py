"""the legal-basis catalogue (hjemmel), version v1, loaded from src/ungeapi/law/data

The law as data: each § of Barnets lov, Serviceloven, LAB, aktivloven, KUI-loven, STU-loven,
FGU-loven, Folkeskoleloven, forvaltningsloven, retsplejeloven and databeskyttelsesloven that the
records name, with its title and the period it was in force. National, so no tenant column and
no row-level security: every municipality reads the same catalogue, and the application role
only reads it. A later correction of the data is a new file (`legal_bases_v2.csv`) loaded by a
new migration, which upserts by id: this one always loads v1.

Revision ID: 0023
Revises: 0027
Create Date: 2026-12-05
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from ungeapi.law.catalogue import rows
from ungeapi.migration_ops import APP_ROLE

revision: str = "0023"
down_revision: str | None = "0027"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

VERSION = "v1"


def upgrade() -> None:
    op.execute("SET LOCAL lock_timeout = '5s'")
    table = op.create_table(
        "legal_basis",
        sa.Column("id", sa.String(length=40), nullable=False),
        sa.Column("law", sa.String(length=30), nullable=False),
        sa.Column("section", sa.String(length=20), nullable=False),
        sa.Column("code", sa.String(length=50), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("valid_to", sa.Date(), nullable=True),
        sa.Column("confirmed", sa.Boolean(), nullable=False),
        sa.Column("source", sa.Text(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("catalogue_version", sa.String(length=20), nullable=False),
        sa.CheckConstraint(
            "valid_to IS NULL OR valid_to >= valid_from", name=op.f("ck_legal_basis_period_in_order")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_legal_basis")),
    )
    op.create_index("ix_legal_basis_code", "legal_basis", ["code", "valid_from"], unique=False)
    op.create_index("ix_legal_basis_law", "legal_basis", ["law", "id"], unique=False)
    op.create_index("ix_legal_basis_period", "legal_basis", ["valid_from", "valid_to"], unique=False)
    op.execute(f"GRANT SELECT ON legal_basis TO {APP_ROLE}")
    assert table is not None
    op.bulk_insert(table, rows(VERSION))


def downgrade() -> None:
    op.execute("SET LOCAL lock_timeout = '5s'")
    op.drop_index("ix_legal_basis_period", table_name="legal_basis")
    op.drop_index("ix_legal_basis_law", table_name="legal_basis")
    op.drop_index("ix_legal_basis_code", table_name="legal_basis")
    op.drop_table("legal_basis")

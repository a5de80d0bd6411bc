"""imports report data quality; absence records carry an external reference


`import_job.update_existing`: an import of youth changes an existing youth (found by CPR number)
only when the job says so; otherwise such a row is a conflict in the report. Existing jobs were
made when every import updated, so they read as true.
`import_problem.column`: the file's own name of the column at fault, beside the API's field name.
`absence_record.external_system` + `external_id`: the record's key in its source system, unique
per municipality (PUT /v1/absence/by-external/{system}/{id} and imports upsert by it).

Revision ID: 0027
Revises: 0022
Create Date: 2026-12-05
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0027"
down_revision: str | None = "0022"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.execute("SET LOCAL lock_timeout = '5s'")
    op.add_column("import_job", sa.Column("update_existing", sa.Boolean(), nullable=True))
    op.execute("UPDATE import_job SET update_existing = true")
    op.alter_column("import_job", "update_existing", nullable=False, server_default=sa.false())
    op.add_column("import_problem", sa.Column("column", sa.String(length=200), nullable=True))
    op.add_column("absence_record", sa.Column("external_system", sa.String(length=100), nullable=True))
    op.add_column("absence_record", sa.Column("external_id", sa.String(length=200), nullable=True))
    op.create_unique_constraint(
        op.f("uq_absence_record_municipality_code_external_system_external_id"),
        "absence_record",
        ["municipality_code", "external_system", "external_id"],
    )
    op.create_check_constraint(
        op.f("ck_absence_record_external_ref_whole"),
        "absence_record",
        "(external_system IS NULL) = (external_id IS NULL)",
    )


def downgrade() -> None:
    op.execute("SET LOCAL lock_timeout = '5s'")
    op.drop_constraint(op.f("ck_absence_record_external_ref_whole"), "absence_record", type_="check")
    op.drop_constraint(
        op.f("uq_absence_record_municipality_code_external_system_external_id"),
        "absence_record",
        type_="unique",
    )
    op.drop_column("absence_record", "external_id")
    op.drop_column("absence_record", "external_system")
    op.drop_column("import_problem", "column")
    op.drop_column("import_job", "update_existing")

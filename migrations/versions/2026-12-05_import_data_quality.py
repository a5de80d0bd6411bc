"""imports report data quality: the file's own column names, and whether existing youth may change

`import_job.update_existing`: an import of youth changes an existing youth (found by CPR number)
only when the job says so; otherwise such a row is a conflict in the report. Existing jobs were
made when every import updated, so they read as true.
`import_problem.column`: the file's own name of the column at fault, beside the API's field name.

Revision ID: 0027
Revises: 0021
Create Date: 2026-12-05
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0027"
down_revision: str | None = "0021"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.execute("SET LOCAL lock_timeout = '5s'")
    op.add_column("import_job", sa.Column("update_existing", sa.Boolean(), nullable=True))
    op.execute("UPDATE import_job SET update_existing = true")
    op.alter_column("import_job", "update_existing", nullable=False, server_default=sa.false())
    op.add_column("import_problem", sa.Column("column", sa.String(length=200), nullable=True))


def downgrade() -> None:
    op.execute("SET LOCAL lock_timeout = '5s'")
    op.drop_column("import_problem", "column")
    op.drop_column("import_job", "update_existing")

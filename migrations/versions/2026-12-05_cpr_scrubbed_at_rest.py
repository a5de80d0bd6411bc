"""CPR-shaped values masked in what was stored before they were masked on the way in

The audit log's purposes and request ids, import reports and file names were stored as the
client sent them; idempotency keys were stored as given and are now keyed hashes. Data only:
no table changes. The audit log is append-only, so its trigger is set aside for this one
statement, inside the migration's transaction.

Revision ID: 0017
Revises: 0014
Create Date: 2026-12-05
"""

import json
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from ungeapi.core.scrub import mask_cpr, mask_cpr_in

revision: str = "0017"
down_revision: str | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# PostgreSQL's reading of core/scrub.py's CPR_SHAPED, to find the rows to mask.
SHAPED = r"(?<![0-9])[0-9]{6}[-‐-― ]?[0-9]{4}(?![0-9])"


def _mask_column(table: str, column: str) -> None:
    # Table and column names are this module's constants.
    statement = f"UPDATE {table} SET {column} = regexp_replace({column}, :shaped, '[cpr]', 'g') "  # noqa: S608
    op.get_bind().execute(sa.text(statement + f"WHERE {column} ~ :shaped"), {"shaped": SHAPED})


def upgrade() -> None:
    op.execute("SET LOCAL lock_timeout = '5s'")
    conn = op.get_bind()
    op.execute("ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only")
    _mask_column("audit_event", "purpose")
    _mask_column("audit_event", "request_id")
    op.execute("ALTER TABLE audit_event ENABLE TRIGGER audit_event_append_only")
    _mask_column("import_job", "filename")
    _mask_column("import_job", "error_detail")
    # JSON parameters are masked value by value in Python, so the result stays valid JSON.
    found = conn.execute(
        sa.text(
            "SELECT id, field, message, params FROM import_problem "
            "WHERE field ~ :shaped OR message ~ :shaped OR params::text ~ :shaped"
        ),
        {"shaped": SHAPED},
    ).all()
    for row in found:
        conn.execute(
            sa.text(
                "UPDATE import_problem SET field = :field, message = :message, "
                "params = CAST(:params AS jsonb) WHERE id = :id"
            ),
            {
                "id": row.id,
                "field": None if row.field is None else mask_cpr(row.field),
                "message": mask_cpr(row.message),
                "params": None if row.params is None else json.dumps(mask_cpr_in(row.params)),
            },
        )
    # Keys stored as given before they were hashed: never matched again, and may hold a number.
    op.execute("DELETE FROM idempotency_record WHERE key !~ '^[0-9a-f]{64}$'")


def downgrade() -> None:
    # What was masked stays masked: nothing to undo.
    pass

"""coordination notes with their versions; documents with their content (issue 21)

`coordination_note` holds a note's latest text and class; `coordination_note_version` every
version as written, append-only, so a correction never overwrites. `document` holds an uploaded
or rendered document's metadata and journal reference; `document_content` its bytes (bytea), the
PostgreSQL store behind documents/storage.py, apart from the metadata so a list never reads them.
`meeting_decision` gains an index by day, for the worklist's reminder of decisions not journalized.

Revision ID: 0024
Revises: 0023
Create Date: 2026-12-05
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from ungeapi.migration_ops import append_only, drop_tenant_policy, tenant_table

revision: str = "0024"
down_revision: str | None = "0023"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _stamps() -> list[sa.Column[object]]:
    return [
        sa.Column("municipality_code", sa.String(length=3), nullable=False),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
    ]


def _notes() -> None:
    op.create_table(
        "coordination_note",
        sa.Column("id", sa.UUID(), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.Column("youth_id", sa.UUID(), nullable=False),
        sa.Column("subject_type", sa.String(length=20), nullable=True),
        sa.Column("subject_id", sa.UUID(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("information_class", sa.String(length=10), nullable=True),
        sa.Column("author_sub", sa.String(length=200), nullable=False),
        sa.Column("author_name", sa.String(length=200), nullable=False),
        sa.Column("author_department", sa.String(length=20), nullable=True),
        *_stamps(),
        sa.CheckConstraint(
            "subject_type IN ('case', 'plan', 'referral', 'meeting', 'team')",
            name=op.f("ck_coordination_note_subject_type_known"),
        ),
        sa.CheckConstraint(
            "(subject_type IS NULL) = (subject_id IS NULL)", name=op.f("ck_coordination_note_subject_whole")
        ),
        sa.ForeignKeyConstraint(
            ["youth_id", "municipality_code"],
            ["youth.id", "youth.municipality_code"],
            name=op.f("fk_coordination_note_youth_id_youth"),
        ),
        sa.PrimaryKeyConstraint("id", "municipality_code", name=op.f("pk_coordination_note")),
    )
    op.create_index(
        "ix_coordination_note_listing", "coordination_note", ["municipality_code", "created_at", "id"]
    )
    op.create_index("ix_coordination_note_subject", "coordination_note", ["subject_id", "created_at"])
    op.create_index("ix_coordination_note_youth", "coordination_note", ["youth_id", "created_at", "id"])
    op.create_table(
        "coordination_note_version",
        sa.Column("note_id", sa.UUID(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("information_class", sa.String(length=10), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("written_by_sub", sa.String(length=200), nullable=False),
        sa.Column("written_by_name", sa.String(length=200), nullable=False),
        sa.Column("written_by_department", sa.String(length=20), nullable=True),
        sa.Column("written_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("municipality_code", sa.String(length=3), nullable=False),
        sa.CheckConstraint(
            "number = 1 OR reason IS NOT NULL",
            name=op.f("ck_coordination_note_version_correction_has_reason"),
        ),
        sa.CheckConstraint("number >= 1", name=op.f("ck_coordination_note_version_number_positive")),
        sa.ForeignKeyConstraint(
            ["note_id", "municipality_code"],
            ["coordination_note.id", "coordination_note.municipality_code"],
            name=op.f("fk_coordination_note_version_note_id_coordination_note"),
        ),
        sa.PrimaryKeyConstraint(
            "note_id", "number", "municipality_code", name=op.f("pk_coordination_note_version")
        ),
    )
    tenant_table("coordination_note", privileges="SELECT, INSERT, UPDATE")
    tenant_table("coordination_note_version", privileges="SELECT, INSERT")
    append_only("coordination_note_version")


def _documents() -> None:
    op.create_table(
        "document",
        sa.Column("id", sa.UUID(), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.Column("youth_id", sa.UUID(), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("filename", sa.String(length=200), nullable=True),
        sa.Column("content_type", sa.String(length=100), nullable=False),
        sa.Column("size_bytes", sa.BigInteger(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("information_class", sa.String(length=10), nullable=True),
        sa.Column("subject_type", sa.String(length=30), nullable=True),
        sa.Column("subject_id", sa.UUID(), nullable=True),
        sa.Column("created_by_sub", sa.String(length=200), nullable=False),
        sa.Column("created_by_name", sa.String(length=200), nullable=False),
        sa.Column("created_by_department", sa.String(length=20), nullable=True),
        sa.Column("journal_system", sa.String(length=50), nullable=True),
        sa.Column("journal_id", sa.String(length=200), nullable=True),
        sa.Column("journalized_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("journalized_by_sub", sa.String(length=200), nullable=True),
        *_stamps(),
        sa.CheckConstraint(
            "(journal_system IS NULL) = (journal_id IS NULL) "
            "AND (journal_id IS NULL) = (journalized_at IS NULL)",
            name=op.f("ck_document_journal_reference_whole"),
        ),
        sa.CheckConstraint(
            "(subject_type IS NULL) = (subject_id IS NULL)", name=op.f("ck_document_subject_whole")
        ),
        sa.CheckConstraint("size_bytes >= 0", name=op.f("ck_document_size_not_negative")),
        sa.ForeignKeyConstraint(
            ["youth_id", "municipality_code"],
            ["youth.id", "youth.municipality_code"],
            name=op.f("fk_document_youth_id_youth"),
        ),
        sa.PrimaryKeyConstraint("id", "municipality_code", name=op.f("pk_document")),
    )
    op.create_index("ix_document_listing", "document", ["municipality_code", "created_at", "id"])
    op.create_index(
        "ix_document_not_journalized",
        "document",
        ["municipality_code", "created_at"],
        postgresql_where=sa.text("journalized_at IS NULL"),
    )
    op.create_index("ix_document_youth", "document", ["youth_id", "created_at", "id"])
    op.create_index("ix_document_subject", "document", ["subject_id"])
    op.create_index("ix_meeting_decision_decided", "meeting_decision", ["municipality_code", "decided_on"])
    op.create_table(
        "document_content",
        sa.Column("document_id", sa.UUID(), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("municipality_code", sa.String(length=3), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id", "municipality_code"],
            ["document.id", "document.municipality_code"],
            name=op.f("fk_document_content_document_id_document"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("document_id", "municipality_code", name=op.f("pk_document_content")),
    )
    tenant_table("document", privileges="SELECT, INSERT, UPDATE")
    tenant_table("document_content", privileges="SELECT, INSERT, DELETE")


def upgrade() -> None:
    op.execute("SET LOCAL lock_timeout = '5s'")
    _notes()
    _documents()


def downgrade() -> None:
    op.execute("SET LOCAL lock_timeout = '5s'")
    op.drop_index("ix_meeting_decision_decided", table_name="meeting_decision")
    for table in ("document_content", "document", "coordination_note_version", "coordination_note"):
        drop_tenant_policy(table)
        op.drop_table(table)

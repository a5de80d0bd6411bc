from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import BigInteger, CheckConstraint, DateTime, Index, LargeBinary, String, text
from sqlalchemy.dialects.postgresql import UUID
from sqlalchemy.orm import Mapped, mapped_column

from ungeapi.models.base import Base, TenantMixin, VersionedMixin
from ungeapi.models.columns import ClassCode, DepartmentCode, PersonName, Sub, UuidPk, YouthRef, tenant_ref

# The journal reference is written whole or not at all.
JOURNAL_WHOLE = (
    "(journal_system IS NULL) = (journal_id IS NULL) AND (journal_id IS NULL) = (journalized_at IS NULL)"
)
UNFILED = text("journalized_at IS NULL")


class Document(TenantMixin, VersionedMixin, Base):
    """A document about a youth (dokument): uploaded (a signed consent) or made by ungeapi (the plan
    as filed). Its bytes are in the document store (documents/storage.py), not in this row, so a
    read of the metadata never carries them. The journal reference is written back by the journal
    system (journaliseringspligt) once it has filed the document."""

    __tablename__ = "document"

    id: Mapped[UuidPk]
    youth_id: Mapped[YouthRef]
    information_class: Mapped[ClassCode | None]
    kind: Mapped[str] = mapped_column(String(30), nullable=False)
    title: Mapped[str] = mapped_column(String(200), nullable=False)
    filename: Mapped[str | None] = mapped_column(String(200))
    content_type: Mapped[str] = mapped_column(String(100), nullable=False)
    size_bytes: Mapped[int] = mapped_column(BigInteger, nullable=False)
    sha256: Mapped[str] = mapped_column(String(64), nullable=False)
    subject_type: Mapped[str | None] = mapped_column(String(30))
    subject_id: Mapped[uuid.UUID | None] = mapped_column(UUID(as_uuid=True))
    created_by_sub: Mapped[Sub] = mapped_column(nullable=False)
    created_by_name: Mapped[PersonName] = mapped_column(nullable=False)
    created_by_department: Mapped[DepartmentCode | None]
    journal_system: Mapped[str | None] = mapped_column(String(50))
    journal_id: Mapped[str | None] = mapped_column(String(200))
    journalized_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    journalized_by_sub: Mapped[Sub | None]

    __table_args__ = (
        tenant_ref("youth_id", "youth"),
        CheckConstraint("size_bytes >= 0", name="size_not_negative"),
        CheckConstraint(JOURNAL_WHOLE, name="journal_reference_whole"),
        CheckConstraint("(subject_type IS NULL) = (subject_id IS NULL)", name="subject_whole"),
        Index("ix_document_youth", "youth_id", "created_at", "id"),
        # The worklist's journal reminder: is the decision's minutes journalized?
        Index("ix_document_subject", "subject_id"),
        Index("ix_document_listing", "municipality_code", "created_at", "id"),
        # The reminder of documents not yet journalized (issue 21, item 3).
        Index("ix_document_not_journalized", "municipality_code", "created_at", postgresql_where=UNFILED),
    )


class DocumentContent(TenantMixin, Base):
    """The bytes of a document, stored in PostgreSQL (documents/storage.py PostgresStore)."""

    __tablename__ = "document_content"

    document_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True)
    content: Mapped[bytes] = mapped_column(LargeBinary, nullable=False)

    __table_args__ = (tenant_ref("document_id", "document", ondelete="CASCADE"),)

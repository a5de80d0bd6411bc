from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import (
    CheckConstraint,
    DateTime,
    Index,
    Integer,
    PrimaryKeyConstraint,
    String,
    Text,
    func,
)
from sqlalchemy.dialects.postgresql import UUID
from sqlalchemy.orm import Mapped, mapped_column

from ungeapi.models import columns
from ungeapi.models.base import Base, TenantMixin, VersionedMixin
from ungeapi.models.columns import ClassCode, DepartmentCode, PersonName, Sub, UuidPk, YouthRef, tenant_ref

NOTE_SUBJECTS = ("case", "plan", "referral", "meeting", "team")


class CoordinationNote(TenantMixin, VersionedMixin, Base):
    """A coordination note (koordineringsnotat) about a youth, optionally about one of the youth's
    records. Its text and class are those of its latest version (coordination_note_version): a
    correction adds a version, it never overwrites one."""

    __tablename__ = "coordination_note"

    id: Mapped[UuidPk]
    youth_id: Mapped[YouthRef]
    subject_type: Mapped[str | None] = mapped_column(String(20))
    subject_id: Mapped[uuid.UUID | None] = mapped_column(UUID(as_uuid=True))
    text: Mapped[str] = mapped_column(Text, nullable=False)
    information_class: Mapped[ClassCode | None]
    author_sub: Mapped[Sub] = mapped_column(nullable=False)
    author_name: Mapped[PersonName] = mapped_column(nullable=False)
    author_department: Mapped[DepartmentCode | None]

    __table_args__ = (
        tenant_ref("youth_id", "youth"),
        CheckConstraint("(subject_type IS NULL) = (subject_id IS NULL)", name="subject_whole"),
        CheckConstraint(columns.one_of("subject_type", NOTE_SUBJECTS), name="subject_type_known"),
        Index("ix_coordination_note_youth", "youth_id", "created_at", "id"),
        Index("ix_coordination_note_listing", "municipality_code", "created_at", "id"),
        Index("ix_coordination_note_subject", "subject_id", "created_at"),
    )


class CoordinationNoteVersion(TenantMixin, Base):
    """One version of a note, as written: the first, then each correction with its reason.
    Append-only (the migration refuses UPDATE and DELETE)."""

    __tablename__ = "coordination_note_version"

    note_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), nullable=False, primary_key=True)
    number: Mapped[int] = mapped_column(Integer, nullable=False, primary_key=True)
    text: Mapped[str] = mapped_column(Text, nullable=False)
    information_class: Mapped[ClassCode | None]
    reason: Mapped[str | None] = mapped_column(Text)
    written_by_sub: Mapped[Sub] = mapped_column(nullable=False)
    written_by_name: Mapped[PersonName] = mapped_column(nullable=False)
    written_by_department: Mapped[DepartmentCode | None]
    written_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), nullable=False, server_default=func.now()
    )

    __table_args__ = (
        tenant_ref("note_id", "coordination_note"),
        PrimaryKeyConstraint("note_id", "number", "municipality_code"),
        CheckConstraint("number >= 1", name="number_positive"),
        CheckConstraint("number = 1 OR reason IS NOT NULL", name="correction_has_reason"),
    )

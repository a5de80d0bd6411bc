"""What a youth writes through their own door (/v1/me): their own words, as written."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, DateTime, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.dialects.postgresql import UUID
from sqlalchemy.orm import Mapped, mapped_column
from sqlalchemy.sql import func
from sqlalchemy.types import LargeBinary

from ungeapi.models.base import Base, TenantMixin, VersionedMixin
from ungeapi.models.columns import DepartmentCode, PersonName, Sub, UuidPk, YouthRef, one_of, tenant_ref

STATEMENT_KINDS = ("view", "reply", "talk_request")
STATEMENT_SUBJECTS = ("plan", "forum_meeting", "team_meeting", "guide_assignment")
REPLIES = ("attending", "not_attending")


class YouthStatement(TenantMixin, VersionedMixin, Base):
    """The youth's own view of a plan or meeting, a reply to an invitation, or a request to talk.

    The youth's words are never changed: a new view is a new row (the next `edition` for the
    same subject), and a trigger refuses any UPDATE of the written columns (migration 0024).
    Staff write only the answer (`answered_*`), which ends the obligation to respond by
    `respond_by`."""

    __tablename__ = "youth_statement"

    id: Mapped[UuidPk]
    youth_id: Mapped[YouthRef]
    kind: Mapped[str] = mapped_column(String(20), nullable=False)
    subject_type: Mapped[str] = mapped_column(String(20), nullable=False)
    subject_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), nullable=False)
    edition: Mapped[int] = mapped_column(Integer, nullable=False)
    text: Mapped[str | None] = mapped_column(Text)
    reply: Mapped[str | None] = mapped_column(String(20))
    written_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    respond_by: Mapped[date] = mapped_column(Date, nullable=False)
    responsible_sub: Mapped[Sub | None]
    responsible_name: Mapped[PersonName | None]
    responsible_department: Mapped[DepartmentCode | None]
    answered_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    answered_by_sub: Mapped[Sub | None]
    answered_by_name: Mapped[PersonName | None]
    answer: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (
        CheckConstraint(one_of("kind", STATEMENT_KINDS), name="kind"),
        CheckConstraint(one_of("subject_type", STATEMENT_SUBJECTS), name="subject_type"),
        CheckConstraint(f"reply IS NULL OR {one_of('reply', REPLIES)}", name="reply"),
        tenant_ref("youth_id", "youth"),
        UniqueConstraint(
            "youth_id",
            "kind",
            "subject_id",
            "edition",
            "municipality_code",
            # The naming convention's name would pass PostgreSQL's 63 characters.
            name="uq_youth_statement_youth_kind_subject_edition",
        ),
        Index("ix_youth_statement_youth_written", "youth_id", "written_at", "id"),
        # The obligation to respond: the open ones, by the day they are due.
        Index(
            "ix_youth_statement_open",
            "municipality_code",
            "respond_by",
            postgresql_where="answered_at IS NULL",
        ),
    )


class CitizenSubject(TenantMixin, Base):
    """A login broker's pseudonymous `sub` and the person it stands for, as the municipality's
    integration registers it: the keyed CPR hash, never the number. A citizen's token that names
    the person only by such a `sub` (no CPR claim) opens /v1/me through this row."""

    __tablename__ = "citizen_subject"

    id: Mapped[UuidPk]
    subject: Mapped[str] = mapped_column(String(200), nullable=False)
    cpr_hash: Mapped[bytes] = mapped_column(LargeBinary, nullable=False)
    registered_by_sub: Mapped[Sub]
    registered_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), nullable=False, server_default=func.now()
    )

    __table_args__ = (UniqueConstraint("subject", "municipality_code"),)

"""A caseworker's resolution of an obligation with a reason (§8.2)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, DateTime, Index, String, Text, UniqueConstraint, func
from sqlalchemy.orm import Mapped, mapped_column

from ungeapi.models.base import Base, TenantMixin
from ungeapi.models.columns import DepartmentCode, PersonName, Sub, UuidPk, YouthRef, tenant_ref

RESOLUTION_REASONS = ("not_applicable", "done_elsewhere", "youth_declined", "moved_away")


class ObligationResolution(TenantMixin, Base):
    """§8.2: an obligation (kind, youth, subject, due date) resolved with a reason; it leaves the
    worklist and stays visible in the youth's overview and in statistics. Written once."""

    __tablename__ = "obligation_resolution"

    id: Mapped[UuidPk]
    kind: Mapped[str] = mapped_column(String(60), nullable=False)
    youth_id: Mapped[YouthRef]
    subject_type: Mapped[str | None] = mapped_column(String(40))
    # '' when the obligation is about no record, so the key can be unique.
    subject_id: Mapped[str] = mapped_column(String(100), nullable=False, server_default="")
    due_on: Mapped[date] = mapped_column(Date, nullable=False)
    reason: Mapped[str] = mapped_column(String(30), nullable=False)
    note: Mapped[str | None] = mapped_column(Text)
    resolved_by_sub: Mapped[Sub]
    resolved_by_name: Mapped[PersonName]
    resolved_by_department: Mapped[DepartmentCode | None]
    resolved_on: Mapped[date] = mapped_column(Date, nullable=False)
    resolved_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), nullable=False, server_default=func.now()
    )

    __table_args__ = (
        tenant_ref("youth_id", "youth"),
        CheckConstraint(
            "reason IN ('not_applicable', 'done_elsewhere', 'youth_declined', 'moved_away')", name="reason"
        ),
        # One resolution per obligation; also what the worklist's anti-join reads.
        UniqueConstraint(
            "youth_id",
            "kind",
            "subject_id",
            "due_on",
            "municipality_code",
            # The naming convention's name would pass PostgreSQL's 63 characters.
            name="uq_obligation_resolution_youth_kind_subject_due",
        ),
        Index("ix_obligation_resolution_resolved", "municipality_code", "resolved_on"),
    )

"""Barnets lov deadlines of a placed youth: the youth plan (R19) and the aftercare decision (R20)."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import Boolean, CheckConstraint, Date, Index, String, Text
from sqlalchemy.dialects.postgresql import UUID
from sqlalchemy.orm import Mapped, mapped_column

from ungeapi.models.base import Base, TenantMixin, VersionedMixin
from ungeapi.models.columns import ClassCode, DepartmentCode, PersonName, Sub, UuidPk, YouthRef, tenant_ref

AFTERCARE_OUTCOMES = ("granted", "refused", "declined_by_youth")


class RecordedByAuthor:
    """Who recorded it, the notes and the R9 class: the last columns of both records."""

    author_sub: Mapped[Sub]
    author_name: Mapped[PersonName]
    author_department: Mapped[DepartmentCode | None]
    notes: Mapped[str | None] = mapped_column(Text)
    information_class: Mapped[ClassCode | None]


class YouthPlan(RecordedByAuthor, TenantMixin, VersionedMixin, Base):
    """R19: a youth plan (ungeplan, BL § 108) was made for a placed youth aged 16+."""

    __tablename__ = "youth_plan"

    id: Mapped[UuidPk]
    youth_id: Mapped[YouthRef]
    case_id: Mapped[uuid.UUID | None] = mapped_column(UUID(as_uuid=True))
    made_on: Mapped[date] = mapped_column(Date, nullable=False)
    youth_involved: Mapped[bool] = mapped_column(Boolean, nullable=False)
    parents_involved: Mapped[bool] = mapped_column(Boolean, nullable=False)
    goals: Mapped[str] = mapped_column(Text, nullable=False)

    __table_args__ = (
        tenant_ref("youth_id", "youth"),
        tenant_ref("case_id", "youth_case"),
        Index("ix_youth_plan_youth", "youth_id", "made_on", "id"),
        Index("ix_youth_plan_made", "municipality_code", "made_on", "id"),
    )


class AftercareDecision(RecordedByAuthor, TenantMixin, VersionedMixin, Base):
    """R20: the decision on support after 18 (ungestøtte, BL §§ 114-116) for a placed youth."""

    __tablename__ = "aftercare_decision"

    id: Mapped[UuidPk]
    youth_id: Mapped[YouthRef]
    case_id: Mapped[uuid.UUID | None] = mapped_column(UUID(as_uuid=True))
    decided_on: Mapped[date] = mapped_column(Date, nullable=False)
    outcome: Mapped[str] = mapped_column(String(20), nullable=False)
    legal_basis_code: Mapped[str | None] = mapped_column(String(50))
    support_until: Mapped[date | None] = mapped_column(Date)
    youth_plan_revised_on: Mapped[date | None] = mapped_column(Date)

    __table_args__ = (
        tenant_ref("youth_id", "youth"),
        tenant_ref("case_id", "youth_case"),
        CheckConstraint("outcome IN ('granted', 'refused', 'declined_by_youth')", name="outcome"),
        CheckConstraint(
            "support_until IS NULL OR (outcome = 'granted' AND support_until > decided_on)",
            name="support_until_granted",
        ),
        Index("ix_aftercare_decision_youth", "youth_id", "decided_on", "id"),
        Index("ix_aftercare_decision_decided", "municipality_code", "decided_on", "id"),
    )

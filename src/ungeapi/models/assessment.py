"""Statutory assessments of one youth: the target-group assessment (målgruppevurdering, R6) and
the disability transition assessment (Barnets lov §§ 122-123, R21)."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import Boolean, CheckConstraint, Date, Index, String, Text
from sqlalchemy.dialects.postgresql import ARRAY, UUID
from sqlalchemy.orm import Mapped, mapped_column

from ungeapi.models.base import Base, TenantMixin, VersionedMixin
from ungeapi.models.columns import DepartmentCode, PersonName, Sub, UuidPk, YouthRef, tenant_ref

# R6: what the overall weighing was based on (KUI § 2 k).
TARGET_GROUP_BASES = ("lab_offers", "grades", "bridge_building", "internship", "exploration_course")
# R21: the sections the transition assessment covers; all but `other` are needed to complete it.
DISABILITY_SECTIONS = (
    "support_need",
    "education",
    "employment",
    "income_basis",
    "housing",
    "social_conditions",
    "other",
)


class AssessedBy:
    """Who recorded the assessment, and free notes."""

    author_sub: Mapped[Sub]
    author_name: Mapped[PersonName]
    author_department: Mapped[DepartmentCode | None]
    notes: Mapped[str | None] = mapped_column(Text)


class TargetGroupAssessment(AssessedBy, TenantMixin, VersionedMixin, Base):
    """R6: a target-group assessment (målgruppevurdering) — asked for when the youth was referred
    to FGU (`referred_on`), made when `assessed_on` and the outcome are recorded."""

    __tablename__ = "target_group_assessment"

    id: Mapped[UuidPk]
    youth_id: Mapped[YouthRef]
    referred_on: Mapped[date | None] = mapped_column(Date)
    assessed_on: Mapped[date | None] = mapped_column(Date)
    fgu_target_group: Mapped[bool | None] = mapped_column(Boolean)
    other_offer: Mapped[str | None] = mapped_column(String(500))
    basis: Mapped[list[str]] = mapped_column(ARRAY(String(40)), nullable=False, server_default="{}")
    basis_note: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (
        tenant_ref("youth_id", "youth"),
        CheckConstraint("referred_on IS NOT NULL OR assessed_on IS NOT NULL", name="referred_or_assessed"),
        CheckConstraint("(assessed_on IS NULL) = (fgu_target_group IS NULL)", name="outcome_when_assessed"),
        CheckConstraint("assessed_on >= referred_on", name="assessed_after_referral"),
        Index("ix_target_group_assessment_youth", "youth_id", "assessed_on"),
        Index("ix_target_group_assessment_listing", "municipality_code", "id"),
    )


class DisabilityTransitionAssessment(AssessedBy, TenantMixin, VersionedMixin, Base):
    """R21: the assessment of a youth with a substantial and permanent disability before the
    transition to adulthood (Barnets lov §§ 122-123): started after 16, complete before 18."""

    __tablename__ = "disability_transition_assessment"

    id: Mapped[UuidPk]
    youth_id: Mapped[YouthRef]
    case_id: Mapped[uuid.UUID | None] = mapped_column(UUID(as_uuid=True))
    started_on: Mapped[date] = mapped_column(Date, nullable=False)
    completed_on: Mapped[date | None] = mapped_column(Date)
    support_need: Mapped[str | None] = mapped_column(Text)
    education: Mapped[str | None] = mapped_column(Text)
    employment: Mapped[str | None] = mapped_column(Text)
    income_basis: Mapped[str | None] = mapped_column(Text)
    housing: Mapped[str | None] = mapped_column(Text)
    social_conditions: Mapped[str | None] = mapped_column(Text)
    other: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (
        tenant_ref("youth_id", "youth"),
        tenant_ref("case_id", "youth_case"),
        CheckConstraint("completed_on >= started_on", name="completed_after_start"),
        Index("ix_disability_transition_assessment_youth", "youth_id", "started_on"),
        Index("ix_disability_transition_assessment_listing", "municipality_code", "id"),
    )

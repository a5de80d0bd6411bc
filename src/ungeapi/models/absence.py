from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    Index,
    Integer,
    Numeric,
    String,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import Mapped, mapped_column

from ungeapi.models.base import Base, TenantMixin, VersionedMixin
from ungeapi.models.columns import ClassCode, DepartmentCode, UuidPk, YouthRef, tenant_ref


class AbsenceRecord(TenantMixin, VersionedMixin, Base):
    """School absence (skolefravær) of one youth at one school in one period, as shares of the
    period's school days: lawful (lovligt), unlawful (ulovligt) and sick (sygdom)."""

    __tablename__ = "absence_record"

    id: Mapped[UuidPk]
    youth_id: Mapped[YouthRef]
    school_name: Mapped[str] = mapped_column(String(200), nullable=False)
    school_code: Mapped[str | None] = mapped_column(String(20))
    period_from: Mapped[date] = mapped_column(Date, nullable=False)
    period_to: Mapped[date] = mapped_column(Date, nullable=False)
    quarter: Mapped[str | None] = mapped_column(String(7))
    school_days: Mapped[int | None] = mapped_column(Integer)
    lawful_pct: Mapped[Decimal] = mapped_column(Numeric(5, 2), nullable=False)
    unlawful_pct: Mapped[Decimal] = mapped_column(Numeric(5, 2), nullable=False)
    sick_pct: Mapped[Decimal] = mapped_column(Numeric(5, 2), nullable=False)
    parents_warned_on: Mapped[date | None] = mapped_column(Date)
    municipality_notified_on: Mapped[date | None] = mapped_column(Date)
    recorded_by_department: Mapped[DepartmentCode | None]
    information_class: Mapped[ClassCode | None]
    # The record's key in the school's or journal's system: upserts by it (PUT .../by-external).
    external_system: Mapped[str | None] = mapped_column(String(100))
    external_id: Mapped[str | None] = mapped_column(String(200))
    # R22's follow-up after the notification: routed to the absence team, the hearing, the
    # competent unit's decision on child benefit (a record that it decided, never a grant) and
    # the way back to school.
    absence_team_department: Mapped[DepartmentCode | None]
    parents_heard_on: Mapped[date | None] = mapped_column(Date)
    child_heard_on: Mapped[date | None] = mapped_column(Date)
    child_benefit_outcome: Mapped[str | None] = mapped_column(String(20))
    child_benefit_decided_on: Mapped[date | None] = mapped_column(Date)
    child_benefit_decided_by: Mapped[str | None] = mapped_column(String(200))
    back_at_school_on: Mapped[date | None] = mapped_column(Date)
    next_follow_up_on: Mapped[date | None] = mapped_column(Date)
    # Helsingør (S1): poor wellbeing prompts the contact person as high absence does.
    wellbeing_signal: Mapped[bool] = mapped_column(Boolean, nullable=False, server_default=false())
    guide_contacted_on: Mapped[date | None] = mapped_column(Date)

    __table_args__ = (
        tenant_ref("youth_id", "youth"),
        CheckConstraint("period_to >= period_from", name="period_in_order"),
        # §8.1: R22's steps answer the period's absence, so they are not before it began.
        CheckConstraint("parents_warned_on >= period_from", name="warned_in_period"),
        CheckConstraint("municipality_notified_on >= period_from", name="notified_in_period"),
        CheckConstraint(
            "lawful_pct >= 0 AND unlawful_pct >= 0 AND sick_pct >= 0 "
            "AND lawful_pct + unlawful_pct + sick_pct <= 100",
            name="shares",
        ),
        CheckConstraint(
            "child_benefit_outcome IS NULL OR child_benefit_outcome IN ('stopped', 'not_stopped')",
            name="child_benefit_outcome",
        ),
        CheckConstraint(
            "(child_benefit_outcome IS NULL) = (child_benefit_decided_on IS NULL)",
            name="child_benefit_decided",
        ),
        UniqueConstraint(
            "municipality_code",
            "youth_id",
            "school_name",
            "period_from",
            "period_to",
            name="uq_absence_record_period",
        ),
        UniqueConstraint("municipality_code", "external_system", "external_id"),
        CheckConstraint("(external_system IS NULL) = (external_id IS NULL)", name="external_ref_whole"),
        Index("ix_absence_record_youth", "youth_id", "period_from"),
        Index("ix_absence_record_listing", "municipality_code", "period_from", "id"),
        Index("ix_absence_record_school", "municipality_code", "school_name"),
        Index("ix_absence_record_unlawful", "municipality_code", "unlawful_pct"),
    )

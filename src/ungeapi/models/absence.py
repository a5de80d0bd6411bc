from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import CheckConstraint, Date, Index, Integer, Numeric, String, UniqueConstraint
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
        UniqueConstraint(
            "municipality_code",
            "youth_id",
            "school_name",
            "period_from",
            "period_to",
            name="uq_absence_record_period",
        ),
        Index("ix_absence_record_youth", "youth_id", "period_from"),
        Index("ix_absence_record_listing", "municipality_code", "period_from", "id"),
        Index("ix_absence_record_school", "municipality_code", "school_name"),
        Index("ix_absence_record_unlawful", "municipality_code", "unlawful_pct"),
    )

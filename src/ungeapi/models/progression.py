"""The youth's progression phase (progressionsfase) on the municipality's own scale, with history."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import Date, DateTime, Index, Integer, String, Text, UniqueConstraint, func
from sqlalchemy.dialects.postgresql import UUID
from sqlalchemy.orm import Mapped, mapped_column

from ungeapi.models.base import Base, TenantMixin
from ungeapi.models.columns import DepartmentCode, PersonName, Sub, UuidPk, YouthRef, tenant_ref


class ProgressionPhase(TenantMixin, Base):
    """One step of the municipality's progression scale, in order (`position`)."""

    __tablename__ = "progression_phase"

    id: Mapped[UuidPk]
    code: Mapped[str] = mapped_column(String(40), nullable=False)
    position: Mapped[int] = mapped_column(Integer, nullable=False)
    label_da: Mapped[str] = mapped_column(String(200), nullable=False)
    label_en: Mapped[str] = mapped_column(String(200), nullable=False)

    __table_args__ = (UniqueConstraint("municipality_code", "code"),)


class PlanProgression(TenantMixin, Base):
    """A phase recorded for a plan: the latest is the youth's phase now, the rest its history.
    Written once; the phase's label is kept as it was, so a later scale does not rewrite it."""

    __tablename__ = "plan_progression"

    id: Mapped[UuidPk]
    plan_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), nullable=False)
    youth_id: Mapped[YouthRef]
    phase: Mapped[str] = mapped_column(String(40), nullable=False)
    position: Mapped[int] = mapped_column(Integer, nullable=False)
    label_da: Mapped[str] = mapped_column(String(200), nullable=False)
    label_en: Mapped[str] = mapped_column(String(200), nullable=False)
    recorded_on: Mapped[date] = mapped_column(Date, nullable=False)
    recorded_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), nullable=False, server_default=func.now()
    )
    note: Mapped[str | None] = mapped_column(Text)
    recorded_by_sub: Mapped[Sub]
    recorded_by_name: Mapped[PersonName]
    recorded_by_department: Mapped[DepartmentCode | None]

    __table_args__ = (
        tenant_ref("plan_id", "plan"),
        tenant_ref("youth_id", "youth"),
        Index("ix_plan_progression_plan_recorded", "plan_id", "recorded_at", "id"),
    )

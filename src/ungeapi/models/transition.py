"""The transition form (overgangsskema): what support the adult area should expect after 18."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    Date,
    DateTime,
    Index,
    Integer,
    Numeric,
    PrimaryKeyConstraint,
    String,
    Text,
    func,
)
from sqlalchemy.dialects.postgresql import JSONB, UUID
from sqlalchemy.orm import Mapped, mapped_column

from ungeapi.models.base import Base, TenantMixin, VersionedMixin
from ungeapi.models.columns import ClassCode, DepartmentCode, PersonName, Sub, UuidPk, YouthRef, tenant_ref


class TransitionForm(TenantMixin, VersionedMixin, Base):
    """A youth's transition form; every change appends a TransitionFormVersion (R10-R12)."""

    __tablename__ = "transition_form"

    id: Mapped[UuidPk]
    youth_id: Mapped[YouthRef]
    author_sub: Mapped[Sub]
    author_name: Mapped[PersonName]
    author_department: Mapped[DepartmentCode | None]
    support_hours_per_week: Mapped[Decimal | None] = mapped_column(Numeric(5, 1))
    needs: Mapped[dict[str, Any]] = mapped_column(JSONB, nullable=False)
    income_basis: Mapped[str | None] = mapped_column(String(40))
    yearly_costs: Mapped[dict[str, Any]] = mapped_column(JSONB, nullable=False)
    notes: Mapped[str | None] = mapped_column(Text)
    updated_on: Mapped[date] = mapped_column(Date, nullable=False)
    information_class: Mapped[ClassCode | None]

    __table_args__ = (
        tenant_ref("youth_id", "youth"),
        Index("ix_transition_form_youth", "youth_id", "updated_on"),
        Index("ix_transition_form_updated", "municipality_code", "updated_on"),
        # the worklist's responsible= (obligations/narrowing.py): the forms a person wrote last
        Index("ix_transition_form_author", "municipality_code", "author_sub"),
    )


class TransitionFormVersion(TenantMixin, Base):
    """Append-only: the form as it was after each create or update."""

    __tablename__ = "transition_form_version"

    form_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), nullable=False, primary_key=True)
    number: Mapped[int] = mapped_column(Integer, nullable=False, primary_key=True)
    occurred_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), nullable=False, server_default=func.now()
    )
    actor_sub: Mapped[Sub]
    snapshot: Mapped[dict[str, Any]] = mapped_column(JSONB, nullable=False)

    __table_args__ = (
        PrimaryKeyConstraint("form_id", "number", "municipality_code"),
        tenant_ref("form_id", "transition_form"),
    )

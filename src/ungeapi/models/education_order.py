"""R24: the jobcentre's assessment of an education order (uddannelsespålæg, LAB § 30) for a young
benefit recipient, and the order's deadlines to propose and to apply for an education."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import CheckConstraint, Date, Index, String, Text, text
from sqlalchemy.dialects.postgresql import UUID
from sqlalchemy.orm import Mapped, mapped_column

from ungeapi.models.base import Base, TenantMixin, VersionedMixin
from ungeapi.models.columns import DepartmentCode, PersonName, Sub, UuidPk, YouthRef, one_of, tenant_ref

EDUCATION_ORDER_OUTCOMES = ("ordered", "not_ordered")


class EducationOrder(TenantMixin, VersionedMixin, Base):
    """One assessment of a jobcentre case (R24); when the youth can complete an education, the
    order with its deadlines and the days the youth proposed and applied."""

    __tablename__ = "education_order"

    id: Mapped[UuidPk]
    youth_id: Mapped[YouthRef]
    case_id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True), nullable=False
    )
    assessed_on: Mapped[date] = mapped_column(Date, nullable=False)
    outcome: Mapped[str] = mapped_column(String(20), nullable=False)
    ordered_on: Mapped[date | None] = mapped_column(Date)
    proposal_due_on: Mapped[date | None] = mapped_column(Date)
    proposed_on: Mapped[date | None] = mapped_column(Date)
    application_due_on: Mapped[date | None] = mapped_column(Date)
    applied_on: Mapped[date | None] = mapped_column(Date)
    author_sub: Mapped[Sub]
    author_name: Mapped[PersonName]
    author_department: Mapped[DepartmentCode | None]
    notes: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (
        tenant_ref("youth_id", "youth"),
        tenant_ref("case_id", "youth_case"),
        CheckConstraint(one_of("outcome", EDUCATION_ORDER_OUTCOMES), name="outcome"),
        # An order has both deadlines, in order; an assessment without an order has none.
        CheckConstraint(
            "(outcome = 'ordered' AND ordered_on IS NOT NULL AND proposal_due_on >= ordered_on "
            "AND application_due_on >= proposal_due_on) OR (outcome = 'not_ordered' AND ordered_on IS NULL "
            "AND proposal_due_on IS NULL AND application_due_on IS NULL AND proposed_on IS NULL "
            "AND applied_on IS NULL)",
            name="order_deadlines",
        ),
        Index("ix_education_order_youth", "youth_id", "assessed_on", "id"),
        Index("ix_education_order_assessed", "municipality_code", "assessed_on", "id"),
        Index("ix_education_order_case", "case_id"),
        Index(
            "ix_education_order_open_deadlines",
            "municipality_code",
            "author_sub",
            postgresql_where=text("outcome = 'ordered' AND (proposed_on IS NULL OR applied_on IS NULL)"),
        ),
    )

"""R9: a recorded disclosure of a record's protected part to another department (forvaltningslovens § 28)."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, DateTime, Index, String, Text, func
from sqlalchemy.dialects.postgresql import UUID
from sqlalchemy.orm import Mapped, mapped_column

from ungeapi.models.base import Base, TenantMixin
from ungeapi.models.columns import DepartmentCode, PersonName, Sub, UuidPk, YouthRef, tenant_ref


class Disclosure(TenantMixin, Base):
    """Append-only: the owning caseworker disclosed `resource_type`/`record_id`'s protected part of
    class `information_class` to `recipient_department`, on a legal basis and for a reason."""

    __tablename__ = "disclosure"

    id: Mapped[UuidPk]
    youth_id: Mapped[YouthRef]
    resource_type: Mapped[str] = mapped_column(String(40), nullable=False)
    record_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), nullable=False)
    information_class: Mapped[str] = mapped_column(String(10), nullable=False)
    recipient_department: Mapped[str] = mapped_column(String(20), nullable=False)
    legal_basis: Mapped[str] = mapped_column(String(40), nullable=False)
    reason: Mapped[str] = mapped_column(Text, nullable=False)
    disclosed_on: Mapped[date] = mapped_column(Date, nullable=False)
    disclosed_by_sub: Mapped[Sub]
    disclosed_by_name: Mapped[PersonName]
    disclosed_by_department: Mapped[DepartmentCode | None]
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), nullable=False, server_default=func.now()
    )

    __table_args__ = (
        tenant_ref("youth_id", "youth"),
        CheckConstraint(
            "information_class IN ('health', 'social', 'misuse', 'crime')", name="information_class"
        ),
        Index("ix_disclosure_record", "record_id", "recipient_department"),
        Index("ix_disclosure_youth", "youth_id", "created_at"),
    )

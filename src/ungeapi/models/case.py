from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    ForeignKeyConstraint,
    Index,
    Numeric,
    String,
    UniqueConstraint,
    false,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from ungeapi.models.base import Base, TenantMixin, VersionedMixin
from ungeapi.models.columns import ClassCode, PersonName, Sub, UuidPk, YouthRef, tenant_ref


class YouthCase(TenantMixin, VersionedMixin, Base):
    """A case (sag) a youth has in one department."""

    __tablename__ = "youth_case"

    id: Mapped[UuidPk]
    youth_id: Mapped[YouthRef]
    department_code: Mapped[str] = mapped_column(String(20), nullable=False)
    kind: Mapped[str] = mapped_column(String(40), nullable=False)
    legal_basis: Mapped[str | None] = mapped_column(String(500))
    legal_basis_code: Mapped[str | None] = mapped_column(String(50))
    caseworker_sub: Mapped[Sub | None]
    caseworker_name: Mapped[PersonName | None]
    opened_on: Mapped[date] = mapped_column(Date, nullable=False)
    closed_on: Mapped[date | None] = mapped_column(Date)
    external_system: Mapped[str | None] = mapped_column(String(100))
    external_id: Mapped[str | None] = mapped_column(String(200))
    # R10: the caseworker expects support after 18, and how many hours a week (null: not yet known).
    support_after_18_expected: Mapped[bool] = mapped_column(Boolean, nullable=False, server_default=false())
    support_hours_after_18: Mapped[Decimal | None] = mapped_column(Numeric(5, 1))
    information_class: Mapped[ClassCode | None]

    __table_args__ = (
        tenant_ref("youth_id", "youth"),
        CheckConstraint("closed_on IS NULL OR closed_on >= opened_on", name="closed_after_opened"),
        CheckConstraint(
            "support_hours_after_18 IS NULL "
            "OR (support_hours_after_18 >= 0 AND support_hours_after_18 <= 168)",
            name="support_hours_range",
        ),
        CheckConstraint(
            "support_hours_after_18 IS NULL OR support_after_18_expected",
            name="support_hours_need_expectation",
        ),
        ForeignKeyConstraint(
            ["municipality_code", "department_code"],
            ["department.municipality_code", "department.code"],
            name="fk_youth_case_department",
        ),
        UniqueConstraint("municipality_code", "external_system", "external_id"),
        Index("ix_youth_case_youth", "youth_id", "opened_on"),
        Index("ix_youth_case_department_open", "municipality_code", "department_code", "closed_on"),
        Index("ix_youth_case_caseworker", "municipality_code", "caseworker_sub"),
        Index(
            "ix_youth_case_support_after_18", "youth_id", postgresql_where=text("support_after_18_expected")
        ),
    )

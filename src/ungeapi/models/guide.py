from __future__ import annotations

from datetime import date

from sqlalchemy import CheckConstraint, Date, Index, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from ungeapi.models.base import Base, TenantMixin, VersionedMixin
from ungeapi.models.columns import DepartmentCode, PersonName, Sub, UuidPk, YouthRef, tenant_ref

PENDING_OR_ACTIVE = ("offered", "accepted", "active")


class GuideAssignment(TenantMixin, VersionedMixin, Base):
    """An offer of a guide (ungeguide/kontaktperson) to a youth, and its life."""

    __tablename__ = "guide_assignment"

    id: Mapped[UuidPk]
    youth_id: Mapped[YouthRef]
    state: Mapped[str] = mapped_column(String(20), nullable=False)
    guide_sub: Mapped[Sub]
    guide_name: Mapped[PersonName]
    guide_department: Mapped[DepartmentCode | None]
    offered_by_sub: Mapped[Sub]
    offered_by_name: Mapped[PersonName]
    offered_by_department: Mapped[DepartmentCode | None]
    assigned_via: Mapped[str] = mapped_column(String(40), nullable=False)
    basis: Mapped[str | None] = mapped_column(Text)
    offered_on: Mapped[date] = mapped_column(Date, nullable=False)
    responded_on: Mapped[date | None] = mapped_column(Date)
    started_on: Mapped[date | None] = mapped_column(Date)
    ended_on: Mapped[date | None] = mapped_column(Date)
    reason: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (
        tenant_ref("youth_id", "youth"),
        # §8.1: each step is on or after the step it answers.
        CheckConstraint("responded_on >= offered_on", name="responded_after_offered"),
        CheckConstraint("started_on >= COALESCE(responded_on, offered_on)", name="started_after_responded"),
        CheckConstraint(
            "ended_on >= COALESCE(started_on, responded_on, offered_on)", name="ended_after_started"
        ),
        Index(
            "uq_guide_assignment_one_open_per_youth",
            "youth_id",
            "municipality_code",
            unique=True,
            postgresql_where=text("state IN ('offered', 'accepted', 'active')"),
        ),
        Index("ix_guide_assignment_youth", "youth_id", "state", "responded_on"),
        Index("ix_guide_assignment_guide", "municipality_code", "guide_sub", "state"),
    )

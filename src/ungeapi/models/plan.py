"""The one education-and-job plan (uddannelses- og jobplan): plan, goals, measures, revisions."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    CheckConstraint,
    Date,
    DateTime,
    ForeignKeyConstraint,
    Index,
    Integer,
    PrimaryKeyConstraint,
    String,
    Text,
    UniqueConstraint,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB, UUID
from sqlalchemy.orm import Mapped, mapped_column

from ungeapi.models.base import Base, TenantMixin, VersionedMixin
from ungeapi.models.columns import (
    ClassCode,
    DepartmentCode,
    PersonName,
    Sub,
    UuidPk,
    YouthRef,
    one_of,
    tenant_ref,
)

PLAN_STATUSES = ("active", "stuck", "interrupted", "completed", "closed")
# A plan in one of these states is finished; any other state is the youth's current plan (R2).
FINISHED_STATUSES = ("completed", "closed")
CURRENT_PLAN = "status NOT IN ('completed', 'closed')"

GOAL_HORIZONS = ("short", "long")
GOAL_STATUSES = ("open", "achieved", "dropped")
MEASURE_STATUSES = ("planned", "active", "completed", "cancelled")
DESTINATIONS = ("education", "job", "other")


class Plan(TenantMixin, VersionedMixin, Base):
    """A youth's education-and-job plan; at most one that is not completed or closed (R2)."""

    __tablename__ = "plan"

    id: Mapped[UuidPk]
    youth_id: Mapped[YouthRef]
    status: Mapped[str] = mapped_column(String(20), nullable=False)
    status_reason: Mapped[str | None] = mapped_column(Text)
    status_changed_on: Mapped[date] = mapped_column(Date, nullable=False)
    # R5: the day the youth left the plan (dropped out), and the day contact was made after it.
    interrupted_on: Mapped[date | None] = mapped_column(Date)
    dropout_contact_on: Mapped[date | None] = mapped_column(Date)
    # R5 and §8.2: the day the plan became current again (active or stuck) after its latest
    # interruption; the new activity was found then. Empty while interrupted, and when the plan
    # was completed or closed straight from the interruption.
    resumed_on: Mapped[date | None] = mapped_column(Date)
    coordinating_sub: Mapped[Sub]
    coordinating_name: Mapped[PersonName]
    coordinating_department: Mapped[DepartmentCode | None]
    next_follow_up_on: Mapped[date | None] = mapped_column(Date)
    destination: Mapped[str | None] = mapped_column(String(20))
    destination_text: Mapped[str | None] = mapped_column(Text)
    wishes: Mapped[str | None] = mapped_column(Text)
    readiness: Mapped[str | None] = mapped_column(Text)
    guardian_remarks: Mapped[str | None] = mapped_column(Text)
    duty_fulfilment: Mapped[str | None] = mapped_column(Text)
    information_class: Mapped[ClassCode | None]
    started_on: Mapped[date] = mapped_column(Date, nullable=False)
    ended_on: Mapped[date | None] = mapped_column(Date)
    # The number of the latest revision; the plan row is locked while a revision is written.
    revision: Mapped[int] = mapped_column(Integer, nullable=False, server_default="1")

    __table_args__ = (
        tenant_ref("youth_id", "youth"),
        CheckConstraint(one_of("status", PLAN_STATUSES), name="status"),
        CheckConstraint(f"destination IS NULL OR {one_of('destination', DESTINATIONS)}", name="destination"),
        CheckConstraint("status <> 'interrupted' OR interrupted_on IS NOT NULL", name="interrupted_on"),
        CheckConstraint("ended_on IS NULL OR ended_on >= started_on", name="ended_after_started"),
        CheckConstraint(
            "resumed_on IS NULL OR resumed_on >= interrupted_on", name="resumed_after_interrupted"
        ),
        Index(
            "uq_plan_one_current_per_youth",
            "youth_id",
            "municipality_code",
            unique=True,
            postgresql_where=text(CURRENT_PLAN),
        ),
        Index("ix_plan_youth", "youth_id", "created_at"),
        Index("ix_plan_municipality_created", "municipality_code", "created_at", "id"),
        Index("ix_plan_status", "municipality_code", "status"),
        Index("ix_plan_coordinating", "municipality_code", "coordinating_sub"),
        Index(
            "ix_plan_follow_up",
            "municipality_code",
            "next_follow_up_on",
            postgresql_where=text(CURRENT_PLAN),
        ),
        Index(
            "ix_plan_interrupted",
            "municipality_code",
            "interrupted_on",
            postgresql_where=text("status = 'interrupted'"),
        ),
    )


class PlanGoal(TenantMixin, VersionedMixin, Base):
    """A short- or long-term goal (delmål/langsigtet mål) in a plan."""

    __tablename__ = "plan_goal"

    id: Mapped[UuidPk]
    plan_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), nullable=False)
    horizon: Mapped[str] = mapped_column(String(10), nullable=False)
    description: Mapped[str] = mapped_column(Text, nullable=False)
    target_on: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20), nullable=False)
    # Order within the plan (1, 2, ...): rows added in one request share their timestamps.
    position: Mapped[int] = mapped_column(Integer, nullable=False)

    __table_args__ = (
        tenant_ref("plan_id", "plan"),
        CheckConstraint(one_of("horizon", GOAL_HORIZONS), name="horizon"),
        CheckConstraint(one_of("status", GOAL_STATUSES), name="status"),
        UniqueConstraint("plan_id", "position", "municipality_code"),
    )


class PlanMeasure(TenantMixin, VersionedMixin, Base):
    """A measure (indsats) in a plan, held by one department under a legal basis."""

    __tablename__ = "plan_measure"

    id: Mapped[UuidPk]
    plan_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), nullable=False)
    department_code: Mapped[str] = mapped_column(String(20), nullable=False)
    title: Mapped[str] = mapped_column(String(200), nullable=False)
    description: Mapped[str | None] = mapped_column(Text)
    legal_basis: Mapped[str | None] = mapped_column(String(500))
    legal_basis_code: Mapped[str | None] = mapped_column(String(50))
    responsible_sub: Mapped[Sub | None]
    responsible_name: Mapped[PersonName | None]
    starts_on: Mapped[date] = mapped_column(Date, nullable=False)
    ends_on: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20), nullable=False)
    # The catalogue offer (tilbud) this measure uses; the offers catalogue adds the reference.
    offer_id: Mapped[uuid.UUID | None] = mapped_column(UUID(as_uuid=True))
    # Order within the plan (1, 2, ...), the order the measures were added.
    position: Mapped[int] = mapped_column(Integer, nullable=False)

    __table_args__ = (
        tenant_ref("plan_id", "plan"),
        CheckConstraint(one_of("status", MEASURE_STATUSES), name="status"),
        CheckConstraint("ends_on IS NULL OR ends_on >= starts_on", name="ends_after_starts"),
        ForeignKeyConstraint(
            ["municipality_code", "department_code"],
            ["department.municipality_code", "department.code"],
            name="fk_plan_measure_department",
        ),
        UniqueConstraint("plan_id", "position", "municipality_code"),
        Index("ix_plan_measure_department", "municipality_code", "department_code", "status"),
        Index("ix_plan_measure_responsible", "municipality_code", "responsible_sub"),
        Index("ix_plan_measure_offer", "offer_id"),
    )


class PlanRevision(TenantMixin, Base):
    """Append-only: one numbered revision per change of a plan, its goals or measures.

    `snapshot` is the whole plan (with goals and measures) after the change, so the plan as of
    any moment is the snapshot of the latest revision before it.
    """

    __tablename__ = "plan_revision"

    plan_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), nullable=False, primary_key=True)
    number: Mapped[int] = mapped_column(Integer, nullable=False, primary_key=True)
    occurred_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), nullable=False, server_default=func.now()
    )
    actor_sub: Mapped[Sub]
    actor_name: Mapped[PersonName]
    actor_department: Mapped[DepartmentCode | None]
    action: Mapped[str] = mapped_column(String(40), nullable=False)
    subject_type: Mapped[str] = mapped_column(String(20), nullable=False)
    subject_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), nullable=False)
    why: Mapped[str | None] = mapped_column(Text)
    changes: Mapped[dict[str, Any]] = mapped_column(JSONB, nullable=False)
    snapshot: Mapped[dict[str, Any]] = mapped_column(JSONB, nullable=False)

    __table_args__ = (
        tenant_ref("plan_id", "plan"),
        PrimaryKeyConstraint("plan_id", "number", "municipality_code"),
        Index("ix_plan_revision_occurred", "plan_id", "occurred_at"),
    )

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKeyConstraint,
    Index,
    Integer,
    String,
    Text,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from ungeapi.models.base import Base, TenantMixin, VersionedMixin
from ungeapi.models.columns import ClassCode, DepartmentCode, PersonName, Sub, UuidPk, YouthRef, tenant_ref


class Concern(TenantMixin, VersionedMixin, Base):
    """A concern notification (underretning) about a youth, received by the children-and-family
    department, with its two statutory deadlines stored as computed when it arrived."""

    __tablename__ = "concern"

    id: Mapped[UuidPk]
    youth_id: Mapped[YouthRef]
    receiving_department_code: Mapped[str] = mapped_column(String(20), nullable=False)
    received_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    sender_kind: Mapped[str] = mapped_column(String(20), nullable=False)
    sender_name: Mapped[str | None] = mapped_column(String(200))
    sender_profession: Mapped[str | None] = mapped_column(String(200))
    sender_department_code: Mapped[str | None] = mapped_column(String(20))
    sender_organisation: Mapped[str | None] = mapped_column(String(200))
    sender_contact: Mapped[str | None] = mapped_column(String(200))
    made_in_dialogue: Mapped[bool] = mapped_column(Boolean, nullable=False)
    dialogue_participants: Mapped[list[dict[str, Any]]] = mapped_column(
        JSONB, nullable=False, server_default=text("'[]'::jsonb")
    )
    level: Mapped[int] = mapped_column(Integer, nullable=False)
    worries: Mapped[str | None] = mapped_column(Text)
    what_works: Mapped[str | None] = mapped_column(Text)
    next_steps: Mapped[str | None] = mapped_column(Text)
    assessment_due_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    assessment_due_on: Mapped[date] = mapped_column(Date, nullable=False)
    acknowledgement_due_on: Mapped[date | None] = mapped_column(Date)
    assessed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    assessed_by_sub: Mapped[Sub | None]
    in_danger: Mapped[bool | None] = mapped_column(Boolean)
    assessment_note: Mapped[str | None] = mapped_column(Text)
    acknowledged_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    acknowledged_by_sub: Mapped[Sub | None]
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    closed_by_sub: Mapped[Sub | None]
    outcome: Mapped[str | None] = mapped_column(String(40))
    outcome_note: Mapped[str | None] = mapped_column(Text)
    information_class: Mapped[ClassCode | None]
    created_by_sub: Mapped[Sub]
    created_by_name: Mapped[PersonName]
    created_by_department: Mapped[DepartmentCode | None]

    __table_args__ = (
        tenant_ref("youth_id", "youth"),
        CheckConstraint("closed_at IS NULL OR assessed_at IS NOT NULL", name="assessed_before_closed"),
        CheckConstraint("sender_kind IN ('professional', 'citizen', 'anonymous')", name="sender_kind_known"),
        ForeignKeyConstraint(
            ["municipality_code", "receiving_department_code"],
            ["department.municipality_code", "department.code"],
            name="fk_concern_receiving_department",
        ),
        Index("ix_concern_department", "municipality_code", "receiving_department_code", "received_at", "id"),
        Index("ix_concern_youth", "youth_id", "received_at"),
        Index("ix_concern_level", "municipality_code", "level", "received_at"),
        Index(
            "ix_concern_open",
            "municipality_code",
            "received_at",
            postgresql_where=text("closed_at IS NULL"),
        ),
        # access.youth_visible: "an open concern to my department makes the youth visible"
        Index(
            "ix_concern_youth_open",
            "youth_id",
            "receiving_department_code",
            postgresql_where=text("closed_at IS NULL"),
        ),
        # the worklist: unassessed and unacknowledged concerns
        Index(
            "ix_concern_assessment_open",
            "municipality_code",
            "assessment_due_on",
            postgresql_where=text("assessed_at IS NULL"),
        ),
        Index(
            "ix_concern_acknowledgement_open",
            "municipality_code",
            "acknowledgement_due_on",
            postgresql_where=text("acknowledged_at IS NULL AND acknowledgement_due_on IS NOT NULL"),
        ),
    )

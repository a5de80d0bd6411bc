"""The coordinating team (Det Koordinerende Team) a forum decision composes (R16).

The teams issue adds the team's own life (members joining and leaving, team meetings); this
module holds what a decision needs: the team, its lead (tovholder) and its members.
"""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import Boolean, CheckConstraint, Date, Index, String, text
from sqlalchemy.dialects.postgresql import UUID
from sqlalchemy.orm import Mapped, mapped_column

from ungeapi.models.base import Base, TenantMixin, VersionedMixin
from ungeapi.models.columns import DepartmentCode, PersonName, Sub, UuidPk, YouthRef, tenant_ref

TEAM_STATUSES = ("active", "closed")


class CoordinatingTeam(TenantMixin, VersionedMixin, Base):
    """A youth's coordinating team; at most one active per youth."""

    __tablename__ = "coordinating_team"

    id: Mapped[UuidPk]
    youth_id: Mapped[YouthRef]
    lead_sub: Mapped[Sub]
    lead_name: Mapped[PersonName]
    lead_department: Mapped[DepartmentCode | None]
    # R16: the first meeting is due by the 17th birthday (or decided_on + late_team_days).
    first_meeting_deadline: Mapped[date] = mapped_column(Date, nullable=False)
    first_meeting_on: Mapped[date | None] = mapped_column(Date)
    # R16: the day the team was decided (the forum meeting's day, or the day a coordinator
    # composed it directly); "already 17" is judged on this day, and the first meeting is
    # planned between it and the deadline.
    decided_on: Mapped[date] = mapped_column(Date, nullable=False)
    decided_late: Mapped[bool] = mapped_column(Boolean, nullable=False, server_default=text("false"))
    created_from_decision_id: Mapped[uuid.UUID | None] = mapped_column(UUID(as_uuid=True))
    status: Mapped[str] = mapped_column(String(20), nullable=False)

    __table_args__ = (
        tenant_ref("youth_id", "youth"),
        tenant_ref("created_from_decision_id", "meeting_decision"),
        CheckConstraint("status IN ('active', 'closed')", name="status"),
        CheckConstraint(
            "first_meeting_on IS NULL"
            " OR (first_meeting_on >= decided_on AND first_meeting_on <= first_meeting_deadline)",
            name="first_meeting_in_window",
        ),
        Index(
            "uq_coordinating_team_one_active_per_youth",
            "youth_id",
            "municipality_code",
            unique=True,
            postgresql_where=text("status = 'active'"),
        ),
        Index("ix_coordinating_team_lead", "municipality_code", "lead_sub"),
        Index("ix_coordinating_team_deadline", "municipality_code", "first_meeting_deadline"),
    )


class TeamMember(TenantMixin, VersionedMixin, Base):
    """A member of a coordinating team, by department and role (and person when known)."""

    __tablename__ = "team_member"

    id: Mapped[UuidPk]
    team_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), nullable=False)
    sub: Mapped[str | None] = mapped_column(String(200))
    name: Mapped[str | None] = mapped_column(String(200))
    department: Mapped[str] = mapped_column(String(20), nullable=False)
    role: Mapped[str] = mapped_column(String(100), nullable=False)
    joined_on: Mapped[date] = mapped_column(Date, nullable=False)
    left_on: Mapped[date | None] = mapped_column(Date)

    __table_args__ = (
        tenant_ref("team_id", "coordinating_team"),
        CheckConstraint("left_on IS NULL OR left_on >= joined_on", name="left_after_joined"),
        Index("ix_team_member_team", "team_id", "joined_on"),
        Index("ix_team_member_sub", "municipality_code", "sub"),
    )

"""A meeting of the coordinating team (teammøde), R16: the first one is due by the deadline."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from sqlalchemy import Boolean, CheckConstraint, Date, Index, PrimaryKeyConstraint, String, Text
from sqlalchemy.dialects.postgresql import JSONB, UUID
from sqlalchemy.orm import Mapped, mapped_column

from ungeapi.models.base import Base, TenantMixin, VersionedMixin
from ungeapi.models.columns import ClassCode, Sub, UuidPk, tenant_ref


class TeamMeeting(TenantMixin, VersionedMixin, Base):
    """A held team meeting: who took part and the three-part frame."""

    __tablename__ = "team_meeting"

    id: Mapped[UuidPk]
    team_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), nullable=False)
    held_on: Mapped[date] = mapped_column(Date, nullable=False)
    youth_present: Mapped[bool] = mapped_column(Boolean, nullable=False)
    parents_present: Mapped[bool] = mapped_column(Boolean, nullable=False)
    frame: Mapped[dict[str, Any]] = mapped_column(JSONB, nullable=False)
    notes: Mapped[str | None] = mapped_column(Text)
    information_class: Mapped[ClassCode | None]
    recorded_by_sub: Mapped[Sub]

    __table_args__ = (
        tenant_ref("team_id", "coordinating_team"),
        Index("ix_team_meeting_team", "team_id", "held_on"),
    )


class TeamMeetingGoal(TenantMixin, Base):
    """R17: a goal of the youth's plan that the meeting's short- or long-term plan links to."""

    __tablename__ = "team_meeting_goal"

    meeting_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True)
    goal_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True)
    horizon: Mapped[str] = mapped_column(String(10), nullable=False)

    __table_args__ = (
        PrimaryKeyConstraint("meeting_id", "goal_id", "municipality_code"),
        tenant_ref("meeting_id", "team_meeting"),
        tenant_ref("goal_id", "plan_goal"),
        CheckConstraint("horizon IN ('short', 'long')", name="horizon"),
        Index("ix_team_meeting_goal_goal", "goal_id"),
    )

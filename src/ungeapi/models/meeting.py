"""Forum meetings (ungekoordineringsmøder, ungekonferencer), their agendas and decisions."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB, UUID
from sqlalchemy.orm import Mapped, mapped_column

from ungeapi.models.base import Base, TenantMixin, VersionedMixin
from ungeapi.models.columns import DepartmentCode, PersonName, Sub, UuidPk, YouthRef, tenant_ref
from ungeapi.models.referral import FORUMS


class ForumMeeting(TenantMixin, VersionedMixin, Base):
    """One meeting of a forum: the coordination meeting (UKM, R15) or the conference (R18)."""

    __tablename__ = "forum_meeting"

    id: Mapped[UuidPk]
    forum: Mapped[str] = mapped_column(String(20), nullable=False)
    starts_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    capacity_minutes: Mapped[int] = mapped_column(Integer, nullable=False)
    location: Mapped[str | None] = mapped_column(String(200))
    chair_sub: Mapped[Sub]
    chair_name: Mapped[PersonName]
    chair_department: Mapped[DepartmentCode | None]
    participants: Mapped[list[dict[str, Any]]] = mapped_column(
        JSONB, nullable=False, server_default=text("'[]'::jsonb")
    )
    # Meetings created together by POST /v1/meetings/series share this id.
    series_id: Mapped[uuid.UUID | None] = mapped_column(UUID(as_uuid=True))

    __table_args__ = (
        CheckConstraint(f"forum IN ({', '.join(repr(f) for f in FORUMS)})", name="forum"),
        CheckConstraint("capacity_minutes > 0", name="capacity_positive"),
        Index("ix_forum_meeting_forum_starts", "municipality_code", "forum", "starts_at", "id"),
        Index("ix_forum_meeting_starts", "municipality_code", "starts_at", "id"),
    )


class AgendaItem(TenantMixin, Base):
    """A referral placed on a meeting's agenda (dagsordenpunkt), with its slot (R15)."""

    __tablename__ = "agenda_item"

    id: Mapped[UuidPk]
    meeting_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), nullable=False)
    referral_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), nullable=False)
    youth_id: Mapped[YouthRef]
    # Order on the agenda (1, 2, ...); a removed item leaves a gap, the times close up.
    position: Mapped[int] = mapped_column(Integer, nullable=False)
    slot_minutes: Mapped[int] = mapped_column(Integer, nullable=False)
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), nullable=False, server_default=func.now()
    )

    __table_args__ = (
        tenant_ref("meeting_id", "forum_meeting"),
        tenant_ref("referral_id", "referral"),
        tenant_ref("youth_id", "youth"),
        CheckConstraint("slot_minutes > 0", name="slot_positive"),
        UniqueConstraint("meeting_id", "position", "municipality_code"),
        UniqueConstraint("meeting_id", "referral_id", "municipality_code"),
        Index("ix_agenda_item_referral", "referral_id"),
        Index("ix_agenda_item_youth", "youth_id"),
    )


class MeetingDecision(TenantMixin, Base):
    """Append-only: what the forum decided about one agenda item (R16). The forum has no
    authority to grant anything (ingen bevillingskompetence): there is no grant here, by design."""

    __tablename__ = "meeting_decision"

    id: Mapped[UuidPk]
    meeting_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), nullable=False)
    agenda_item_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), nullable=False)
    referral_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), nullable=False)
    youth_id: Mapped[YouthRef]
    decided_on: Mapped[date] = mapped_column(Date, nullable=False)
    documentation_needed: Mapped[bool] = mapped_column(Boolean, nullable=False)
    documentation_note: Mapped[str | None] = mapped_column(Text)
    education_perspective: Mapped[str | None] = mapped_column(Text)
    recommended_measures: Mapped[list[str]] = mapped_column(
        JSONB, nullable=False, server_default=text("'[]'::jsonb")
    )
    team_composition: Mapped[list[dict[str, Any]] | None] = mapped_column(JSONB)
    first_team_meeting_on: Mapped[date | None] = mapped_column(Date)
    first_meeting_deadline: Mapped[date | None] = mapped_column(Date)
    late: Mapped[bool] = mapped_column(Boolean, nullable=False, server_default=text("false"))
    income_basis_after_18: Mapped[str | None] = mapped_column(String(40))
    income_basis_note: Mapped[str | None] = mapped_column(Text)
    housing_need: Mapped[str | None] = mapped_column(String(30))
    day_offer_need: Mapped[str | None] = mapped_column(String(30))
    lab_measures: Mapped[list[str]] = mapped_column(JSONB, nullable=False, server_default=text("'[]'::jsonb"))
    needs_note: Mapped[str | None] = mapped_column(Text)
    evaluation: Mapped[dict[str, Any] | None] = mapped_column(JSONB)
    recorded_by_sub: Mapped[Sub]
    recorded_by_name: Mapped[PersonName]
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), nullable=False, server_default=func.now()
    )

    __table_args__ = (
        tenant_ref("meeting_id", "forum_meeting"),
        tenant_ref("agenda_item_id", "agenda_item"),
        tenant_ref("referral_id", "referral"),
        tenant_ref("youth_id", "youth"),
        CheckConstraint(
            "first_team_meeting_on IS NULL OR first_team_meeting_on <= first_meeting_deadline",
            name="first_meeting_by_deadline",
        ),
        CheckConstraint(
            "first_team_meeting_on IS NULL OR first_team_meeting_on >= decided_on",
            name="first_meeting_after_decision",
        ),
        UniqueConstraint("agenda_item_id", "municipality_code"),
        Index("ix_meeting_decision_meeting", "meeting_id", "created_at", "id"),
        Index("ix_meeting_decision_referral", "referral_id"),
        Index("ix_meeting_decision_youth", "youth_id"),
    )

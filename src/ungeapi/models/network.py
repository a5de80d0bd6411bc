from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from sqlalchemy import Boolean, Date, ForeignKey, Index, String, Text, text
from sqlalchemy.dialects.postgresql import JSONB, UUID
from sqlalchemy.orm import Mapped, mapped_column

from ungeapi.models.base import Base, TenantMixin, VersionedMixin


class NetworkMeeting(TenantMixin, VersionedMixin, Base):
    """A standalone network meeting (netværksmøde) around a youth, in the three-part frame."""

    __tablename__ = "network_meeting"

    id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True), primary_key=True, server_default=text("gen_random_uuid()")
    )
    youth_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), ForeignKey("youth.id"), nullable=False)
    plan_id: Mapped[uuid.UUID | None] = mapped_column(UUID(as_uuid=True), ForeignKey("plan.id"))
    held_on: Mapped[date] = mapped_column(Date, nullable=False)
    title: Mapped[str | None] = mapped_column(String(200))
    participants: Mapped[list[dict[str, Any]]] = mapped_column(
        JSONB, nullable=False, server_default=text("'[]'::jsonb")
    )
    youth_participated: Mapped[bool | None] = mapped_column(Boolean)
    guardians_participated: Mapped[bool | None] = mapped_column(Boolean)
    worries: Mapped[str | None] = mapped_column(Text)
    what_works: Mapped[str | None] = mapped_column(Text)
    next_steps: Mapped[str | None] = mapped_column(Text)
    # R9: the class of the protected parts, as the writer set it (null: the municipality's default).
    information_class: Mapped[str | None] = mapped_column(String(10))
    organiser_sub: Mapped[str] = mapped_column(String(200), nullable=False)
    organiser_name: Mapped[str] = mapped_column(String(200), nullable=False)
    organiser_department: Mapped[str | None] = mapped_column(String(20))

    __table_args__ = (
        Index("ix_network_meeting_youth", "youth_id", "held_on", "id"),
        Index("ix_network_meeting_held", "municipality_code", "held_on", "id"),
        Index("ix_network_meeting_plan", "plan_id", "held_on"),
    )

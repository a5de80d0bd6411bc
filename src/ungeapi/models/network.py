from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from sqlalchemy import Boolean, Date, Index, String, Text, text
from sqlalchemy.dialects.postgresql import JSONB, UUID
from sqlalchemy.orm import Mapped, mapped_column

from ungeapi.models.base import Base, TenantMixin, VersionedMixin
from ungeapi.models.columns import ClassCode, DepartmentCode, PersonName, Sub, UuidPk, YouthRef, tenant_ref


class NetworkMeeting(TenantMixin, VersionedMixin, Base):
    """A standalone network meeting (netværksmøde) around a youth, in the three-part frame."""

    __tablename__ = "network_meeting"

    id: Mapped[UuidPk]
    youth_id: Mapped[YouthRef]
    plan_id: Mapped[uuid.UUID | None] = mapped_column(UUID(as_uuid=True))
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
    information_class: Mapped[ClassCode | None]
    organiser_sub: Mapped[Sub]
    organiser_name: Mapped[PersonName]
    organiser_department: Mapped[DepartmentCode | None]

    __table_args__ = (
        tenant_ref("youth_id", "youth"),
        tenant_ref("plan_id", "plan"),
        Index("ix_network_meeting_youth", "youth_id", "held_on", "id"),
        Index("ix_network_meeting_held", "municipality_code", "held_on", "id"),
        Index("ix_network_meeting_plan", "plan_id", "held_on"),
    )

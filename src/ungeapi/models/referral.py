"""Referrals (indstillinger) to the coordination forums, R13, R14 and R18."""

from __future__ import annotations

from datetime import date
from typing import Any, Literal, get_args

from sqlalchemy import Boolean, CheckConstraint, Date, Index, String, Text, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from ungeapi.models.base import Base, TenantMixin, VersionedMixin
from ungeapi.models.columns import DepartmentCode, PersonName, Sub, UuidPk, YouthRef, one_of, tenant_ref

FORUMS = ("coordination", "conference")
# The referral's vocabulary: the API's schemas take these types, the table's checks their values.
ReferralCategory = Literal[
    "placed", "aftercare", "preventive", "efterskole", "disability", "guidance", "borderline", "stuck_plan"
]
ReferralState = Literal[
    "draft",
    "submitted",
    "scheduled",
    "discussed",
    "concluded",
    "documentation_requested",
    "withdrawn",
    "rejected",
]
REFERRAL_CATEGORIES: tuple[str, ...] = get_args(ReferralCategory)
REFERRAL_STATES: tuple[str, ...] = get_args(ReferralState)
# A referral in one of these states is still under way: at most one per youth and forum.
OPEN_REFERRAL_STATES = ("draft", "submitted", "scheduled", "discussed", "documentation_requested")
OPEN_REFERRAL = "state IN ('draft', 'submitted', 'scheduled', 'discussed', 'documentation_requested')"
# A referral that does not (or no longer) count: it was never sent, or it was taken back or refused.
NOT_REFERRED_STATES = ("draft", "withdrawn", "rejected")


class Referral(TenantMixin, VersionedMixin, Base):
    """A referral (indstilling) of a youth to the coordination meeting or the phase-2 conference."""

    __tablename__ = "referral"

    id: Mapped[UuidPk]
    youth_id: Mapped[YouthRef]
    forum: Mapped[str] = mapped_column(String(20), nullable=False)
    category: Mapped[str] = mapped_column(String(20), nullable=False)
    state: Mapped[str] = mapped_column(String(30), nullable=False)
    referrer_sub: Mapped[Sub]
    referrer_name: Mapped[PersonName]
    referrer_department: Mapped[DepartmentCode | None]
    referrer_role: Mapped[str] = mapped_column(String(30), nullable=False)
    summary: Mapped[str] = mapped_column(Text, nullable=False)
    professionals: Mapped[list[dict[str, Any]]] = mapped_column(
        JSONB, nullable=False, server_default=text("'[]'::jsonb")
    )
    complex: Mapped[bool] = mapped_column(Boolean, nullable=False, server_default=text("false"))
    # R12: the day it was (last) submitted; the transition form's update is due from it.
    submitted_on: Mapped[date | None] = mapped_column(Date)
    state_changed_on: Mapped[date] = mapped_column(Date, nullable=False)
    reason: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (
        tenant_ref("youth_id", "youth"),
        CheckConstraint(one_of("forum", FORUMS), name="forum"),
        CheckConstraint(one_of("category", REFERRAL_CATEGORIES), name="category"),
        CheckConstraint(one_of("state", REFERRAL_STATES), name="state"),
        CheckConstraint("state = 'draft' OR submitted_on IS NOT NULL", name="submitted_on"),
        Index(
            "uq_referral_one_open_per_youth_forum",
            "youth_id",
            "forum",
            "municipality_code",
            unique=True,
            postgresql_where=text(OPEN_REFERRAL),
        ),
        Index("ix_referral_youth", "youth_id", "created_at"),
        Index("ix_referral_municipality_created", "municipality_code", "created_at", "id"),
        Index("ix_referral_state", "municipality_code", "forum", "state"),
        Index("ix_referral_referrer", "municipality_code", "referrer_sub"),
    )

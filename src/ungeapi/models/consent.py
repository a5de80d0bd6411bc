"""Consents (samtykker) to share a youth's data with named departments."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import Boolean, CheckConstraint, Date, DateTime, Index, String, Text, text
from sqlalchemy.dialects.postgresql import ARRAY, JSONB, UUID
from sqlalchemy.orm import Mapped, mapped_column

from ungeapi.models.base import Base, TenantMixin, VersionedMixin
from ungeapi.models.columns import DepartmentCode, Sub, UuidPk, YouthRef, tenant_ref


class Consent(TenantMixin, VersionedMixin, Base):
    """A specific, revocable consent: which data (categories), to whom (departments), why, until when.

    `complete` is decided by the consent rules when givers are recorded (the youth 15+, or
    each custody holder under 15); only a complete, unrevoked consent on a day between
    `valid_from` and `valid_until` is in force and widens access (see ungeapi.access).
    """

    __tablename__ = "consent"

    id: Mapped[UuidPk]
    youth_id: Mapped[YouthRef]
    given_by: Mapped[list[dict[str, Any]]] = mapped_column(
        JSONB, nullable=False, server_default=text("'[]'::jsonb")
    )
    complete: Mapped[bool] = mapped_column(Boolean, nullable=False, server_default=text("false"))
    categories: Mapped[list[str]] = mapped_column(ARRAY(Text), nullable=False)
    recipient_departments: Mapped[list[str]] = mapped_column(ARRAY(Text), nullable=False)
    purpose: Mapped[str] = mapped_column(Text, nullable=False)
    valid_from: Mapped[date] = mapped_column(Date, nullable=False)
    valid_until: Mapped[date] = mapped_column(Date, nullable=False)
    document_ref: Mapped[str | None] = mapped_column(String(500))
    registered_by_sub: Mapped[Sub]
    registered_by_department: Mapped[DepartmentCode | None]
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    revoked_by_sub: Mapped[Sub | None]
    revocation_reason: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (
        tenant_ref("youth_id", "youth"),
        CheckConstraint("valid_until >= valid_from", name="valid_period"),
        CheckConstraint("cardinality(categories) > 0", name="categories_given"),
        CheckConstraint("cardinality(recipient_departments) > 0", name="recipients_given"),
        Index("ix_consent_youth", "youth_id", "valid_until"),
        Index("ix_consent_municipality_created", "municipality_code", "created_at", "id"),
        Index(
            "ix_consent_recipients",
            "recipient_departments",
            postgresql_using="gin",
        ),
    )


class YouthPseudonymization(TenantMixin, Base):
    """A youth pseudonymized by the retention rule (privacy/retention.py): when, and the pseudonym.

    The youth row keeps birth date, municipality and target groups, so statistics stay intact;
    names, CPR and guardians are gone. One row per youth, never changed.
    """

    __tablename__ = "youth_pseudonymization"

    youth_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True)
    pseudonym: Mapped[str] = mapped_column(String(40), nullable=False)
    pseudonymized_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), nullable=False, server_default=text("now()")
    )
    rule: Mapped[dict[str, Any]] = mapped_column(JSONB, nullable=False)

    __table_args__ = (tenant_ref("youth_id", "youth"),)

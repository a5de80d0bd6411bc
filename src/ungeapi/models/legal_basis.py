from __future__ import annotations

from datetime import date

from sqlalchemy import Boolean, CheckConstraint, Date, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ungeapi.models.base import Base


class LegalBasis(Base):
    """One § of a law in the legal-basis catalogue (hjemmel), in force from `valid_from` to
    `valid_to`. The same for every municipality (no tenant): the law is national. Loaded from the
    catalogue's data file by a migration (law/catalogue.py); the application only reads it."""

    __tablename__ = "legal_basis"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    law: Mapped[str] = mapped_column(String(30), nullable=False)
    section: Mapped[str] = mapped_column(String(20), nullable=False)
    code: Mapped[str] = mapped_column(String(50), nullable=False)
    title: Mapped[str] = mapped_column(Text, nullable=False)
    valid_from: Mapped[date] = mapped_column(Date, nullable=False)
    valid_to: Mapped[date | None] = mapped_column(Date)
    confirmed: Mapped[bool] = mapped_column(Boolean, nullable=False)
    source: Mapped[str | None] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(Text)
    catalogue_version: Mapped[str] = mapped_column(String(20), nullable=False)

    __table_args__ = (
        CheckConstraint("valid_to IS NULL OR valid_to >= valid_from", name="period_in_order"),
        Index("ix_legal_basis_code", "code", "valid_from"),
        Index("ix_legal_basis_law", "law", "id"),
        Index("ix_legal_basis_period", "valid_from", "valid_to"),
    )

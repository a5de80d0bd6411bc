from __future__ import annotations

from typing import Any

from sqlalchemy import Boolean, String, UniqueConstraint
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from ungeapi.models.base import Base, TenantMixin, VersionedMixin
from ungeapi.models.columns import UuidPk


class MunicipalitySettings(TenantMixin, VersionedMixin, Base):
    """A municipality's policy parameters (the POL rules of domain.md section 8)."""

    __tablename__ = "municipality_settings"

    id: Mapped[UuidPk]
    params: Mapped[dict[str, Any]] = mapped_column(JSONB, nullable=False)

    __table_args__ = (UniqueConstraint("municipality_code"),)


class Department(TenantMixin, VersionedMixin, Base):
    """A department or authority unit (afdeling/myndighed): BFU, SÆH, ARB, UU, ..."""

    __tablename__ = "department"

    id: Mapped[UuidPk]
    code: Mapped[str] = mapped_column(String(20), nullable=False)
    name: Mapped[str] = mapped_column(String(200), nullable=False)
    kind: Mapped[str] = mapped_column(String(40), nullable=False)
    authority_unit: Mapped[bool] = mapped_column(Boolean, nullable=False)

    __table_args__ = (UniqueConstraint("municipality_code", "code"),)

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import ARRAY, Date, DateTime, Index, LargeBinary, String, Text, UniqueConstraint, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from ungeapi.models.base import Base, TenantMixin, VersionedMixin
from ungeapi.models.columns import DepartmentCode, UuidPk


class Youth(TenantMixin, VersionedMixin, Base):
    """Den unge. The CPR number is stored encrypted, with a keyed hash for look-up."""

    __tablename__ = "youth"

    id: Mapped[UuidPk]
    cpr_ciphertext: Mapped[bytes] = mapped_column(LargeBinary, nullable=False)
    cpr_hash: Mapped[bytes] = mapped_column(LargeBinary, nullable=False)
    birth_date: Mapped[date] = mapped_column(Date, nullable=False)
    given_name: Mapped[str] = mapped_column(String(200), nullable=False)
    family_name: Mapped[str] = mapped_column(String(200), nullable=False)
    guardians: Mapped[list[dict[str, Any]]] = mapped_column(
        JSONB, nullable=False, server_default=text("'[]'::jsonb")
    )
    target_groups: Mapped[list[str]] = mapped_column(
        ARRAY(Text), nullable=False, server_default=text("'{}'::text[]")
    )
    # Case-folded in Python: the search must not depend on the database's collation.
    given_name_key: Mapped[str] = mapped_column(String(200), nullable=False)
    family_name_key: Mapped[str] = mapped_column(String(200), nullable=False)
    external_system: Mapped[str | None] = mapped_column(String(100))
    external_id: Mapped[str | None] = mapped_column(String(200))
    registered_by_department: Mapped[DepartmentCode | None]
    archived_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    __table_args__ = (
        UniqueConstraint("municipality_code", "cpr_hash"),
        UniqueConstraint("municipality_code", "external_system", "external_id"),
        Index("ix_youth_municipality_created", "municipality_code", "created_at", "id"),
        Index("ix_youth_municipality_birth_date", "municipality_code", "birth_date"),
        Index(
            "ix_youth_family_name_prefix",
            "municipality_code",
            "family_name_key",
            postgresql_ops={"family_name_key": "text_pattern_ops"},
        ),
        Index(
            "ix_youth_given_name_prefix",
            "municipality_code",
            "given_name_key",
            postgresql_ops={"given_name_key": "text_pattern_ops"},
        ),
    )

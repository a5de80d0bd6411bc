from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import DateTime, Integer, MetaData, String, func
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# Tables whose rows belong to one municipality; row-level security hides the others' rows.
TENANT_TABLES: list[str] = []


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    # Server defaults and SQL expressions (now(), a version + 1) come back in the INSERT's or
    # UPDATE's own RETURNING: no refresh round trip to learn them.
    __mapper_args__ = {"eager_defaults": True}  # noqa: RUF012 (SQLAlchemy reads it as declared)


class TenantMixin:
    """A row of one municipality. Its primary key, unique constraints and references to other
    tenant rows all include municipality_code (tests/api/test_tenant_keys.py checks the live
    schema), which is what a database distributed by municipality (Citus) needs to keep a
    municipality's rows together; see docs/operating.md.

    The key in the database is (id, municipality_code), id first so a look-up by id alone still
    uses it; the ORM's identity stays `id` (`session.get(Youth, id)`), which is unique by itself.
    """

    municipality_code: Mapped[str] = mapped_column(String(3), nullable=False, primary_key=True)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:
        args: dict[str, Any] = dict(Base.__mapper_args__)
        table = cls.__table__  # type: ignore[attr-defined]
        if "id" in table.c:
            args["primary_key"] = [table.c.id]
        return args

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        name = getattr(cls, "__tablename__", None)
        if isinstance(name, str) and name not in TENANT_TABLES:
            TENANT_TABLES.append(name)


class VersionedMixin:
    """Mutable rows carry a version (the ETag) and their timestamps."""

    version: Mapped[int] = mapped_column(Integer, nullable=False, server_default="1")
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), nullable=False, server_default=func.now()
    )
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), nullable=False, server_default=func.now()
    )

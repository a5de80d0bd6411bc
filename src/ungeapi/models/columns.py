"""Column declarations that many tables share, named once (`id: Mapped[UuidPk]`), and their checks."""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from sqlalchemy import BigInteger, ForeignKeyConstraint, Identity, Integer, String, text
from sqlalchemy.dialects.postgresql import UUID
from sqlalchemy.orm import mapped_column

UuidPk = Annotated[
    uuid.UUID, mapped_column(UUID(as_uuid=True), primary_key=True, server_default=text("gen_random_uuid()"))
]
# Append-only rows (audit, events, deliveries, import problems) numbered by the database.
SerialPk = Annotated[int, mapped_column(BigInteger, Identity(always=True), primary_key=True)]
# A running count, from 0.
Count = Annotated[int, mapped_column(Integer, nullable=False, server_default="0")]
# The youth a row belongs to; the table names the reference with `tenant_ref("youth_id", "youth")`.
YouthRef = Annotated[uuid.UUID, mapped_column(UUID(as_uuid=True), nullable=False)]
# A person as tokens name them: `<role>_sub`, `<role>_name` and `<role>_department` columns.
Sub = Annotated[str, mapped_column(String(200))]
PersonName = Annotated[str, mapped_column(String(200))]
DepartmentCode = Annotated[str, mapped_column(String(20))]
# R9: the class of a record's protected parts, as the writer set it (null: the municipality's default).
ClassCode = Annotated[str, mapped_column(String(10))]


def one_of(column: str, values: tuple[str, ...]) -> str:
    """A CHECK condition: `column` holds one of `values`."""
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


def tenant_ref(column: str, parent: str, **kwargs: Any) -> ForeignKeyConstraint:
    """`column` names a row of `parent` in the same municipality: (column, municipality_code)
    references the parent's key (id, municipality_code).

    A child can then never point into another municipality, and a database distributed by
    municipality_code (Citus) keeps parent and child on one node. Named by the naming
    convention after `column`, as the one-column reference was."""
    return ForeignKeyConstraint(
        [column, "municipality_code"], [f"{parent}.id", f"{parent}.municipality_code"], **kwargs
    )

"""Column declarations that many tables share, named once (`id: Mapped[UuidPk]`), and their checks."""

from __future__ import annotations

import uuid
from typing import Annotated

from sqlalchemy import BigInteger, ForeignKey, Identity, Integer, String, text
from sqlalchemy.dialects.postgresql import UUID
from sqlalchemy.orm import mapped_column

UuidPk = Annotated[
    uuid.UUID, mapped_column(UUID(as_uuid=True), primary_key=True, server_default=text("gen_random_uuid()"))
]
# Append-only rows (audit, events, deliveries, import problems) numbered by the database.
SerialPk = Annotated[int, mapped_column(BigInteger, Identity(always=True), primary_key=True)]
# A running count, from 0.
Count = Annotated[int, mapped_column(Integer, nullable=False, server_default="0")]
YouthRef = Annotated[uuid.UUID, mapped_column(UUID(as_uuid=True), ForeignKey("youth.id"), nullable=False)]
# A person as tokens name them: `<role>_sub`, `<role>_name` and `<role>_department` columns.
Sub = Annotated[str, mapped_column(String(200))]
PersonName = Annotated[str, mapped_column(String(200))]
DepartmentCode = Annotated[str, mapped_column(String(20))]
# R9: the class of a record's protected parts, as the writer set it (null: the municipality's default).
ClassCode = Annotated[str, mapped_column(String(10))]


def one_of(column: str, values: tuple[str, ...]) -> str:
    """A CHECK condition: `column` holds one of `values`."""
    return f"{column} IN ({', '.join(repr(v) for v in values)})"

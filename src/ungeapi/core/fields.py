"""Fields that a record's answer carries alike in every domain, as annotated types."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Any, TypeVar

from pydantic import BaseModel, Field

MunicipalityCode = Annotated[str, Field(description="Municipality code (kommunekode).")]
YouthId = Annotated[uuid.UUID, Field(description="The youth (den unge).")]
Version = Annotated[int, Field(description="Version (ETag).")]
Created = Annotated[datetime, Field(description="Created (oprettet).")]
LastChanged = Annotated[datetime, Field(description="Last changed (senest ændret).")]


class Actor(BaseModel):
    # No docstring: each domain's subclass names the role, and the schema keeps its own title.
    sub: str = Field(description="User id as in tokens (bruger-id).")
    name: str = Field(description="Name (navn).")
    department: str | None = Field(description="Department code (afdeling).")


A = TypeVar("A", bound=BaseModel)


def actor_from(kind: type[A], row: Any, role: str) -> A:
    """The person a row records as acting in `role` (`Ctx.as_actor`): its columns `<role>_sub`,
    `<role>_name` and `<role>_department`, as `kind`."""
    return kind(
        sub=getattr(row, f"{role}_sub"),
        name=getattr(row, f"{role}_name"),
        department=getattr(row, f"{role}_department"),
    )

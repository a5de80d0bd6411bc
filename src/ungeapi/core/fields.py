"""Fields that a record's answer carries alike in every domain, as annotated types."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated

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

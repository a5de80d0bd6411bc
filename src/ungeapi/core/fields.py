"""Fields that a record's answer carries alike in every domain, as annotated types."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated

from pydantic import Field

MunicipalityCode = Annotated[str, Field(description="Municipality code (kommunekode).")]
YouthId = Annotated[uuid.UUID, Field(description="The youth (den unge).")]
Version = Annotated[int, Field(description="Version (ETag).")]
Created = Annotated[datetime, Field(description="Created (oprettet).")]
LastChanged = Annotated[datetime, Field(description="Last changed (senest ændret).")]

"""Fields that a record's answer carries alike in every domain, as annotated types."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Annotated, TypeVar

from pydantic import AfterValidator, AwareDatetime, BaseModel, Field

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


# Dates the API takes: a day or a moment from 1900 to 2100. Outside that, a date is a typing
# error (0026 for 2026), and a year like 0001 broke arithmetic and the database's ranges (500s).
EARLIEST_YEAR, LATEST_YEAR = 1900, 2100
OUT_OF_RANGE = "date.out_of_range"


_D = TypeVar("_D", date, datetime)


def _in_range(value: _D) -> _D:
    if not EARLIEST_YEAR <= value.year <= LATEST_YEAR:
        raise ValueError(OUT_OF_RANGE)
    return value


InRange = AfterValidator(_in_range)
Day = Annotated[date, InRange]
"""A date (YYYY-MM-DD) from 1900 to 2100; outside, 422 `date.out_of_range`."""
Moment = Annotated[AwareDatetime, InRange]
"""A timestamp with its UTC offset, from 1900 to 2100; outside, 422 `date.out_of_range`."""
LocalMoment = Annotated[datetime, InRange]
"""A timestamp, with or without its UTC offset, from 1900 to 2100."""

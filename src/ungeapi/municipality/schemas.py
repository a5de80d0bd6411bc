from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field
from pydantic.config import JsonDict

from ungeapi.core import optional
from ungeapi.core.fields import Created, LastChanged, MunicipalityCode, Version
from ungeapi.core.schemas import answer_config, input_config, stamps
from ungeapi.municipality.policy import Policy
from ungeapi.municipality.vocabulary import DepartmentKind

DEPARTMENT_EXAMPLE: JsonDict = {
    "code": "BFU",
    "name": "Børne- og Familieafdelingen",
    "kind": "children_family",
    "authority_unit": True,
}


class SettingsRead(BaseModel):
    model_config = answer_config(
        {
            "municipality_code": "860",
            "policy": {"age_max": 30},
            "version": 1,
            "stored": True,
            "updated_at": None,
        }
    )

    municipality_code: MunicipalityCode
    policy: Policy = Field(description="The policy parameters (politiske parametre).")
    version: int = Field(description="Version (ETag); 0 while the defaults have never been stored.")
    stored: bool = Field(description="False while the municipality runs on the defaults (standardværdier).")
    updated_at: datetime | None = Field(description="Last changed (senest ændret).")


class DepartmentCreate(BaseModel):
    model_config = input_config(DEPARTMENT_EXAMPLE)

    code: str = Field(
        min_length=1,
        max_length=20,
        pattern=r"^[A-Za-z0-9ÆØÅæøå_-]+$",
        description="Short code used in tokens (afdelingskode).",
    )
    name: str = Field(min_length=1, max_length=200, description="Name (navn).")
    kind: DepartmentKind = Field(description="Kind of department (afdelingstype).")
    authority_unit: bool = Field(
        description="Counts as an authority unit (myndighedsenhed) for the two-authorities guide rule R8."
    )


class DepartmentUpdate(BaseModel):
    model_config = input_config({"name": "Familieafdelingen"})

    name: str | None = Field(default=None, min_length=1, max_length=200, description="Name (navn).")
    kind: DepartmentKind | None = optional.value("Kind of department (afdelingstype).")
    authority_unit: bool | None = optional.value("Counts as an authority unit (myndighedsenhed).")


class DepartmentRead(DepartmentCreate):
    model_config = ConfigDict(
        extra="ignore",
        json_schema_extra={
            "examples": [
                {
                    **DEPARTMENT_EXAMPLE,
                    "id": "5a0e3c6e-8f36-4a57-9a57-0b1c2d3e4f50",
                    "municipality_code": "860",
                    **stamps(),
                }
            ]
        },
    )

    id: uuid.UUID = Field(description="Department id.")
    municipality_code: MunicipalityCode
    version: Version
    created_at: Created
    updated_at: LastChanged


DEFAULT_DEPARTMENTS: list[DepartmentCreate] = [
    DepartmentCreate(
        code="BFU", name="Børne- og Familieafdelingen", kind="children_family", authority_unit=True
    ),
    DepartmentCreate(
        code="SAEH", name="Myndighed Handicap, voksne (SÆH)", kind="adult_disability", authority_unit=True
    ),
    DepartmentCreate(
        code="ARB", name="Jobcenter og Unge- og uddannelsesafdelingen", kind="employment", authority_unit=True
    ),
    DepartmentCreate(
        code="UU", name="Uddannelsesvejledningen (UU/UE)", kind="education_guidance", authority_unit=True
    ),
    DepartmentCreate(code="SUND", name="Sundhed og misbrug", kind="health", authority_unit=False),
    DepartmentCreate(code="SKOLE", name="Skoleafdelingen", kind="school", authority_unit=False),
]

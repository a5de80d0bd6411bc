from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from ungeapi.core import optional
from ungeapi.core.fields import Created, LastChanged
from ungeapi.core.schemas import answer_config, input_config, stamps
from ungeapi.youth.rules import CprDateError, CprFormatError, parse_cpr
from ungeapi.youth.vocabulary import GuardianRelation, TargetGroup


def _checked_cpr(value: str) -> str:
    try:
        return parse_cpr(value).formatted
    except CprDateError as exc:
        raise ValueError("cpr.date") from exc
    except CprFormatError as exc:
        raise ValueError("cpr.format") from exc


# Checked and written DDMMYY-SSSS wherever a request or an import row carries one.
CprNumber = Annotated[
    str,
    Field(
        min_length=10,
        max_length=11,
        description="CPR number (CPR-nummer), DDMMYY-SSSS or 10 digits. Never sent in a URL.",
        examples=["010110-4000"],
    ),
    AfterValidator(_checked_cpr),
]


class Guardian(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(max_length=200, description="Name (navn) of the parent or guardian.")
    relation: GuardianRelation = Field(
        description="Relation to the youth (relation: mor, far, værge, plejeforælder, anden)."
    )
    has_custody: bool = Field(description="Holds custody (forældremyndighed).")
    involve_until_18: bool = Field(
        default=True, description="Must be involved while the youth is under 18 (inddrages)."
    )


class ExternalRef(BaseModel):
    model_config = ConfigDict(extra="forbid")

    system: str = Field(max_length=100, description="Source system (kildesystem), e.g. a journal system.")
    id: str = Field(max_length=200, description="The record's id in that system (eksternt id).")


class YouthCreate(BaseModel):
    model_config = input_config(
        {
            "cpr": "010110-4000",
            "given_name": "Testa",
            "family_name": "Eksempelsen",
            "guardians": [{"name": "Forælder Eksempelsen", "relation": "mother", "has_custody": True}],
            "target_groups": ["placed"],
            "registered_by_department": "BFU",
        }
    )

    cpr: CprNumber
    given_name: str = Field(min_length=1, max_length=200, description="Given names (fornavne).")
    family_name: str = Field(min_length=1, max_length=200, description="Family name (efternavn).")
    guardians: list[Guardian] = optional.listed(10, "Parents and guardians (forældre/værger).")
    target_groups: list[TargetGroup] = optional.listed(8, "Target-group flags (målgrupper).")
    external_ref: ExternalRef | None = optional.value(
        "The youth's id in an external system (ekstern reference)."
    )
    registered_by_department: str | None = optional.text(
        20,
        "Department code that registered the youth (registrerende afdeling); "
        "defaults to the caller's first department.",
    )


class YouthUpdate(BaseModel):
    model_config = input_config({"family_name": "Eksempelsen-Nielsen"})

    cpr: CprNumber | None = optional.value("A changed CPR number (nyt CPR-nummer).")
    given_name: str | None = Field(
        default=None, min_length=1, max_length=200, description="Given names (fornavne)."
    )
    family_name: str | None = Field(
        default=None, min_length=1, max_length=200, description="Family name (efternavn)."
    )
    guardians: list[Guardian] | None = optional.many(10, "Parents and guardians (forældre/værger).")
    target_groups: list[TargetGroup] | None = optional.many(8, "Target-group flags (målgrupper).")
    external_ref: ExternalRef | None = optional.value("External reference (ekstern reference).")
    registered_by_department: str | None = optional.text(
        20, "Registering department (registrerende afdeling)."
    )


class CprLookup(BaseModel):
    model_config = input_config({"cpr": "010110-4000"})

    cpr: CprNumber


class Birthdays(BaseModel):
    turns_15: date = Field(description="The day the youth turns 15 (15-års fødselsdag).")
    turns_17: date = Field(
        description="The day the youth turns 17: the coordinating team must have met (17-års fødselsdag)."
    )
    turns_18: date = Field(
        description="The day the youth turns 18: the adult area takes over (18-års fødselsdag)."
    )


class YouthRead(BaseModel):
    model_config = answer_config(
        {
            "id": "0b7c6f1e-3f39-4c55-9d1a-6f1f0d1c2a10",
            "municipality_code": "860",
            "cpr": "010110-4000",
            "birth_date": "2010-01-01",
            "age": 16,
            "birthdays": {
                "turns_15": "2025-01-01",
                "turns_17": "2027-01-01",
                "turns_18": "2028-01-01",
            },
            "given_name": "Testa",
            "family_name": "Eksempelsen",
            "guardians": [],
            "target_groups": ["placed"],
            "external_ref": None,
            "registered_by_department": "BFU",
            "archived": False,
            "archived_at": None,
            **stamps(),
        }
    )

    id: uuid.UUID = Field(description="The youth's id (den unges id).")
    municipality_code: str = Field(description="Municipality code (kommunekode), 3 digits.")
    cpr: str = Field(description="CPR number (CPR-nummer), DDMMYY-SSSS.")
    birth_date: date = Field(description="Birth date (fødselsdato), derived from the CPR number.")
    age: int = Field(description="Age today in Europe/Copenhagen (alder).")
    birthdays: Birthdays = Field(
        description="The birthdays that matter to the effort (fødselsdage). A youth born "
        "29 February has birthdays on 1 March in common years."
    )
    given_name: str = Field(description="Given names (fornavne).")
    family_name: str = Field(description="Family name (efternavn).")
    guardians: list[Guardian] = Field(description="Parents and guardians (forældre/værger).")
    target_groups: list[TargetGroup] = Field(description="Target-group flags (målgrupper).")
    external_ref: ExternalRef | None = Field(description="External reference (ekstern reference).")
    registered_by_department: str | None = Field(
        description="Registering department (registrerende afdeling)."
    )
    archived: bool = Field(description="Archived (arkiveret); archived youth are kept, not deleted.")
    archived_at: datetime | None = Field(description="When the youth was archived (arkiveret tidspunkt).")
    version: int = Field(description="Version, also sent as the ETag (version).")
    created_at: Created
    updated_at: LastChanged

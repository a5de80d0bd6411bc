"""Transition forms (overgangsskemaer): request and response bodies."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Annotated, Any

from pydantic import BaseModel, Field

from ungeapi.core import optional
from ungeapi.core.fields import Created, Day, YouthId
from ungeapi.core.schemas import answer_config, input_config
from ungeapi.disclosure.schemas import Classified, ClassInput
from ungeapi.transitions.vocabulary import TransitionIncomeBasis as IncomeBasis

Category = Annotated[str, Field(min_length=1, max_length=60)]
Cost = Annotated[int, Field(ge=0, le=100_000_000)]

YOUTH_ID = "0b7c6f1e-3f39-4c55-9d1a-6f1f0d1c2a10"
NEEDS_EXAMPLE: dict[str, Any] = {
    "housing_offer": False,
    "housing_support": True,
    "day_offer": False,
    "stu": True,
    "employment_measures": False,
}
COSTS_EXAMPLE: dict[str, Any] = {"housing_support": 180000, "stu": 250000}
FIELDS_EXAMPLE: dict[str, Any] = {
    "support_hours_per_week": 12.5,
    "needs": NEEDS_EXAMPLE,
    "income_basis": "education_grant",
    "yearly_costs": COSTS_EXAMPLE,
    "notes": "Forventes at flytte i bostøttet bolig efter STU.",
}


class ExpectedNeeds(BaseModel):
    """What the youth is expected to need after 18 (forventede behov)."""

    model_config = input_config(NEEDS_EXAMPLE)

    housing_offer: bool = Field(default=False, description="A housing offer (botilbud).")
    housing_support: bool = Field(default=False, description="Housing support (bostøtte, § 85).")
    day_offer: bool = Field(default=False, description="A day offer (dagtilbud/beskyttet beskæftigelse).")
    stu: bool = Field(default=False, description="Specially planned youth education (STU).")
    employment_measures: bool = Field(
        default=False, description="Employment measures (beskæftigelsesindsatser)."
    )


class TransitionFormFields(BaseModel):
    support_hours_per_week: float | None = Field(
        default=None,
        ge=0,
        le=168,
        description="Expected support hours per week after 18 (timer/uge efter 18).",
    )
    needs: ExpectedNeeds = Field(
        default_factory=ExpectedNeeds, description="Expected needs after 18 (forventede behov)."
    )
    income_basis: IncomeBasis | None = optional.value(
        "Expected income basis after 18 (forventet forsørgelsesgrundlag)."
    )
    yearly_costs: dict[Category, Cost] = Field(
        default_factory=dict,
        description="Expected yearly cost in DKK by category (forventet årlig udgift pr. kategori).",
        max_length=50,
    )
    notes: str | None = optional.text(10000, "Free text (bemærkninger).")
    information_class: ClassInput = None


class TransitionFormCreate(TransitionFormFields):
    model_config = input_config({"youth_id": YOUTH_ID, **FIELDS_EXAMPLE})

    youth_id: YouthId
    updated_on: Day | None = optional.value(
        "The day the update really happened (opdateret den), e.g. a journal system's date; "
        "default today; not in the future (R11/R12).",
    )


class TransitionFormUpdate(BaseModel):
    """Only the fields sent change; each update is a new version (ny version)."""

    model_config = input_config({"support_hours_per_week": 15, "notes": "Opdateret i juni."})

    support_hours_per_week: float | None = Field(
        default=None,
        ge=0,
        le=168,
        description="Expected support hours per week after 18 (timer/uge efter 18).",
    )
    needs: ExpectedNeeds | None = optional.value("Expected needs after 18 (forventede behov).")
    income_basis: IncomeBasis | None = optional.value(
        "Expected income basis after 18 (forventet forsørgelsesgrundlag)."
    )
    yearly_costs: dict[Category, Cost] | None = optional.many(
        50, "Expected yearly cost in DKK by category (forventet årlig udgift pr. kategori)."
    )
    notes: str | None = optional.text(10000, "Free text (bemærkninger).")
    information_class: ClassInput = None
    updated_on: Day | None = optional.value(
        "The day the update really happened (opdateret den), e.g. a journal system's date; "
        "default today; not in the future, not before the form's previous update (R11/R12).",
    )


class Author(BaseModel):
    model_config = answer_config({"sub": "raadgiver-bfu", "name": "Rådgiver Bente", "department": "BFU"})

    sub: str = Field(description="The author's user id (forfatter).")
    name: str = Field(description="The author's name (navn).")
    department: str | None = Field(description="The author's department (afdeling).")


READ_EXAMPLE: dict[str, Any] = {
    "id": "6a0c2f51-8d7e-4b1a-9c3d-2e4f5a6b7c8d",
    "youth_id": YOUTH_ID,
    "author": {"sub": "raadgiver-bfu", "name": "Rådgiver Bente", "department": "BFU"},
    **FIELDS_EXAMPLE,
    "updated_on": "2026-06-15",
    "version": 2,
    "created_at": "2026-01-12T09:00:00Z",
    "updated_at": "2026-06-15T10:30:00Z",
}


class TransitionFormRead(TransitionFormFields, Classified):
    model_config = answer_config(READ_EXAMPLE)

    needs: ExpectedNeeds | None = Field(  # type: ignore[assignment]
        description="Expected needs after 18 (forventede behov); null when withheld (R9)."
    )
    yearly_costs: dict[Category, Cost] | None = Field(  # type: ignore[assignment]
        description="Expected yearly cost in DKK by category (forventet årlig udgift); "
        "null when withheld (R9)."
    )

    id: uuid.UUID = Field(description="Form id (skema-id).")
    youth_id: YouthId
    author: Author = Field(description="Who wrote the form, last updated by (forfatter).")
    updated_on: date = Field(description="Day of the latest update (senest opdateret), R11/R12.")
    version: int = Field(description="Version, also the ETag (version).")
    created_at: Created
    updated_at: datetime = Field(description="Last changed (ændret).")


class TransitionFormVersionRead(BaseModel):
    model_config = answer_config(
        {
            "number": 2,
            "occurred_at": "2026-06-15T10:30:00Z",
            "actor_sub": "raadgiver-bfu",
            "form": READ_EXAMPLE,
        }
    )

    number: int = Field(description="Version number (versionsnummer), from 1.")
    occurred_at: datetime = Field(description="When (tidspunkt).")
    actor_sub: str = Field(description="Who saved it (gemt af).")
    form: TransitionFormRead = Field(description="The form as it was after this version (skemaet).")

"""Progression phases: the municipality's scale, a recorded phase, the figures."""

from __future__ import annotations

import uuid
from datetime import date

from pydantic import BaseModel, Field, JsonValue

from ungeapi.core.schemas import answer_config, input_config
from ungeapi.statistics.schemas import CountRow

_PHASES: list[JsonValue] = [
    {"code": "afklaring", "label_da": "Afklaring", "label_en": "Clarification"},
    {"code": "parat", "label_da": "Parat til uddannelse", "label_en": "Ready for education"},
]


class Phase(BaseModel):
    code: str = Field(
        min_length=1, max_length=40, pattern=r"^[a-z0-9_-]+$", description="The phase's code (kode)."
    )
    label_da: str = Field(
        min_length=1, max_length=200, description="Its name in Danish, as the youth sees it."
    )
    label_en: str = Field(min_length=1, max_length=200, description="Its name in English.")


class ProgressionScale(BaseModel):
    """The municipality's progression scale, first phase first (progressionsskala)."""

    model_config = input_config({"phases": _PHASES})

    phases: list[Phase] = Field(max_length=30, description="The phases, in order (faser).")


class ProgressionScaleRead(ProgressionScale):
    model_config = answer_config({"phases": _PHASES})


class ProgressionCreate(BaseModel):
    model_config = input_config({"phase": "parat", "note": "Har søgt ind på tømreruddannelsen."})

    phase: str = Field(min_length=1, max_length=40, description="A code of the municipality's scale (fase).")
    note: str | None = Field(None, max_length=2000, description="Why, briefly (note).")


class ProgressionRead(BaseModel):
    """A phase recorded for a plan (progressionsfase), as it was named then."""

    model_config = answer_config(
        {
            "id": "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d",
            "plan_id": "5d6e7f80-1a2b-4c3d-8e9f-0a1b2c3d4e5f",
            "youth_id": "0b7c6f1e-3f39-4c55-9d1a-6f1f0d1c2a10",
            "phase": "parat",
            "position": 2,
            "label_da": "Parat til uddannelse",
            "label_en": "Ready for education",
            "recorded_on": "2026-11-23",
            "note": None,
            "recorded_by_name": "Mette Berg",
            "recorded_by_department": "BFU",
        }
    )

    id: uuid.UUID = Field(description="The recorded phase's id.")
    plan_id: uuid.UUID = Field(description="The plan (plan-id).")
    youth_id: uuid.UUID = Field(description="The youth (den unge).")
    phase: str = Field(description="The phase's code (fase).")
    position: int = Field(description="Its place on the scale then, from 1 (trin).")
    label_da: str = Field(description="The phase's Danish name when recorded.")
    label_en: str = Field(description="The phase's English name when recorded.")
    recorded_on: date = Field(description="The day it was recorded (registreret).")
    note: str | None = Field(description="Why, briefly (note).")
    recorded_by_name: str = Field(description="Who recorded it (registreret af).")
    recorded_by_department: str | None = Field(description="The recorder's department (afdeling).")


class ProgressionStatistics(BaseModel):
    model_config = answer_config(
        {"as_of": "2026-11-23", "phases": [{"key": "parat", "count": {"value": 12, "suppressed": False}}]}
    )

    as_of: date = Field(description="The day the figures refer to (opgjort pr.).")
    phases: list[CountRow] = Field(
        description="Current plans per latest progression phase, in the scale's order; under 5 suppressed."
    )

from __future__ import annotations

import uuid
from datetime import date

from pydantic import BaseModel, ConfigDict, Field
from pydantic.config import JsonDict

from ungeapi.absence.vocabulary import AbsenceLevel as Level
from ungeapi.core import optional
from ungeapi.core.fields import Created, Day, LastChanged, MunicipalityCode, Version, YouthId
from ungeapi.core.schemas import answer_config, input_config, stamps
from ungeapi.disclosure.schemas import Classified, ClassInput

Share = float

ABSENCE_EXAMPLE: JsonDict = {
    "youth_id": "0b7c6f1e-3f39-4c55-9d1a-6f1f0d1c2a10",
    "school_name": "Nordbyskolen",
    "school_code": "280017",
    "quarter": "2026Q3",
    "school_days": 62,
    "lawful_pct": 3.2,
    "unlawful_pct": 11.3,
    "sick_pct": 4.8,
    "parents_warned_on": None,
    "municipality_notified_on": None,
    "recorded_by_department": "SKOLE",
}


class AbsenceFields(BaseModel):
    """What a school reports for one period; shared by POST and the bulk import."""

    model_config = ConfigDict(extra="forbid")

    school_name: str = Field(min_length=1, max_length=200, description="The school (skole).")
    school_code: str | None = optional.text(20, "The school's institution number (institutionsnummer).")
    quarter: str | None = Field(
        default=None,
        pattern=r"^[0-9]{4}-?[Qq][1-4]$",
        description="The quarter (kvartal), e.g. `2026Q3`; or give `period_from` and `period_to`.",
    )
    period_from: Day | None = optional.value("First day of the period (periode fra).")
    period_to: Day | None = optional.value("Last day of the period (periode til).")
    school_days: int | None = Field(
        default=None, ge=0, le=400, description="School days in the period (skoledage)."
    )
    lawful_pct: Share = Field(ge=0, le=100, description="Lawful absence, % of school days (lovligt fravær).")
    unlawful_pct: Share = Field(
        ge=0, le=100, description="Unlawful absence, % of school days (ulovligt fravær)."
    )
    sick_pct: Share = Field(
        ge=0, le=100, description="Absence due to illness, % of school days (sygefravær)."
    )
    parents_warned_on: Day | None = optional.value(
        "R22: the day the parents were warned (forældre advaret); not in the future, not before the period.",
    )
    municipality_notified_on: Day | None = optional.value(
        "R22: the day the municipality was notified (kommunen underrettet); not in the future, "
        "not before the period.",
    )
    recorded_by_department: str | None = optional.text(
        20, "The department recording it (registrerende afdeling); defaults to the caller's first."
    )


class AbsenceCreate(AbsenceFields):
    model_config = input_config(ABSENCE_EXAMPLE)

    youth_id: YouthId
    information_class: ClassInput = None


class AbsenceUpdate(BaseModel):
    model_config = input_config({"parents_warned_on": "2026-10-02", "unlawful_pct": 12.1})

    school_code: str | None = optional.text(20, "Institution number.")
    school_days: int | None = Field(default=None, ge=0, le=400, description="School days (skoledage).")
    lawful_pct: Share | None = Field(default=None, ge=0, le=100, description="Lawful absence (lovligt).")
    unlawful_pct: Share | None = Field(default=None, ge=0, le=100, description="Unlawful absence (ulovligt).")
    sick_pct: Share | None = Field(default=None, ge=0, le=100, description="Sick absence (sygefravær).")
    parents_warned_on: Day | None = optional.value("Parents warned (forældre advaret).")
    municipality_notified_on: Day | None = optional.value("Municipality notified (kommunen underrettet).")
    information_class: ClassInput = None


class AbsenceRead(Classified):
    model_config = answer_config(
        {
            **ABSENCE_EXAMPLE,
            "id": "3e9b2c4d-5f6a-4b7c-8d9e-0f1a2b3c4d5e",
            "municipality_code": "860",
            "period_from": "2026-07-01",
            "period_to": "2026-09-30",
            "level": "warning",
            "follow_up_due": True,
            **stamps("2026-10-01T09:00:00+02:00"),
        }
    )

    id: uuid.UUID = Field(description="The record's id (fraværsregistrering).")
    municipality_code: MunicipalityCode
    youth_id: YouthId
    school_name: str = Field(description="The school (skole).")
    school_code: str | None = Field(description="Institution number (institutionsnummer).")
    quarter: str | None = Field(description="The quarter, when the period is one (kvartal).")
    period_from: date = Field(description="First day of the period (periode fra).")
    period_to: date = Field(description="Last day of the period (periode til).")
    school_days: int | None = Field(description="School days in the period (skoledage).")
    lawful_pct: Share = Field(description="Lawful absence, % (lovligt fravær).")
    unlawful_pct: Share = Field(description="Unlawful absence, % (ulovligt fravær).")
    sick_pct: Share | None = Field(
        description="Sick absence, % (sygefravær); null when withheld (R9, part `sickness`)."
    )
    parents_warned_on: date | None = Field(description="Parents warned (forældre advaret).")
    municipality_notified_on: date | None = Field(description="Municipality notified (underrettet).")
    recorded_by_department: str | None = Field(description="Recording department (afdeling).")
    level: Level = Field(
        description="R22/R23 against the municipality's shares: `warning` at or over the warning "
        "share, `notification` at or over the notification share (fraværsniveau)."
    )
    follow_up_due: bool = Field(
        description="The step the level requires (warn parents / notify) is not recorded yet (opfølgning)."
    )
    version: Version
    created_at: Created
    updated_at: LastChanged

from __future__ import annotations

import uuid
from datetime import date

from pydantic import BaseModel, ConfigDict, Field
from pydantic.config import JsonDict

from ungeapi.absence.vocabulary import AbsenceLevel as Level
from ungeapi.absence.vocabulary import ChildBenefitOutcome
from ungeapi.core import optional
from ungeapi.core.fields import Created, Day, LastChanged, MunicipalityCode, Version, YouthId
from ungeapi.core.schemas import answer_config, input_config, stamps
from ungeapi.disclosure.schemas import Classified, ClassInput
from ungeapi.youth.schemas import ExternalRef

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


WELLBEING_DESCRIPTION = (
    "A sign of poor wellbeing (tegn på mistrivsel): with the municipality's `absence_guide_prompt` "
    "on, it prompts the youth's contact person as high absence does (Helsingør)."
)
BENEFIT_DESCRIPTION = (
    "R22: the competent unit's decision on child benefit (børne- og ungeydelse) for the quarter, "
    "recorded, never granted here: `stopped` (standset) or `not_stopped` (ikke standset); with "
    "`child_benefit_decided_on` and `child_benefit_decided_by`."
)


class AbsenceCreate(AbsenceFields):
    model_config = input_config(ABSENCE_EXAMPLE)

    youth_id: YouthId
    wellbeing_signal: bool = Field(default=False, description=WELLBEING_DESCRIPTION)
    information_class: ClassInput = None


class AbsenceUpsert(AbsenceFields):
    """A record as its source system sends it, keyed by that system's own id in the URL."""

    model_config = input_config(ABSENCE_EXAMPLE)

    youth_id: YouthId


class AbsenceFollowUp(BaseModel):
    """R22's follow-up after the notification (opfølgning efter underretning): open once the
    unlawful share is at the notification level and the notification is recorded; its steps are
    refused before that (`absence.follow_up_not_open`)."""

    absence_team_department: str | None = optional.text(
        20,
        "The absence team it is routed to (fraværsteam), a department of kind `absence_team`; set "
        "from the municipality's `absence_team_department` when the notification is recorded.",
    )
    parents_heard_on: Day | None = optional.value(
        "R22: the parents were heard (forældre hørt); not in the future, not before the notification."
    )
    child_heard_on: Day | None = optional.value(
        "R22: the child was heard, needed from 12 years (barnet hørt); not before the notification."
    )
    child_benefit_outcome: ChildBenefitOutcome | None = optional.value(BENEFIT_DESCRIPTION)
    child_benefit_decided_on: Day | None = optional.value(
        "The day the competent unit decided on child benefit (afgørelsesdato); not before the notification."
    )
    child_benefit_decided_by: str | None = optional.text(
        200, "The competent unit that decided (afgørende enhed), e.g. Udbetaling Danmark."
    )
    back_at_school_on: Day | None = optional.value(
        "The youth was back at school (tilbage i skole); not in the future, not before the period."
    )
    next_follow_up_on: Day | None = optional.value(
        "The next follow-up on the way back to school (næste opfølgning); a planned date."
    )


class AbsenceUpdate(AbsenceFollowUp):
    model_config = input_config({"parents_warned_on": "2026-10-02", "unlawful_pct": 12.1})

    school_code: str | None = optional.text(20, "Institution number.")
    school_days: int | None = Field(default=None, ge=0, le=400, description="School days (skoledage).")
    lawful_pct: Share | None = Field(default=None, ge=0, le=100, description="Lawful absence (lovligt).")
    unlawful_pct: Share | None = Field(default=None, ge=0, le=100, description="Unlawful absence (ulovligt).")
    sick_pct: Share | None = Field(default=None, ge=0, le=100, description="Sick absence (sygefravær).")
    parents_warned_on: Day | None = optional.value("Parents warned (forældre advaret).")
    municipality_notified_on: Day | None = optional.value("Municipality notified (kommunen underrettet).")
    wellbeing_signal: bool | None = optional.value(WELLBEING_DESCRIPTION)
    guide_contacted_on: Day | None = optional.value(
        "The contact person contacted the youth (kontaktperson har taget kontakt); not before the period."
    )
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
            "wellbeing_signal": False,
            "guide_contacted_on": None,
            "absence_team_department": None,
            "parents_heard_on": None,
            "child_heard_on": None,
            "child_benefit_outcome": None,
            "child_benefit_decided_on": None,
            "child_benefit_decided_by": None,
            "back_at_school_on": None,
            "next_follow_up_on": None,
            "follow_up_open": False,
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
    wellbeing_signal: bool = Field(description=WELLBEING_DESCRIPTION)
    guide_contacted_on: date | None = Field(description="The contact person contacted the youth.")
    absence_team_department: str | None = Field(description="The absence team (fraværsteam) it is routed to.")
    parents_heard_on: date | None = Field(description="R22: parents heard (forældre hørt).")
    child_heard_on: date | None = Field(description="R22: child heard (barnet hørt).")
    child_benefit_outcome: ChildBenefitOutcome | None = Field(description=BENEFIT_DESCRIPTION)
    child_benefit_decided_on: date | None = Field(description="Child benefit decided on (afgørelsesdato).")
    child_benefit_decided_by: str | None = Field(description="The competent unit (afgørende enhed).")
    back_at_school_on: date | None = Field(description="Back at school (tilbage i skole).")
    next_follow_up_on: date | None = Field(description="Next follow-up (næste opfølgning).")
    follow_up_open: bool = Field(
        description="R22: the notification opened the municipality's follow-up (opfølgning åben)."
    )
    level: Level = Field(
        description="R22/R23 against the municipality's shares: `warning` at or over the warning "
        "share, `notification` at or over the notification share (fraværsniveau)."
    )
    follow_up_due: bool = Field(
        description="The step the level requires (warn parents / notify) is not recorded yet (opfølgning)."
    )
    external_ref: ExternalRef | None = Field(
        default=None, description="The record's id in its source system (ekstern reference)."
    )
    version: Version
    created_at: Created
    updated_at: LastChanged

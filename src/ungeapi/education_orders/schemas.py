"""Education orders (uddannelsespålæg, LAB § 30, R24): the jobcentre's assessment and the order's
deadlines."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, Field

from ungeapi.core import optional
from ungeapi.core.fields import Day, Version, YouthId
from ungeapi.core.schemas import answer_config, input_config
from ungeapi.education_orders.vocabulary import EducationOrderOutcome
from ungeapi.transitions.schemas import Author

EXAMPLE: dict[str, Any] = {
    "youth_id": "0b7c6f1e-3f39-4c55-9d1a-6f1f0d1c2a10",
    "case_id": "7d4c1a52-8a7e-4c1e-9b55-2f3a4b5c6d70",
    "assessed_on": "2026-11-20",
    "outcome": "ordered",
    "ordered_on": "2026-11-20",
    "proposal_due_on": "2026-12-04",
    "proposed_on": None,
    "application_due_on": "2027-01-15",
    "applied_on": None,
    "notes": "Kan gennemføre EUD; skal foreslå uddannelse og søge optagelse.",
}
OUTCOME_DESCRIPTION = (
    "ordered (uddannelsespålæg givet: the youth can complete an education) or not_ordered (intet pålæg)."
)


class EducationOrderCreate(BaseModel):
    """The jobcentre assessed an education order for the youth's case (vurdering af
    uddannelsespålæg, LAB § 30); recording it satisfies education_order.assessment_due, and an
    order's deadlines become education_order.proposal_due and .application_due (R24)."""

    model_config = input_config(EXAMPLE)

    youth_id: YouthId
    case_id: uuid.UUID = Field(description="The youth's jobcentre case the assessment belongs to (sag).")
    assessed_on: Day | None = optional.value(
        "Day of the assessment (vurderet), default today; not in the future; the rule must be in force."
    )
    outcome: EducationOrderOutcome = Field(description=OUTCOME_DESCRIPTION)
    ordered_on: Day | None = optional.value(
        "Day the order was given (pålæg givet), default the assessment's day when ordered; not in the future."
    )
    proposal_due_on: Day | None = optional.value(
        "Deadline to propose an education (frist for forslag); with an order, on or after it."
    )
    proposed_on: Day | None = optional.value(
        "Day the youth proposed an education (forslag modtaget); not before the order, not in the future."
    )
    application_due_on: Day | None = optional.value(
        "Deadline to apply for the education (ansøgningsfrist); on or after the proposal deadline."
    )
    applied_on: Day | None = optional.value(
        "Day the youth applied (ansøgt); not before the order, not in the future."
    )
    notes: str | None = optional.text(10_000, "Notes (begrundelse/bemærkninger).")


class EducationOrderUpdate(BaseModel):
    """Record the youth's proposal or application, or correct the assessment: only the fields sent
    change and the merged result is checked as on recording. Null leaves assessed_on and outcome
    as they are and clears the other fields."""

    model_config = input_config({"proposed_on": "2026-12-02"})

    assessed_on: Day | None = optional.value("Day of the assessment (vurderet).")
    outcome: EducationOrderOutcome | None = optional.value(OUTCOME_DESCRIPTION)
    ordered_on: Day | None = optional.value("Day the order was given (pålæg givet).")
    proposal_due_on: Day | None = optional.value("Deadline to propose an education (frist for forslag).")
    proposed_on: Day | None = optional.value("Day the youth proposed an education (forslag modtaget).")
    application_due_on: Day | None = optional.value("Deadline to apply (ansøgningsfrist).")
    applied_on: Day | None = optional.value("Day the youth applied (ansøgt).")
    notes: str | None = optional.text(10_000, "Notes (bemærkninger).")


class EducationOrderRead(EducationOrderCreate):
    model_config = answer_config(
        {
            **EXAMPLE,
            "id": "5e4d3c2b-1a09-4f8e-b7d6-c5b4a3928170",
            "author": {"sub": "jobkonsulent-4", "name": "Jobkonsulent Eksempel", "department": "ARB"},
            "version": 1,
            "created_at": "2026-11-20T09:00:00Z",
        }
    )

    id: uuid.UUID = Field(description="Education order id.")
    assessed_on: date = Field(description="Day of the assessment (vurderet).")
    author: Author = Field(description="Who recorded it (registreret af).")
    version: Version
    created_at: datetime = Field(description="Recorded (registreret).")

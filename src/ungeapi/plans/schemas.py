from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field
from pydantic.config import JsonDict

from ungeapi.core import optional
from ungeapi.core.fields import Created, Day, LastChanged, MunicipalityCode, Version, YouthId
from ungeapi.core.schemas import answer_config, input_config, stamps
from ungeapi.disclosure.schemas import Classified, ClassInput
from ungeapi.guides.schemas import Person
from ungeapi.plans.vocabulary import GoalHorizon, GoalStatus, MeasureStatus, PlanPart
from ungeapi.plans.vocabulary import PlanDestination as Destination
from ungeapi.plans.vocabulary import PlanStatus as PlanStatus

YOUTH_ID = "0b7c6f1e-3f39-4c55-9d1a-6f1f0d1c2a10"
PLAN_ID = "5a1d7c3e-2b4f-4e6a-9c8d-1f2e3d4c5b6a"
GOAL_ID = "8e7d6c5b-4a39-4281-9f0e-1d2c3b4a5968"
MEASURE_ID = "c4b3a291-8f7e-4d6c-95b4-a39281706f5e"
COORDINATOR: JsonDict = {"sub": "rådgiver-17", "name": "Rådgiver Eksempel", "department": "BFU"}

GOAL_EXAMPLE: JsonDict = {
    "horizon": "short",
    "description": "Møde op i FGU mindst fire dage om ugen frem til jul.",
    "target_on": "2026-12-19",
    "status": "open",
}
MEASURE_EXAMPLE: JsonDict = {
    "department_code": "ARB",
    "title": "Mentor i jobcentret",
    "description": "Ugentlige samtaler om fremmøde og praktik.",
    "legal_basis": "Mentorstøtte",
    "legal_basis_code": "LAB § 31",
    "responsible": {"sub": "jobkonsulent-4", "name": "Jobkonsulent Eksempel", "department": "ARB"},
    "starts_on": "2026-12-01",
    "ends_on": "2027-05-31",
    "status": "planned",
    "offer_id": None,
}
PLAN_FIELDS_EXAMPLE: JsonDict = {
    "destination": "education",
    "destination_text": "Uddannelse som tømrer (EUD).",
    "wishes": "Jeg vil gerne arbejde med mine hænder og have min egen lejlighed.",
    "readiness": "Ikke uddannelsesparat endnu: fremmøde og faglige forudsætninger skal styrkes.",
    "guardian_remarks": "Mor støtter planen og vil hjælpe med at stå op om morgenen.",
    "duty_fulfilment": "Opfyldes ved FGU-forløb på produktionsgrunduddannelsen.",
    "next_follow_up_on": "2027-01-15",
}


# Why a change is made; the plan's revision keeps it.
Why = Annotated[
    str | None,
    Field(max_length=2000, description="Why the plan changes, kept in the revision (begrundelse)."),
]


class GoalFields(BaseModel):
    model_config = ConfigDict(extra="forbid")

    horizon: GoalHorizon = Field(description="Short or long term (delmål / langsigtet mål).")
    description: str = Field(min_length=1, max_length=4000, description="The goal in words (mål).")
    target_on: Day | None = optional.value("When it should be reached (frist).")
    status: GoalStatus = Field(default="open", description="Open, achieved or dropped (status).")


class GoalCreate(GoalFields):
    model_config = input_config({**GOAL_EXAMPLE, "why": "Aftalt på mødet med den unge."})

    why: Why = None


class GoalUpdate(BaseModel):
    model_config = input_config({"status": "achieved", "why": "Fremmødet er stabilt."})

    horizon: GoalHorizon | None = optional.value("Short or long term (tidshorisont).")
    description: str | None = Field(
        default=None, min_length=1, max_length=4000, description="The goal in words (mål)."
    )
    target_on: Day | None = optional.value("When it should be reached (frist).")
    status: GoalStatus | None = optional.value("Open, achieved or dropped (status).")
    why: Why = None


class GoalRead(GoalFields):
    model_config = answer_config({**GOAL_EXAMPLE, "id": GOAL_ID, **stamps()})

    id: uuid.UUID = Field(description="Goal id (mål-id).")
    version: int = Field(description="Version (ETag for If-Match when changing the goal).")
    created_at: Created
    updated_at: LastChanged


class MeasureFields(BaseModel):
    model_config = ConfigDict(extra="forbid")

    title: str = Field(min_length=1, max_length=200, description="What the measure is (indsats).")
    description: str | None = optional.text(4000, "Details (beskrivelse).")
    legal_basis: str | None = optional.text(500, "Legal basis in words (lovgrundlag).")
    legal_basis_code: str | None = optional.text(50, 'Legal basis as a code, e.g. "LAB § 31" (paragraf).')
    responsible: Person | None = optional.value(
        "The person responsible for the measure (ansvarlig); defaults to the caller."
    )
    starts_on: Day | None = optional.value("Starts (startdato), default today.")
    ends_on: Day | None = optional.value("Ends (slutdato); on or after `starts_on`.")
    status: MeasureStatus = Field(
        default="planned", description="Planned, active, completed or cancelled (status)."
    )
    offer_id: uuid.UUID | None = optional.value("The catalogue offer this measure uses, if any (tilbud).")


class MeasureCreate(MeasureFields):
    model_config = input_config({**MEASURE_EXAMPLE, "why": "Aftalt på mødet med den unge."})

    department_code: str = Field(
        max_length=20, description="The department that holds the measure (afdeling/myndighed)."
    )
    why: Why = None


class MeasureUpdate(BaseModel):
    model_config = input_config(
        {"status": "active", "starts_on": "2026-12-03", "why": "Første samtale holdt."}
    )

    title: str | None = Field(
        default=None, min_length=1, max_length=200, description="What the measure is (indsats)."
    )
    description: str | None = optional.text(4000, "Details (beskrivelse).")
    legal_basis: str | None = optional.text(500, "Legal basis in words (lovgrundlag).")
    legal_basis_code: str | None = optional.text(50, "Legal basis code (paragraf).")
    responsible: Person | None = optional.value("The person responsible (ansvarlig).")
    starts_on: Day | None = optional.value("Starts (startdato).")
    ends_on: Day | None = optional.value("Ends (slutdato); null: open-ended.")
    status: MeasureStatus | None = optional.value("Planned, active, completed or cancelled.")
    offer_id: uuid.UUID | None = optional.value("The catalogue offer (tilbud).")
    why: Why = None


class MeasureRead(BaseModel):
    model_config = answer_config({**MEASURE_EXAMPLE, "id": MEASURE_ID, **stamps()})

    id: uuid.UUID = Field(description="Measure id (indsats-id).")
    department_code: str = Field(description="The department that holds the measure (afdeling/myndighed).")
    title: str = Field(description="What the measure is (indsats).")
    description: str | None = Field(description="Details (beskrivelse).")
    legal_basis: str | None = Field(description="Legal basis in words (lovgrundlag).")
    legal_basis_code: str | None = Field(description="Legal basis code (paragraf).")
    responsible: Person | None = Field(description="The person responsible (ansvarlig).")
    starts_on: date = Field(description="Starts (startdato).")
    ends_on: date | None = Field(description="Ends (slutdato).")
    status: MeasureStatus = Field(description="Planned, active, completed or cancelled (status).")
    offer_id: uuid.UUID | None = Field(description="The catalogue offer this measure uses (tilbud).")
    version: int = Field(description="Version (ETag for If-Match when changing the measure).")
    created_at: Created
    updated_at: LastChanged


class PlanFields(BaseModel):
    model_config = ConfigDict(extra="forbid")

    destination: Destination | None = optional.value(
        "The youth's goal: education, job or other (positiv destination)."
    )
    destination_text: str | None = optional.text(
        4000, "The goal in words, e.g. which education (uddannelsesmål)."
    )
    wishes: str | None = optional.text(4000, "The youth's own wishes, in their words (den unges ønsker).")
    readiness: str | None = optional.text(4000, "Readiness assessment (uddannelsesparathedsvurdering, R3).")
    guardian_remarks: str | None = optional.text(
        4000, "The guardians' remarks, under 18 (forældres bemærkninger, R3)."
    )
    duty_fulfilment: str | None = optional.text(
        4000,
        "For 15-17-year-olds: how the duty to be in education or work is met (uddannelsespligt, R4).",
    )
    next_follow_up_on: Day | None = optional.value("Next follow-up (næste opfølgning).")
    information_class: ClassInput = None


class MeasureCreateItem(MeasureFields):
    """A measure given with a new plan."""

    model_config = input_config(MEASURE_EXAMPLE)

    department_code: str = Field(
        max_length=20, description="The department that holds the measure (afdeling/myndighed)."
    )


class PlanCreate(PlanFields):
    model_config = input_config(
        {
            "youth_id": YOUTH_ID,
            **PLAN_FIELDS_EXAMPLE,
            "goals": [GOAL_EXAMPLE],
            "measures": [MEASURE_EXAMPLE],
            "why": "Plan lavet på mødet med den unge og mor.",
        }
    )

    youth_id: YouthId
    coordinating_caseworker: Person | None = optional.value(
        "The caseworker who owns the plan (koordinerende sagsbehandler); defaults to the one "
        "who offered the youth's guide (R8), else the caller.",
    )
    started_on: Day | None = optional.value("Plan made (oprettet), default today; not in the future.")
    goals: list[GoalFields] = optional.listed(50, "Goals (mål).")
    measures: list[MeasureCreateItem] = optional.listed(
        50, "Measures (indsatser), each in your own department."
    )
    why: str | None = optional.text(2000, "Note for the first revision (begrundelse).")


class PlanUpdate(PlanFields):
    model_config = input_config(
        {
            "status": "stuck",
            "status_reason": "Ingen af de afprøvede tilbud har holdt; behov for ungekonference.",
            "why": "Status efter opfølgning.",
        },
        {"status": "interrupted", "status_reason": "Stoppet på FGU.", "interrupted_on": "2026-11-20"},
    )

    status: PlanStatus | None = optional.value(
        "active, stuck (→ phase-2 conference, R18), interrupted (dropped out, R5), completed, "
        "closed (status). Completed and closed are final.",
    )
    status_reason: str | None = optional.text(
        2000, "Why the status is what it is (begrundelse); required for stuck, interrupted and closed."
    )
    interrupted_on: Day | None = optional.value(
        "The day the youth left the plan (afbrudt), default today (R5)."
    )
    dropout_contact_on: Day | None = optional.value(
        "The day contact was made after the interruption (kontakt efter frafald, R5)."
    )
    coordinating_caseworker: Person | None = optional.value(
        "The caseworker who owns the plan (koordinerende sagsbehandler)."
    )
    why: Why = None


PLAN_READ_EXAMPLE: JsonDict = {
    "id": PLAN_ID,
    "municipality_code": "860",
    "youth_id": YOUTH_ID,
    "status": "active",
    "status_reason": None,
    "status_changed_on": "2026-11-23",
    "interrupted_on": None,
    "dropout_contact_on": None,
    "resumed_on": None,
    "coordinating_caseworker": COORDINATOR,
    **PLAN_FIELDS_EXAMPLE,
    "started_on": "2026-11-23",
    "ended_on": None,
    "revision": 1,
    "goals": [{**GOAL_EXAMPLE, "id": GOAL_ID, **stamps()}],
    "measures": [{**MEASURE_EXAMPLE, "id": MEASURE_ID, **stamps()}],
    **stamps(),
}


class PlanRead(Classified):
    model_config = answer_config(PLAN_READ_EXAMPLE)

    id: uuid.UUID = Field(description="Plan id (plan-id).")
    municipality_code: MunicipalityCode
    youth_id: YouthId
    status: PlanStatus = Field(description="Status: active, stuck, interrupted, completed or closed.")
    status_reason: str | None = Field(description="Why the status is what it is (begrundelse).")
    status_changed_on: date = Field(description="The day the status last changed (statusdato).")
    interrupted_on: date | None = Field(description="The day the youth left the plan (afbrudt, R5).")
    dropout_contact_on: date | None = Field(description="Contact made after the interruption (R5).")
    resumed_on: date | None = optional.value(
        "The day the plan became current again after its latest interruption "
        "(genoptaget, R5): the new activity. Empty while interrupted, and when the plan was completed "
        "or closed straight from the interruption.",
    )
    coordinating_caseworker: Person = Field(description="Owns the plan (koordinerende sagsbehandler).")
    destination: Destination | None = Field(description="The youth's goal (positiv destination).")
    destination_text: str | None = Field(description="The goal in words (uddannelsesmål).")
    wishes: str | None = Field(description="The youth's own wishes (den unges ønsker).")
    readiness: str | None = Field(description="Readiness assessment (uddannelsesparathedsvurdering).")
    guardian_remarks: str | None = Field(description="The guardians' remarks (forældres bemærkninger).")
    duty_fulfilment: str | None = Field(description="How the duty is met, 15-17 (uddannelsespligt, R4).")
    next_follow_up_on: date | None = Field(description="Next follow-up (næste opfølgning).")
    started_on: date = Field(description="Plan made (oprettet).")
    ended_on: date | None = Field(description="Completed or closed (afsluttet).")
    revision: int = Field(description="The number of the latest revision (revisionsnummer).")
    goals: list[GoalRead] = Field(description="Goals, in the order they were added (mål).")
    measures: list[MeasureRead] = Field(description="Measures, in the order they were added (indsatser).")
    version: Version
    created_at: Created
    updated_at: LastChanged


class PlanSummary(Classified):
    """The youth's current plan in short, for other domains (referrals R18, the overview)."""

    model_config = answer_config(
        {
            "id": PLAN_ID,
            "youth_id": YOUTH_ID,
            "status": "stuck",
            "status_reason": "Ingen af de afprøvede tilbud har holdt.",
            "coordinating_caseworker": COORDINATOR,
            "next_follow_up_on": "2027-01-15",
            "destination": "education",
        }
    )

    id: uuid.UUID = Field(description="Plan id (plan-id).")
    youth_id: YouthId
    status: PlanStatus = Field(description="Status: active, stuck or interrupted (a current plan).")
    status_reason: str | None = Field(description="Why the status is what it is (begrundelse).")
    coordinating_caseworker: Person = Field(description="Owns the plan (koordinerende sagsbehandler).")
    next_follow_up_on: date | None = Field(description="Next follow-up (næste opfølgning).")
    destination: Destination | None = Field(description="The youth's goal (positiv destination).")


class RevisionSubject(BaseModel):
    type: PlanPart = Field(description="What changed (plan, mål, indsats).")
    id: uuid.UUID = Field(description="Its id.")


REVISION_EXAMPLE: JsonDict = {
    "number": 2,
    "occurred_at": "2026-11-24T10:15:00+01:00",
    "actor": COORDINATOR,
    "action": "plan.updated",
    "subject": {"type": "plan", "id": PLAN_ID},
    "why": "Status efter opfølgning.",
    "changes": {"status": ["active", "stuck"]},
}


class RevisionSummary(BaseModel):
    model_config = answer_config(REVISION_EXAMPLE)

    number: int = Field(description="Revision number, 1 for the plan as made (revisionsnummer).")
    occurred_at: datetime = Field(description="When (tidspunkt).")
    actor: Person = Field(description="Who made the change (ændret af).")
    action: str = Field(
        description="What happened: plan.created, plan.updated, goal.added, goal.changed, measure.added, "
        "measure.changed (handling)."
    )
    subject: RevisionSubject = Field(description="The plan, goal or measure that changed (emne).")
    why: str | None = Field(description="Why, when given (begrundelse).")
    changes: dict[str, Any] = Field(
        description="Changed fields as {field: [before, after]}; for an addition, the new item (ændringer)."
    )


class RevisionRead(RevisionSummary):
    model_config = answer_config({**REVISION_EXAMPLE, "snapshot": PLAN_READ_EXAMPLE})

    snapshot: PlanRead = Field(
        description="The whole plan right after this revision (planen efter ændringen)."
    )

"""Network meetings (netværksmøder) and the three-part frame they share with concerns and,
later, team meetings."""

from __future__ import annotations

import uuid
from datetime import date

from pydantic import BaseModel, ConfigDict, Field, JsonValue
from pydantic.config import JsonDict

from ungeapi.core import optional
from ungeapi.core.fields import Actor, Created, Day, LastChanged, MunicipalityCode, Version, YouthId
from ungeapi.core.schemas import answer_config, input_config, stamps
from ungeapi.disclosure.schemas import Classified, ClassInput

FRAME_EXAMPLE: JsonDict = {
    "worries": "Højt fravær siden efterårsferien; den unge sover dårligt og trækker sig fra vennerne.",
    "what_works": "God relation til klasselæreren; kommer gerne til fodbold om tirsdagen.",
    "next_steps": "Fraværsteamet kontakter familien i denne uge; nyt netværksmøde om fire uger.",
}


class ThreePartFrame(BaseModel):
    """The shared three-part frame (tre-kolonne-modellen, as in the SOS model used by Norddjurs):
    what worries, what works, and the next steps. Reused by concerns, network meetings and team
    meetings, so one frontend component can show all of them."""

    model_config = input_config(FRAME_EXAMPLE)

    worries: str | None = optional.text(10_000, "What worries us (hvad er vi bekymrede for).")
    what_works: str | None = optional.text(10_000, "What works well (hvad fungerer godt).")
    next_steps: str | None = optional.text(10_000, "What needs to happen next (hvad skal der ske).")


class NetworkParticipant(BaseModel):
    """Someone who took part in a network meeting (deltager): family, school, professionals."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=200, description="Name (navn).")
    role: str = Field(
        min_length=1, max_length=200, description='Role, e.g. "mor", "klasselærer", "rådgiver" (rolle).'
    )
    department_code: str | None = optional.text(20, "The municipal department, if any (afdeling).")
    organisation: str | None = optional.text(200, "An outside organisation, e.g. headspace (organisation).")


PARTICIPANTS_EXAMPLE: list[JsonValue] = [
    {"name": "Mor Eksempel", "role": "mor"},
    {"name": "Lærer Eksempel", "role": "klasselærer", "organisation": "Grenaa Skole"},
    {"name": "Rådgiver Eksempel", "role": "rådgiver", "department_code": "BFU"},
]

MEETING_EXAMPLE: JsonDict = {
    "youth_id": "0b7c6f1e-3f39-4c55-9d1a-6f1f0d1c2a10",
    "plan_id": None,
    "held_on": "2026-11-20",
    "title": "Netværksmøde om skolefravær",
    "participants": PARTICIPANTS_EXAMPLE,
    "youth_participated": True,
    "guardians_participated": True,
    "frame": FRAME_EXAMPLE,
}


class NetworkMeetingCreate(BaseModel):
    model_config = input_config(MEETING_EXAMPLE)

    youth_id: YouthId
    plan_id: uuid.UUID | None = optional.value(
        "The youth's plan the meeting belongs to, if any (uddannelses- og jobplan)."
    )
    held_on: Day = Field(description="The day of the meeting (mødedato); not in the future.")
    title: str | None = optional.text(200, "A short title (overskrift).")
    participants: list[NetworkParticipant] = optional.listed(50, "Who took part (deltagere).")
    youth_participated: bool | None = optional.value("The youth took part (den unge deltog).")
    guardians_participated: bool | None = optional.value("Parents or guardians took part (forældre deltog).")
    frame: ThreePartFrame = Field(description="Worries, what works, next steps (tre-kolonne-model).")
    information_class: ClassInput = None


class NetworkMeetingUpdate(BaseModel):
    model_config = input_config({"frame": {**FRAME_EXAMPLE, "next_steps": "Opfølgning 15. december."}})

    plan_id: uuid.UUID | None = optional.value("The youth's plan (uddannelses- og jobplan).")
    held_on: Day | None = optional.value("The day of the meeting (mødedato); not in the future.")
    title: str | None = optional.text(200, "A short title (overskrift).")
    participants: list[NetworkParticipant] | None = optional.many(
        50, "Who took part (deltagere); replaces the list."
    )
    youth_participated: bool | None = optional.value("The youth took part (den unge deltog).")
    guardians_participated: bool | None = optional.value("Parents or guardians took part (forældre deltog).")
    frame: ThreePartFrame | None = optional.value(
        "Worries, what works, next steps (tre-kolonne-model); replaces all three."
    )
    information_class: ClassInput = None


class Organiser(Actor):
    pass


class NetworkMeetingRead(Classified):
    model_config = answer_config(
        {
            **MEETING_EXAMPLE,
            "id": "3c1f7e2a-5b6d-4e8f-9a0b-1c2d3e4f5a60",
            "municipality_code": "707",
            "organiser": {"sub": "rådgiver-17", "name": "Rådgiver Eksempel", "department": "BFU"},
            **stamps("2026-11-20T14:00:00+01:00"),
        }
    )

    id: uuid.UUID = Field(description="Meeting id (møde-id).")
    municipality_code: MunicipalityCode
    youth_id: YouthId
    plan_id: uuid.UUID | None = Field(description="The youth's plan (uddannelses- og jobplan).")
    held_on: date = Field(description="The day of the meeting (mødedato).")
    title: str | None = Field(description="A short title (overskrift).")
    participants: list[NetworkParticipant] = Field(description="Who took part (deltagere).")
    youth_participated: bool | None = Field(description="The youth took part (den unge deltog).")
    guardians_participated: bool | None = Field(
        description="Parents or guardians took part (forældre deltog)."
    )
    frame: ThreePartFrame = Field(description="Worries, what works, next steps (tre-kolonne-model).")
    organiser: Organiser = Field(description="Who recorded the meeting (mødeleder/referent).")
    version: Version
    created_at: Created
    updated_at: LastChanged

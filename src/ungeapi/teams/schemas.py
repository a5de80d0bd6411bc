"""The coordinating team as a forum decision composes it (Det Koordinerende Team, R16)."""

from __future__ import annotations

import uuid
from datetime import date

from pydantic import BaseModel, Field
from pydantic.config import JsonDict

from ungeapi.core import optional
from ungeapi.core.fields import Day, Version, YouthId
from ungeapi.core.schemas import answer_config, input_config
from ungeapi.disclosure.schemas import Classified, ClassInput
from ungeapi.network.schemas import ThreePartFrame
from ungeapi.plans.vocabulary import GoalHorizon, GoalStatus
from ungeapi.teams.vocabulary import TeamStatus

MEMBER_EXAMPLE: JsonDict = {
    "sub": "raadgiver-17",
    "name": "Rådgiver Eksempel",
    "department": "BFU",
    "role": "Rådgiver, Familie- og Handicapafdelingen",
    "lead": True,
}


class TeamMemberIn(BaseModel):
    """A member of the coordinating team (medlem af Det Koordinerende Team), by department and
    role; the person may be named later (then `sub` and `name` are left out)."""

    model_config = input_config(MEMBER_EXAMPLE)

    sub: str | None = optional.text(200, "The member's user id, as in tokens (bruger-id).")
    name: str | None = optional.text(200, "The member's name (navn).")
    department: str = Field(max_length=20, description="The member's department (forvaltning/afdeling).")
    role: str = Field(
        min_length=1, max_length=100, description="The member's role, e.g. rådgiver, UE-vejleder (rolle)."
    )
    lead: bool = Field(
        default=False,
        description="The team's lead (tovholder), most often the BFU caseworker; exactly one, with a name.",
    )


MEMBER_READ_EXAMPLE: JsonDict = {
    **MEMBER_EXAMPLE,
    "id": "8a1f6c3e-2d4b-4f5a-9c7e-1b2d3e4f5a60",
    "joined_on": "2026-11-23",
    "left_on": None,
}


class TeamMemberRead(BaseModel):
    model_config = answer_config(MEMBER_READ_EXAMPLE)

    id: uuid.UUID = Field(description="Member id.")
    sub: str | None = Field(description="User id (bruger-id).")
    name: str | None = Field(description="Name (navn).")
    department: str = Field(description="Department (forvaltning/afdeling).")
    role: str = Field(description="Role (rolle).")
    lead: bool = Field(description="The team's lead (tovholder).")
    joined_on: date = Field(description="Member from (medlem fra).")
    left_on: date | None = Field(description="Member until (medlem til).")


class TeamLead(BaseModel):
    model_config = answer_config({"sub": "raadgiver-17", "name": "Rådgiver Eksempel", "department": "BFU"})

    sub: str = Field(description="The lead's user id (tovholder, bruger-id).")
    name: str = Field(description="The lead's name (tovholder).")
    department: str | None = Field(description="The lead's department (afdeling).")


TEAM_READ_EXAMPLE: JsonDict = {
    "id": "5e4d3c2b-1a09-4f8e-8d7c-6b5a49382716",
    "youth_id": "0b7c6f1e-3f39-4c55-9d1a-6f1f0d1c2a10",
    "lead": {"sub": "raadgiver-17", "name": "Rådgiver Eksempel", "department": "BFU"},
    "members": [MEMBER_READ_EXAMPLE],
    "first_meeting_on": "2027-01-12",
    "first_meeting_deadline": "2027-03-01",
    "decided_on": "2026-12-03",
    "decided_late": False,
    "created_from_decision_id": "2f1e0d9c-8b7a-4695-a4b3-c2d1e0f9a8b7",
    "status": "active",
    "version": 1,
}


class TeamRead(BaseModel):
    """A coordinating team (Det Koordinerende Team) as created from a decision."""

    model_config = answer_config(TEAM_READ_EXAMPLE)

    id: uuid.UUID = Field(description="Team id.")
    youth_id: YouthId
    lead: TeamLead = Field(description="The lead (tovholder).")
    members: list[TeamMemberRead] = Field(description="The members (medlemmer), the lead among them.")
    first_meeting_on: date | None = Field(description="The planned first team meeting (første møde).")
    first_meeting_deadline: date = Field(
        description="R16: the first meeting is due by this day: the 17th birthday, or for a youth "
        "already 17 the decision day + late_team_days (frist for første møde)."
    )
    decided_on: date = Field(
        description="R16: the day the team was decided (besluttet): the forum meeting's day, or the day "
        "a coordinator composed it directly. The first meeting lies between this day and the deadline."
    )
    decided_late: bool = Field(description="The youth was already 17 when the team was decided (sen).")
    created_from_decision_id: uuid.UUID | None = Field(description="The forum decision (beslutning).")
    status: TeamStatus = Field(description="Status: active or closed (aktiv/afsluttet).")
    version: Version


class TeamCreate(BaseModel):
    """A team created directly by a coordinator (not from a forum decision)."""

    model_config = input_config(
        {
            "youth_id": "0b7c6f1e-3f39-4c55-9d1a-6f1f0d1c2a10",
            "members": [MEMBER_EXAMPLE],
            "first_meeting_on": "2027-01-12",
        }
    )

    youth_id: YouthId
    members: list[TeamMemberIn] = Field(
        min_length=1, max_length=30, description="The members (medlemmer), exactly one lead (tovholder)."
    )
    first_meeting_on: Day | None = optional.value("The planned first meeting (første møde).")


class TeamUpdate(BaseModel):
    """A change of a team's planned first meeting (første møde); R16 applies as on creation."""

    model_config = input_config({"first_meeting_on": "2027-01-19"})

    first_meeting_on: Day | None = optional.value(
        "The planned first meeting (første møde): from the day the team was decided to its "
        "deadline (the 17th birthday, or the decision day + late_team_days for a youth already 17); "
        "null when not planned yet.",
    )


class MemberAdd(TeamMemberIn):
    model_config = input_config({**MEMBER_EXAMPLE, "lead": False, "joined_on": "2026-12-01"})

    joined_on: Day | None = optional.value("Member from (medlem fra), default today.")


class MemberLeave(BaseModel):
    model_config = input_config({"left_on": "2027-02-01"})

    left_on: Day | None = optional.value("Member until (medlem til), default today.")


FRAME_JSON: JsonDict = {
    "worries": "Mange skift i botilbud.",
    "what_works": "God kontakt til UE-vejleder.",
    "next_steps": "Afklaring af bostøtte inden 18.",
}
MEETING_EXAMPLE: JsonDict = {
    "held_on": "2027-01-12",
    "youth_present": True,
    "parents_present": False,
    "frame": FRAME_JSON,
    "notes": "Første teammøde; den unge deltog.",
}


SHORT_GOAL_ID = "1d2c3b4a-5968-4778-8695-a4b3c2d1e0f9"
LONG_GOAL_ID = "2e3d4c5b-6a79-4889-97a6-b5c4d3e2f1a0"


class TeamMeetingFields(BaseModel):
    held_on: Day = Field(description="The day the meeting was held (mødedato).")
    youth_present: bool = Field(description="The youth took part (den unge deltog).")
    parents_present: bool = Field(description="The parents took part (forældrene deltog).")
    frame: ThreePartFrame = Field(
        default_factory=ThreePartFrame, description="Worries, what works, next steps (tre-kolonne-model)."
    )
    notes: str | None = optional.text(10_000, "Notes (referat).")


GoalIds = list[uuid.UUID]
LINKED_GOAL_EXAMPLE: JsonDict = {
    "id": SHORT_GOAL_ID,
    "plan_id": "3f4e5d6c-7b8a-4990-a8b7-c6d5e4f3a2b1",
    "horizon": "short",
    "description": "Møde op i 10. klasse hver dag i to uger.",
    "target_on": "2027-02-01",
    "status": "open",
}


class TeamMeetingCreate(TeamMeetingFields):
    model_config = input_config(
        {
            **MEETING_EXAMPLE,
            "short_term_goal_ids": [SHORT_GOAL_ID],
            "long_term_goal_ids": [LONG_GOAL_ID],
        }
    )

    short_term_goal_ids: GoalIds = optional.listed(
        30,
        "R17: the short-term plan (kortsigtet plan): short-term goals of the youth's current "
        "plan (delmål); another plan's goal is 422 team.goal_not_in_plan, a long-term goal "
        "422 team.goal_horizon_mismatch.",
    )
    long_term_goal_ids: GoalIds = optional.listed(
        30, "R17: the long-term plan (langsigtet plan): long-term goals of the youth's current plan."
    )
    information_class: ClassInput = None


class LinkedGoal(BaseModel):
    """A goal of the youth's plan that the meeting's plan links to (as it reads now)."""

    model_config = answer_config(LINKED_GOAL_EXAMPLE)

    id: uuid.UUID = Field(description="Goal id (mål-id).")
    plan_id: uuid.UUID = Field(description="The plan (planen).")
    horizon: GoalHorizon = Field(description="Short or long term (tidshorisont).")
    description: str = Field(description="The goal (målet).")
    target_on: date | None = Field(description="Target date (måldato).")
    status: GoalStatus = Field(description="Status (status).")


class TeamMeetingRead(TeamMeetingFields, Classified):
    model_config = answer_config(
        {
            **MEETING_EXAMPLE,
            "short_term_goals": [LINKED_GOAL_EXAMPLE],
            "long_term_goals": [],
            "id": "7b6a5948-3726-4150-9f8e-7d6c5b4a3928",
            "team_id": "5e4d3c2b-1a09-4f8e-8d7c-6b5a49382716",
            "youth_id": "0b7c6f1e-3f39-4c55-9d1a-6f1f0d1c2a10",
            "lead_department": "BFU",
            "recorded_by": "raadgiver-17",
            "information_class": "social",
            "withheld": [],
            "version": 1,
        }
    )

    short_term_goals: list[LinkedGoal] = Field(
        description="R17: the short-term plan's goals (kortsigtet plan)."
    )
    long_term_goals: list[LinkedGoal] = Field(
        description="R17: the long-term plan's goals (langsigtet plan)."
    )
    id: uuid.UUID = Field(description="Meeting id (møde-id).")
    team_id: uuid.UUID = Field(description="The team (teamet).")
    youth_id: uuid.UUID = Field(description="The youth the team coordinates for (den unge).")
    lead_department: str | None = Field(
        description="R9: the team's own department, its lead's (tovholderens afdeling): it reads the "
        "meeting's protected parts; other departments read them with consent or a recorded disclosure."
    )
    recorded_by: str = Field(description="Who recorded it (registreret af).")
    version: Version

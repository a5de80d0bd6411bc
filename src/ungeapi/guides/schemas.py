from __future__ import annotations

import uuid
from datetime import date

from pydantic import BaseModel, ConfigDict, Field

from ungeapi.core import optional
from ungeapi.core.fields import Created, Day, LastChanged, MunicipalityCode, Version, YouthId
from ungeapi.core.schemas import answer_config, input_config, stamps
from ungeapi.guides.vocabulary import GuideAction as GuideAction
from ungeapi.guides.vocabulary import GuideAssignedVia as AssignedVia
from ungeapi.guides.vocabulary import GuideState as GuideState


class Person(BaseModel):
    model_config = ConfigDict(extra="forbid")

    sub: str = Field(max_length=200, description="User id as in tokens (bruger-id).")
    name: str = Field(max_length=200, description="Name (navn).")
    department: str | None = optional.text(20, "Department code (afdeling).")


class GuideOffer(BaseModel):
    model_config = input_config(
        {
            "youth_id": "0b7c6f1e-3f39-4c55-9d1a-6f1f0d1c2a10",
            "guide": {"sub": "ungeguide-3", "name": "Ungeguide Eksempel", "department": "UU"},
            "assigned_via": "youth_coordinator",
            "basis": "Sager i BFU og ARB; den unge kender vejlederen fra skolen.",
        }
    )

    youth_id: YouthId
    guide: Person = Field(description="The proposed guide (ungeguide/kontaktperson).")
    assigned_via: AssignedVia = Field(
        default="caseworker",
        description="How the guide was found (tildelt via): caseworker, k-møde, ungekoordinator, UKM.",
    )
    basis: str | None = optional.text(2000, "Why a guide is offered (begrundelse).")
    offered_on: Day | None = optional.value("Offered (tilbudt), default today; not in the future.")


class GuideTransition(BaseModel):
    model_config = input_config({"on": "2026-11-23", "reason": "Den unge ønsker ikke en guide nu."})

    on: Day | None = optional.value(
        "The day it happened (dato), default today; not in the future, not before the step it "
        "answers (the offer, the acceptance, the start).",
    )
    reason: str | None = optional.text(2000, "Why, e.g. for a decline (begrundelse).")


class GuideRead(BaseModel):
    model_config = answer_config(
        {
            "id": "3c2b1a09-8f7e-4d6c-b5a4-93827160f5e4",
            "municipality_code": "860",
            "youth_id": "0b7c6f1e-3f39-4c55-9d1a-6f1f0d1c2a10",
            "state": "offered",
            "guide": {"sub": "ungeguide-3", "name": "Ungeguide Eksempel", "department": "UU"},
            "coordinating_caseworker": {
                "sub": "rådgiver-17",
                "name": "Rådgiver Eksempel",
                "department": "BFU",
            },
            "assigned_via": "youth_coordinator",
            "basis": None,
            "offered_on": "2026-11-23",
            "responded_on": None,
            "started_on": None,
            "ended_on": None,
            "reason": None,
            **stamps(),
        }
    )

    id: uuid.UUID = Field(description="Guide assignment id.")
    municipality_code: MunicipalityCode
    youth_id: YouthId
    state: GuideState = Field(description="State (status): offered → accepted | declined → active → ended.")
    guide: Person = Field(description="The guide (ungeguide/kontaktperson).")
    coordinating_caseworker: Person = Field(
        description="The caseworker who offered the guide; owns the plan (koordinerende sagsbehandler, R8)."
    )
    assigned_via: AssignedVia = Field(description="How the guide was found (tildelt via).")
    basis: str | None = Field(description="Why a guide is offered (begrundelse).")
    offered_on: date = Field(description="Offered (tilbudt).")
    responded_on: date | None = Field(description="Accepted or declined (svar).")
    started_on: date | None = Field(description="Started (startet).")
    ended_on: date | None = Field(description="Ended (afsluttet).")
    reason: str | None = Field(description="Reason given with the last change (begrundelse).")
    version: Version
    created_at: Created
    updated_at: LastChanged

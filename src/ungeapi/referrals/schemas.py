"""Referrals (indstillinger) to the coordination meeting (phase 1) and the conference (phase 2)."""

from __future__ import annotations

import uuid
from datetime import date

from pydantic import BaseModel, Field
from pydantic.config import JsonDict

from ungeapi.core import optional
from ungeapi.core.fields import Created, LastChanged, MunicipalityCode, Version, YouthId
from ungeapi.core.schemas import answer_config, input_config

# Re-exported: the API speaks of these types here; the table checks the category's and state's values.
from ungeapi.referrals.vocabulary import Forum as Forum
from ungeapi.referrals.vocabulary import ReferralAction as ReferralAction
from ungeapi.referrals.vocabulary import ReferralCategory as ReferralCategory
from ungeapi.referrals.vocabulary import ReferralState as ReferralState
from ungeapi.referrals.vocabulary import ReferrerRole as ReferrerRole

YOUTH_ID = "0b7c6f1e-3f39-4c55-9d1a-6f1f0d1c2a10"
REFERRAL_ID = "6a5b4c3d-2e1f-4a0b-9c8d-7e6f5a4b3c2d"
MEETING_ID = "1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f"

FORUM_DESCRIPTION = (
    "The forum (forum): `coordination` = the coordination meeting, phase 1 "
    "(ungekoordineringsmøde, R13); `conference` = the phase-2 conference for a stuck plan "
    "(ungekonference, R18)."
)
CATEGORY_DESCRIPTION = (
    "Why the youth is referred (målgruppe, R13): placed (anbragt), aftercare (efterværn/"
    "ungestøtte), preventive (forebyggende foranstaltning ved/efter 15), efterskole (efterskole/"
    "fri fagskole), disability (Handicapteamet, støtte efter 18), guidance (indstillet af "
    "UE-vejleder), borderline (tvivlsag), stuck_plan (planen er kørt fast, fase 2)."
)


class Referrer(BaseModel):
    model_config = input_config({"sub": "raadgiver-17", "name": "Rådgiver Eksempel", "department": "BFU"})

    sub: str = Field(max_length=200, description="The referrer's user id, as in tokens (indstiller).")
    name: str = Field(max_length=200, description="The referrer's name (indstiller).")
    department: str | None = optional.text(20, "Department code (afdeling).")


class Professional(BaseModel):
    """Another professional the referrer brings to the meeting (fagprofessionel)."""

    model_config = input_config({"name": "Lærer Eksempel", "department": "SKOLE", "role": "Klasselærer"})

    name: str = Field(min_length=1, max_length=200, description="Name (navn).")
    department: str | None = optional.text(20, "Department code (afdeling).")
    role: str | None = optional.text(100, "Role, e.g. klasselærer (rolle).")


REFERRAL_EXAMPLE: JsonDict = {
    "youth_id": YOUTH_ID,
    "forum": "coordination",
    "category": "placed",
    "referrer_role": "caseworker",
    "summary": "Anbragt i plejefamilie siden 2022. Forventes at have behov for bostøtte efter 18.",
    "professionals": [],
    "complex": False,
}


class ReferralCreate(BaseModel):
    """A new referral (indstillingsskema, R14): it starts as a draft; submit it to send it."""

    model_config = input_config(REFERRAL_EXAMPLE)

    youth_id: YouthId
    forum: Forum = Field(default="coordination", description=FORUM_DESCRIPTION)
    category: ReferralCategory = Field(description=CATEGORY_DESCRIPTION)
    referrer: Referrer | None = optional.value("Who refers (indstiller, R14); defaults to the caller.")
    referrer_role: ReferrerRole = Field(
        default="caseworker",
        description="The referrer's role (rolle): caseworker (rådgiver), guidance_counsellor "
        "(UE-vejleder) or other.",
    )
    summary: str = Field(
        min_length=1, max_length=5000, description="A short summary of the case (kort resumé af sagen)."
    )
    professionals: list[Professional] = optional.listed(
        20,
        "Other professionals taking part (deltagende fagprofessionelle); any makes the slot "
        "the complex length (R15).",
    )
    complex: bool = Field(
        default=False, description="A particularly complex case (særligt kompleks): the longer slot (R15)."
    )


class ReferralUpdate(BaseModel):
    """Changes to a draft, or to a referral sent back for documentation; needs If-Match."""

    model_config = input_config({"summary": "Opdateret med udtalelse fra PPR.", "complex": True})

    category: ReferralCategory | None = optional.value(CATEGORY_DESCRIPTION)
    summary: str | None = Field(
        default=None, min_length=1, max_length=5000, description="Summary of the case (resumé)."
    )
    professionals: list[Professional] | None = optional.many(
        20, "Other professionals taking part (fagprofessionelle)."
    )
    complex: bool | None = optional.value("A particularly complex case (kompleks).")


class ReferralTransition(BaseModel):
    model_config = input_config({"reason": "Mangler udtalelse fra PPR om skolegang."})

    reason: str | None = optional.text(
        2000, "Why (begrundelse); required to withdraw, reject or ask for documentation."
    )


class ScheduleRequest(BaseModel):
    model_config = input_config({"meeting_id": MEETING_ID}, {})

    meeting_id: uuid.UUID | None = optional.value(
        "The meeting (møde); without it, the next future meeting of the referral's forum "
        "with room for the slot.",
    )


class ReferralRead(BaseModel):
    model_config = answer_config(
        {
            **REFERRAL_EXAMPLE,
            "id": REFERRAL_ID,
            "municipality_code": "860",
            "state": "scheduled",
            "referrer": {"sub": "raadgiver-17", "name": "Rådgiver Eksempel", "department": "BFU"},
            "slot_minutes": 15,
            "meeting_id": MEETING_ID,
            "agenda_item_id": "9f8e7d6c-5b4a-4392-8817-263544536271",
            "submitted_on": "2026-11-23",
            "state_changed_on": "2026-11-24",
            "reason": None,
            "version": 3,
            "created_at": "2026-11-23T09:00:00+01:00",
            "updated_at": "2026-11-24T10:00:00+01:00",
        }
    )

    id: uuid.UUID = Field(description="Referral id (indstillings-id).")
    municipality_code: MunicipalityCode
    youth_id: YouthId
    forum: Forum = Field(description=FORUM_DESCRIPTION)
    category: ReferralCategory = Field(description=CATEGORY_DESCRIPTION)
    state: ReferralState = Field(
        description="State (status, R14): draft → submitted → scheduled → discussed → concluded; or "
        "documentation_requested (back to the referrer, who resubmits), withdrawn, rejected."
    )
    referrer: Referrer = Field(description="Who refers (indstiller).")
    referrer_role: ReferrerRole = Field(description="The referrer's role (rolle).")
    summary: str = Field(description="Summary of the case (resumé).")
    professionals: list[Professional] = Field(
        description="Other professionals taking part (fagprofessionelle)."
    )
    complex: bool = Field(description="A particularly complex case (kompleks).")
    slot_minutes: int = Field(
        description="R15: the case's time on the agenda (minutter): as placed, or as it would be placed now."
    )
    meeting_id: uuid.UUID | None = Field(description="The meeting it is (last) on the agenda of (møde).")
    agenda_item_id: uuid.UUID | None = Field(description="Its agenda item there (dagsordenpunkt).")
    submitted_on: date | None = Field(
        description="Last submitted (indstillet); R12: the transition form's update is due from it."
    )
    state_changed_on: date = Field(description="The state last changed (status ændret).")
    reason: str | None = Field(description="Reason given with the last change (begrundelse).")
    version: Version
    created_at: Created
    updated_at: LastChanged

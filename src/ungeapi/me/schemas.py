"""What the youth's own door answers and takes (/v1/me), and the staff's view of the youth's words."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, Field, JsonValue

from ungeapi.core.schemas import answer_config, input_config
from ungeapi.me.vocabulary import Reply, StatementKind, StatementSubject, ViewSubject
from ungeapi.youth.schemas import CprNumber

AT = "2026-11-23T09:00:00+01:00"
CONTACT_EXAMPLE: dict[str, JsonValue] = {
    "role": "coordinating_caseworker",
    "role_label": "Koordinerende sagsbehandler",
    "name": "Mette Berg",
    "department": "BFU",
    "department_name": "Børn og Familie",
}


class Contact(BaseModel):
    """An employee the youth can turn to: their name and their department (kontaktperson)."""

    role: str = Field(
        description="`guide` (ungeguide) or `coordinating_caseworker` (koordinerende sagsbehandler)."
    )
    role_label: str = Field(description="The role in plain words (rolle).")
    name: str = Field(description="Their name (navn).")
    department: str | None = Field(description="Their department's code (afdeling).")
    department_name: str | None = Field(
        description="Their department's name, to reach them (afdelingens navn)."
    )


class MyProfile(BaseModel):
    """The youth as registered, without anything internal (profil)."""

    model_config = answer_config(
        {
            "youth_id": "0b7c6f1e-3f39-4c55-9d1a-6f1f0d1c2a10",
            "given_name": "Freja",
            "family_name": "Nielsen",
            "birth_date": "2010-01-01",
            "contacts": [CONTACT_EXAMPLE],
        }
    )

    youth_id: uuid.UUID = Field(description="Your id (id).")
    given_name: str = Field(description="Given name (fornavn).")
    family_name: str = Field(description="Family name (efternavn).")
    birth_date: date = Field(description="Birth date (fødselsdato).")
    contacts: list[Contact] = Field(description="Your guide and coordinating caseworker (kontaktpersoner).")


class MyGoal(BaseModel):
    id: uuid.UUID = Field(description="The goal's id.")
    description: str = Field(description="The goal (mål).")
    horizon: str = Field(description="`short` or `long` (tidshorisont).")
    horizon_label: str = Field(description="The horizon in plain words.")
    status: str = Field(description="The goal's status (status).")
    status_label: str = Field(description="How far it has come, in plain words (status).")
    target_on: date | None = Field(description="When it should be reached (måldato).")


class MyMeasure(BaseModel):
    id: uuid.UUID = Field(description="The measure's id.")
    title: str = Field(description="The measure (indsats).")
    description: str | None = Field(description="What it is, in more words (beskrivelse).")
    status: str = Field(description="The measure's status (status).")
    status_label: str = Field(description="The status in plain words.")
    starts_on: date = Field(description="From (fra).")
    ends_on: date | None = Field(description="To (til).")
    department: str = Field(description="The department that gives it (afdeling).")
    department_name: str | None = Field(description="That department's name.")


class MyProgression(BaseModel):
    """Where you are on the municipality's progression scale (progressionsfase)."""

    phase: str = Field(description="The phase's code (fase).")
    label: str = Field(description="The phase in plain Danish.")
    position: int = Field(description="Its step on the scale, from 1 (trin).")
    since: date = Field(description="Since (siden).")


class MyPlan(BaseModel):
    """The youth's current plan in plain words: its phase, goals and measures (uddannelsesplan)."""

    model_config = answer_config(
        {
            "id": "5d6e7f80-1a2b-4c3d-8e9f-0a1b2c3d4e5f",
            "status": "active",
            "status_label": "Aktiv",
            "started_on": "2026-09-01",
            "next_follow_up_on": "2026-12-15",
            "wishes": "Jeg vil gerne være tømrer.",
            "goals": [],
            "measures": [],
            "coordinating_caseworker": CONTACT_EXAMPLE,
            "progression": {
                "phase": "parat",
                "label": "Parat til uddannelse",
                "position": 2,
                "since": "2026-11-23",
            },
        }
    )

    id: uuid.UUID = Field(description="The plan's id (plan-id).")
    status: str = Field(description="The plan's phase (fase).")
    status_label: str = Field(description="The phase in plain words.")
    started_on: date = Field(description="When the plan started (startdato).")
    next_follow_up_on: date | None = Field(description="The next follow-up (næste opfølgning).")
    wishes: str | None = Field(description="Your wishes as the plan records them (ønsker).")
    goals: list[MyGoal] = Field(description="The plan's goals (mål).")
    measures: list[MyMeasure] = Field(description="The plan's measures (indsatser).")
    coordinating_caseworker: Contact
    progression: MyProgression | None = Field(description="Your progression phase, if the plan has one.")


class MyMeeting(BaseModel):
    """A meeting the youth is invited to (mødeinvitation), and their reply so far."""

    model_config = answer_config(
        {
            "id": "7f1d2c3b-4a5e-4f60-8b7c-9d0e1f2a3b4c",
            "kind": "forum_meeting",
            "title": "Koordinationsforum",
            "starts_at": "2026-12-03T09:00:00+01:00",
            "ends_at": "2026-12-03T11:00:00+01:00",
            "location": "Rådhuset, mødelokale 2",
            "reply": None,
        }
    )

    id: uuid.UUID = Field(description="The meeting's id (møde-id).")
    kind: StatementSubject
    title: str = Field(description="The meeting in plain words (møde).")
    starts_at: datetime = Field(description="Starts (start).")
    ends_at: datetime = Field(description="Ends (slut).")
    location: str | None = Field(description="Where (sted).")
    reply: Reply | None = Field(description="Your latest reply (dit svar).")


class MyAccessEntry(BaseModel):
    """One look-up or change of the youth's data: when, why and which department, never who."""

    model_config = answer_config(
        {
            "occurred_at": AT,
            "action": "read",
            "resource_type": "plan",
            "purpose": "casework",
            "department": "BFU",
        }
    )

    occurred_at: datetime = Field(description="When (tidspunkt).")
    action: str = Field(description="What was done, e.g. read or update (handling).")
    resource_type: str = Field(description="What kind of record (oplysning).")
    purpose: str = Field(description="Why (formål).")
    department: str | None = Field(description="Which department (afdeling); never which employee.")


class MyConsents(BaseModel):
    """Every consent about the youth (samtykker); `given_by` shows which you gave yourself."""

    model_config = answer_config({"items": []})

    items: list[dict[str, Any]] = Field(
        description="The consents, each as GET /v1/consents/{consent_id} answers it (samtykker)."
    )


class MyRevocation(BaseModel):
    model_config = input_config({"reason": "Jeg vil ikke længere dele mine oplysninger."})

    reason: str | None = Field(None, max_length=2000, description="Why, if you want to say (begrundelse).")


class ViewWrite(BaseModel):
    model_config = input_config(
        {
            "subject_type": "plan",
            "subject_id": "5d6e7f80-1a2b-4c3d-8e9f-0a1b2c3d4e5f",
            "text": "Jeg synes, praktikken går godt.",
        }
    )

    subject_type: ViewSubject = Field(description="What your view is about: your plan or a meeting (emne).")
    subject_id: uuid.UUID = Field(description="Its id.")
    text: str = Field(min_length=1, max_length=10_000, description="Your own words (din egen vurdering).")


class ReplyWrite(BaseModel):
    model_config = input_config({"reply": "attending", "text": "Jeg kommer med min mor."})

    reply: Reply
    text: str | None = Field(None, max_length=10_000, description="Anything you want to add.")


class TalkRequestWrite(BaseModel):
    model_config = input_config({"text": "Kan vi tale om min praktik?"})

    text: str = Field(min_length=1, max_length=10_000, description="What you want to talk about.")


class StatementRead(BaseModel):
    """What the youth wrote, as written (den unges egne ord), and the answer to it."""

    model_config = answer_config(
        {
            "id": "2b3c4d5e-6f70-4a81-9b2c-3d4e5f607182",
            "youth_id": "0b7c6f1e-3f39-4c55-9d1a-6f1f0d1c2a10",
            "kind": "view",
            "subject_type": "plan",
            "subject_id": "5d6e7f80-1a2b-4c3d-8e9f-0a1b2c3d4e5f",
            "edition": 1,
            "text": "Jeg synes, praktikken går godt.",
            "reply": None,
            "written_at": AT,
            "respond_by": "2026-11-30",
            "answered_at": None,
            "answer": None,
            "version": 1,
        }
    )

    id: uuid.UUID = Field(description="The statement's id.")
    youth_id: uuid.UUID = Field(description="The youth (den unge).")
    kind: StatementKind
    subject_type: StatementSubject
    subject_id: uuid.UUID = Field(description="The plan, meeting or guide offer it is about.")
    edition: int = Field(description="The youth's words are never changed: a new view is the next edition.")
    text: str | None = Field(description="The youth's words, as written (tekst).")
    reply: Reply | None = Field(description="The reply to an invitation, for a reply (svar).")
    written_at: datetime = Field(description="When the youth wrote it (skrevet).")
    respond_by: date = Field(description="When the responsible caseworker must have answered (svarfrist).")
    answered_at: datetime | None = Field(description="When staff answered, null until then (besvaret).")
    answer: str | None = Field(description="Staff's answer (svar til den unge).")
    version: int = Field(description="The record's version (ETag): 1, then 2 once answered.")


class AnswerWrite(BaseModel):
    model_config = input_config({"answer": "Tak, jeg ringer til dig torsdag."})

    answer: str = Field(min_length=1, max_length=10_000, description="The answer to the youth (svar).")


class CitizenSubjectWrite(BaseModel):
    """Which person a login broker's pseudonymous `sub` stands for (pseudonym), as the
    municipality's integration knows it. Only the keyed CPR hash is stored."""

    model_config = input_config({"subject": "a3f1c2e4-5b6d-4e7f-8a9b-0c1d2e3f4a5b", "cpr": "010110-4000"})

    subject: str = Field(
        min_length=1, max_length=200, description="The broker's pseudonymous `sub` claim (pseudonym)."
    )
    cpr: CprNumber


class CitizenSubjectRead(BaseModel):
    model_config = answer_config(
        {"subject": "a3f1c2e4-5b6d-4e7f-8a9b-0c1d2e3f4a5b", "registered_at": AT, "youth_registered": True}
    )

    subject: str = Field(description="The pseudonymous `sub` (pseudonym).")
    registered_at: datetime = Field(description="When the mapping was last registered (registreret).")
    youth_registered: bool = Field(
        description="Whether the person has a youth record here now: false, the token opens nothing yet."
    )

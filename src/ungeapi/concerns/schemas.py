from __future__ import annotations

import uuid
from datetime import date, datetime

from pydantic import BaseModel, ConfigDict, Field
from pydantic.config import JsonDict

from ungeapi.concerns.vocabulary import ConcernAction, ConcernState
from ungeapi.concerns.vocabulary import ConcernOutcome as Outcome
from ungeapi.concerns.vocabulary import ConcernSenderKind as SenderKind
from ungeapi.core import optional
from ungeapi.core.fields import Actor, Created, LastChanged, Moment, MunicipalityCode, Version, YouthId
from ungeapi.core.schemas import answer_config, input_config, stamps
from ungeapi.disclosure.schemas import Classified, ClassInput
from ungeapi.network.schemas import FRAME_EXAMPLE, ThreePartFrame

__all__ = ["ConcernAction", "ConcernState", "Outcome", "SenderKind"]


class ConcernSender(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kind: SenderKind = Field(
        description="professional (fagperson, owed a receipt within 6 weekdays), citizen (borger) "
        "or anonymous (anonym) (afsender)."
    )
    name: str | None = optional.text(200, "The sender's name (navn).")
    profession: str | None = optional.text(200, 'Profession, e.g. "lærer", "sundhedsplejerske" (fag).')
    department_code: str | None = optional.text(
        20, "The sender's department in the municipality, if any (afdeling)."
    )
    organisation: str | None = optional.text(
        200, 'An outside sender\'s organisation, e.g. "headspace Hjørring", "FGU" (organisation).'
    )
    contact: str | None = optional.text(200, "Where to send the receipt: e-mail or phone (kontakt).")


class DialogueParticipant(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=200, description="Name (navn).")
    role: str = Field(
        min_length=1, max_length=200, description='Role, e.g. "mor", "den unge", "rådgiver" (rolle).'
    )


CONCERN_EXAMPLE: JsonDict = {
    "youth_id": "0b7c6f1e-3f39-4c55-9d1a-6f1f0d1c2a10",
    "received_at": "2026-11-23T09:15:00+01:00",
    "sender": {
        "kind": "professional",
        "name": "Lærer Eksempel",
        "profession": "klasselærer",
        "department_code": "SKOLE",
        "contact": "laerer@example.dk",
    },
    "made_in_dialogue": True,
    "dialogue_participants": [
        {"name": "Mor Eksempel", "role": "mor"},
        {"name": "Lærer Eksempel", "role": "klasselærer"},
        {"name": "Rådgiver Eksempel", "role": "rådgiver, BFU"},
    ],
    "level": 3,
    "frame": FRAME_EXAMPLE,
}


class ConcernCreate(BaseModel):
    model_config = input_config(CONCERN_EXAMPLE)

    youth_id: uuid.UUID = Field(description="The youth the concern is about (den unge).")
    received_at: Moment | None = optional.value(
        "When the municipality received it (modtaget), default now; not in the future."
    )
    sender: ConcernSender = Field(description="Who sent it (underretter).")
    made_in_dialogue: bool = Field(
        default=False,
        description="Made in a meeting of the family, the sender and a social worker "
        "(dialogbaseret underretning).",
    )
    dialogue_participants: list[DialogueParticipant] = optional.listed(
        30, "Who took part in the dialogue (deltagere)."
    )
    level: int = Field(
        ge=1, le=10, description="Concern level on the municipality's scale in settings (bekymringsgrad)."
    )
    frame: ThreePartFrame = Field(
        description="What worries (required), what works, next steps (tre-kolonne-model)."
    )
    information_class: ClassInput = None


class ConcernUpdate(BaseModel):
    model_config = input_config({"level": 4})

    level: int | None = Field(default=None, ge=1, le=10, description="Concern level (bekymringsgrad).")
    made_in_dialogue: bool | None = optional.value(
        "Made in dialogue with the family (dialogbaseret underretning)."
    )
    dialogue_participants: list[DialogueParticipant] | None = optional.many(
        30, "Who took part in the dialogue (deltagere); replaces the list."
    )
    frame: ThreePartFrame | None = optional.value(
        "Worries, what works, next steps (tre-kolonne-model); replaces all three."
    )
    information_class: ClassInput = None


class ConcernAssess(BaseModel):
    model_config = input_config(
        {"in_danger": False, "note": "Ingen akut fare; afdækning efter BL § 19 iværksættes."}
    )

    in_danger: bool = Field(
        description="The youth's health or development is in danger, acute measures needed (akut fare)."
    )
    note: str | None = optional.text(10_000, "The assessment (vurdering).")
    at: Moment | None = optional.value("When it was assessed (vurderet), default now.")


class ConcernAcknowledge(BaseModel):
    model_config = input_config({"at": "2026-11-24T10:00:00+01:00"})

    at: Moment | None = optional.value(
        "When the receipt was sent to the sender (kvittering sendt), default now."
    )


class ConcernClose(BaseModel):
    model_config = input_config({"outcome": "screening", "note": "Screening efter BL § 18."})

    outcome: Outcome = Field(
        description="What came of it (udfald): no_action, general_support (almen indsats), screening, "
        "investigation (børnefaglig undersøgelse), support_started (støttende indsats), other."
    )
    note: str | None = optional.text(10_000, "Why (begrundelse).")
    at: Moment | None = optional.value("When it was closed (afsluttet), default now.")


class Assessment(BaseModel):
    in_danger: bool = Field(description="Acute danger found (akut fare).")
    note: str | None = Field(description="The assessment (vurdering).")
    at: datetime = Field(description="Assessed (vurderet).")
    by: str | None = Field(description="Who assessed it, user id (vurderet af).")


class CreatedBy(Actor):
    pass


class ConcernRead(Classified):
    model_config = answer_config(
        {
            **CONCERN_EXAMPLE,
            "id": "6e8a0c2e-4b6d-4f81-a3c5-e7f9b1d3f5a7",
            "municipality_code": "707",
            "receiving_department_code": "BFU",
            "level_name": "Bekymring",
            "state": "received",
            "assessment_due_at": "2026-11-24T09:15:00+01:00",
            "acknowledgement_due_on": "2026-12-01",
            "overdue": False,
            "assessment": None,
            "acknowledged_at": None,
            "closed_at": None,
            "outcome": None,
            "outcome_note": None,
            "created_by": {
                "sub": "sagsbehandler-4",
                "name": "Sagsbehandler Eksempel",
                "department": "SKOLE",
            },
            **stamps("2026-11-23T09:20:00+01:00"),
        }
    )

    id: uuid.UUID = Field(description="Concern id (underretnings-id).")
    municipality_code: MunicipalityCode
    youth_id: YouthId
    receiving_department_code: str = Field(
        description="The children-and-family department that must handle it (modtagende afdeling)."
    )
    received_at: datetime = Field(description="Received (modtaget).")
    sender: ConcernSender = Field(description="Who sent it (underretter).")
    made_in_dialogue: bool = Field(
        description="Made in dialogue with the family (dialogbaseret underretning)."
    )
    dialogue_participants: list[DialogueParticipant] = Field(description="Who took part (deltagere).")
    level: int = Field(description="Concern level (bekymringsgrad).")
    level_name: str | None = Field(description="The level's name on the municipality's scale (niveau).")
    frame: ThreePartFrame = Field(description="Worries, what works, next steps (tre-kolonne-model).")
    state: ConcernState = Field(description="received (modtaget), assessed (vurderet) or closed (afsluttet).")
    assessment_due_at: datetime = Field(
        description="Assess by (frist for vurdering): 24 hours after receipt "
        "(Barnets lov, formerly SEL § 155, stk. 2)."
    )
    acknowledgement_due_on: date | None = Field(
        description="Send a receipt by (frist for kvittering): 6 weekdays after receipt; "
        "professional senders only."
    )
    overdue: bool = Field(
        description="A deadline has passed without its action (overskredet): the assessment from the "
        "minute its 24 hours run out, the receipt from the day after its due day."
    )
    assessment: Assessment | None = Field(description="The 24-hour assessment, once made (vurdering).")
    acknowledged_at: datetime | None = Field(description="Receipt sent (kvittering sendt).")
    closed_at: datetime | None = Field(description="Closed (afsluttet).")
    outcome: Outcome | None = Field(description="What came of it (udfald).")
    outcome_note: str | None = Field(description="Why (begrundelse).")
    created_by: CreatedBy = Field(description="Who entered it (registreret af).")
    version: Version
    created_at: Created
    updated_at: LastChanged

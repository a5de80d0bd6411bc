from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field

from ungeapi.core.fields import Created, LastChanged, MunicipalityCode, Version, YouthId
from ungeapi.core.schemas import answer_config, input_config, stamps
from ungeapi.disclosure.rules import InformationClass
from ungeapi.disclosure.schemas import Classified, ClassInput
from ungeapi.notes.vocabulary import NoteSubject
from ungeapi.transitions.schemas import Author

YOUTH = "0b7c6f1e-3f39-4c55-9d1a-6f1f0d1c2a10"
AUTHOR: dict[str, Any] = {"sub": "raadgiver-bfu", "name": "Rådgiver Bente", "department": "BFU"}
TEXT = "Aftalt med UU og jobcentret: praktik i fire uger fra 1. februar; BFU følger op efter to uger."

NoteText = Field(min_length=1, max_length=20_000, description="What was agreed or observed (notat).")


class NoteCreate(BaseModel):
    model_config = input_config(
        {
            "youth_id": YOUTH,
            "text": TEXT,
            "subject_type": "meeting",
            "subject_id": "2a4c6e80-1b3d-4f5a-9c7e-0d2f4b6a8c1e",
        }
    )

    youth_id: YouthId
    text: str = NoteText
    subject_type: NoteSubject | None = Field(
        default=None, description="The kind of record it is about, if any (vedrører)."
    )
    subject_id: uuid.UUID | None = Field(default=None, description="The id of that record.")
    information_class: ClassInput = None


class NoteCorrection(BaseModel):
    """A correction: the note's new text (and class), and why; the old text stays as a version."""

    model_config = input_config({"text": TEXT.replace("fire", "tre"), "reason": "Praktikken er tre uger."})

    text: str = NoteText
    reason: str = Field(min_length=3, max_length=2000, description="Why it is corrected (begrundelse).")
    information_class: ClassInput = None


class NoteVersionRead(BaseModel):
    model_config = answer_config(
        {
            "number": 1,
            "text": TEXT,
            "information_class": "essential",
            "reason": None,
            "written_by": AUTHOR,
            "written_at": "2026-11-23T09:00:00+01:00",
        }
    )

    number: int = Field(description="The version's number, from 1 (version).")
    text: str | None = Field(description="Its text; null when withheld from you (R9).")
    information_class: InformationClass | None = Field(description="Its class (oplysningsklasse).")
    reason: str | None = Field(description="Why it corrects the one before (begrundelse); null on the first.")
    written_by: Author = Field(description="Who wrote it (skrevet af).")
    written_at: datetime = Field(description="When (tidspunkt).")


class NoteRead(Classified):
    model_config = answer_config(
        {
            "id": "7b9d1f3a-5c7e-4a9b-8d0f-2a4c6e8b0d1f",
            "municipality_code": "860",
            "youth_id": YOUTH,
            "subject_type": "meeting",
            "subject_id": "2a4c6e80-1b3d-4f5a-9c7e-0d2f4b6a8c1e",
            "text": TEXT,
            "author": AUTHOR,
            "versions": [],
            **stamps(),
        }
    )

    id: uuid.UUID = Field(description="The note's id (notat).")
    municipality_code: MunicipalityCode
    youth_id: YouthId
    subject_type: NoteSubject | None = Field(description="The kind of record it is about (vedrører).")
    subject_id: uuid.UUID | None = Field(description="That record's id.")
    text: str | None = Field(description="Its latest text (notat); null when withheld from you (R9).")
    author: Author = Field(description="Who wrote it first, and so owns it (forfatter).")
    versions: list[NoteVersionRead] | None = Field(
        default=None,
        description="Every version, first first, on a read of one note (historik); null in lists and when "
        "withheld.",
    )
    version: Version
    created_at: Created
    updated_at: LastChanged

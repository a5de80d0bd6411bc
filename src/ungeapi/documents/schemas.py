from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel, Field
from pydantic.config import JsonDict

from ungeapi.core.fields import Created, LastChanged, MunicipalityCode, Version, YouthId
from ungeapi.core.schemas import answer_config, input_config, stamps
from ungeapi.disclosure.schemas import Classified, ClassInput
from ungeapi.documents.vocabulary import DocumentKind
from ungeapi.transitions.schemas import Author

_JOURNAL: JsonDict = {
    "journal_system": "SBSYS",
    "journal_id": "27.12.04-P27-3-26",
    "journalized_at": "2026-11-24T10:15:00+01:00",
}


class DocumentUpload(BaseModel):
    """An upload's metadata, given as query parameters beside the raw body (see POST /v1/documents)."""

    model_config = input_config(
        {"youth_id": "0b7c6f1e-3f39-4c55-9d1a-6f1f0d1c2a10", "kind": "signed_consent", "title": "Samtykke"}
    )

    youth_id: YouthId
    kind: DocumentKind = Field(description="What the document is (dokumenttype).")
    title: str = Field(min_length=1, max_length=200, description="Its title (titel).")
    information_class: ClassInput = None
    subject_type: str | None = Field(
        default=None,
        max_length=30,
        pattern=r"^[a-z_]+$",
        description="The record it belongs to, if any (hører til): its type, e.g. `consent`, `plan`.",
    )
    subject_id: uuid.UUID | None = Field(default=None, description="The record it belongs to: its id.")


class JournalReference(BaseModel):
    """Where the journal system filed the document (journalisering)."""

    model_config = input_config(_JOURNAL)

    journal_system: str = Field(min_length=1, max_length=50, description="The journal system (ESDH-system).")
    journal_id: str = Field(
        min_length=1, max_length=200, description="The document's id or journal number there (journalnummer)."
    )
    journalized_at: datetime = Field(description="When it was journalized (journaliseret).")


class DocumentRead(Classified):
    model_config = answer_config(
        {
            "id": "5d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6",
            "municipality_code": "860",
            "youth_id": "0b7c6f1e-3f39-4c55-9d1a-6f1f0d1c2a10",
            "kind": "signed_consent",
            "title": "Samtykke",
            "filename": "samtykke.pdf",
            "content_type": "application/pdf",
            "size_bytes": 48213,
            "sha256": "9f2c0e4d6a8b1c3e5f7a9b0c2d4e6f8a1b3c5d7e9f0a2b4c6d8e0f1a3b5c7d9e",
            "subject_type": None,
            "subject_id": None,
            "author": {"sub": "raadgiver-bfu", "name": "Rådgiver Bente", "department": "BFU"},
            **_JOURNAL,
            **stamps(),
        }
    )

    id: uuid.UUID = Field(description="The document's id (dokument).")
    municipality_code: MunicipalityCode
    youth_id: YouthId
    kind: DocumentKind = Field(description="What the document is (dokumenttype).")
    title: str | None = Field(description="Its title (titel); null when withheld (R9).")
    filename: str | None = Field(description="The file name it was uploaded with (filnavn).")
    content_type: str = Field(description="Its media type (indholdstype).")
    size_bytes: int = Field(description="Its size in bytes (størrelse).")
    sha256: str = Field(description="SHA-256 of its bytes, hex (kontrolsum).")
    subject_type: str | None = Field(description="The record it belongs to: its type (hører til).")
    subject_id: uuid.UUID | None = Field(description="The record it belongs to: its id.")
    author: Author = Field(description="Who filed it (oprettet af).")
    journal_system: str | None = Field(description="The journal system that filed it (ESDH-system).")
    journal_id: str | None = Field(description="Its id there (journalnummer); null: not journalized.")
    journalized_at: datetime | None = Field(description="When it was journalized (journaliseret).")
    version: Version
    created_at: Created
    updated_at: LastChanged

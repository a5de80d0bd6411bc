from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter
from pydantic import Field

from ungeapi.core.http import Call, call_as
from ungeapi.core.pagination import PageQuery
from ungeapi.core.routes import Collection
from ungeapi.notes import service
from ungeapi.notes.schemas import NoteCorrection, NoteCreate, NoteRead
from ungeapi.notes.vocabulary import NoteSubject

router = APIRouter(prefix="/v1/notes", tags=["notes"])

Reader = Annotated[Call, call_as("notes:read", purpose="coordination")]
Writer = Annotated[Call, call_as("notes:write", purpose="coordination")]


class NotesQuery(PageQuery):
    youth_id: uuid.UUID = Field(description="The youth whose notes (den unge).")
    subject_type: NoteSubject | None = Field(None, description="Only notes about this kind of record.")
    subject_id: uuid.UUID | None = Field(None, description="Only notes about this record.")


notes = Collection(router, NoteRead, "note_id", reader=Reader, writer=Writer)
WRITE = "Write a coordination note about a youth (skriv koordineringsnotat), optionally about one record."
notes.create("record_note", NoteCreate, service.write_note, WRITE)
notes.page("list_notes", NotesQuery, service.list_notes, "List a youth's coordination notes, newest first.")
notes.read("read_note", service.read_note, "Read a coordination note with its version history (læs notat).")
notes.change(
    "correct_note",
    NoteCorrection,
    service.correct_note,
    "Correct a note (ret notat): a new version with a reason; earlier versions stay. Needs If-Match.",
    action="corrections",
)

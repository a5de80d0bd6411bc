"""Use cases of coordination notes: write one, correct it (a new version), read it with its
history, list a youth's notes. Every read and write is audited; writes go on the change feed."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import TypedDict, Unpack

from sqlalchemy.ext.asyncio import AsyncSession

from ungeapi.core.changes import Action, Ledger
from ungeapi.core.context import Ctx
from ungeapi.core.reads import Row
from ungeapi.core.schemas import from_row, to_row
from ungeapi.disclosure import rules as classes
from ungeapi.disclosure.screen import check_may_classify, reader_of, screen, screen_one
from ungeapi.models import CoordinationNote, CoordinationNoteVersion
from ungeapi.notes import repository, rules
from ungeapi.notes.errors import NotAuthorDepartment, NoteNotFound, SubjectIncomplete, SubjectNotFound
from ungeapi.notes.schemas import NoteCorrection, NoteCreate, NoteRead, NoteVersionRead
from ungeapi.transitions.schemas import Author
from ungeapi.youth.service import (
    check_age_window,
    check_youth_in_age_window,
    writable_youth,
    youth_records_page,
)

RESOURCE = repository.RESOURCE
LEDGER = Ledger(RESOURCE)
CORRECT: Action = ("correct", "updated")


def to_read(row: CoordinationNote | Row) -> NoteRead:
    return from_row(NoteRead, row, author=from_row(Author, row, prefix="author_"), versions=None)


def _version(row: CoordinationNoteVersion, shown: bool) -> NoteVersionRead:
    written_by = from_row(Author, row, prefix="written_by_")
    return from_row(NoteVersionRead, row, text=row.text if shown else None, written_by=written_by)


async def _with_history(session: AsyncSession, ctx: Ctx, note: NoteRead) -> NoteRead:
    """The screened note with its versions, each shown as rules.version_shown says."""
    if note.withheld:
        return note
    owns = classes.owns(reader_of(ctx), classes.Owner(note.author.department, note.author.sub))
    current = note.information_class or classes.ESSENTIAL
    history = [
        _version(v, rules.version_shown(v.information_class or current, current, owns=owns))
        for v in await repository.versions(session, note.id)
    ]
    return note.model_copy(update={"versions": history})


def _version_row(
    ctx: Ctx, note: CoordinationNote, number: int, reason: str | None
) -> CoordinationNoteVersion:
    return CoordinationNoteVersion(
        municipality_code=note.municipality_code,
        note_id=note.id,
        number=number,
        text=note.text,
        information_class=note.information_class,
        reason=reason,
        **ctx.as_actor("written_by"),
        written_at=ctx.now,
    )


async def _check_subject(session: AsyncSession, data: NoteCreate) -> None:
    if not rules.subject_whole(data.subject_type, data.subject_id):
        raise SubjectIncomplete()
    if data.subject_type is None or data.subject_id is None:
        return
    if not await repository.subject_exists(session, data.subject_type, data.subject_id, data.youth_id):
        raise SubjectNotFound(subject_type=data.subject_type)


async def write_note(session: AsyncSession, ctx: Ctx, data: NoteCreate) -> NoteRead:
    """Writes a coordination note about a youth the caller works with (and, if named, one of the
    youth's records); the caller is its author and their department owns it. R1/R1a: not about
    a youth outside the age window."""
    youth = await writable_youth(session, ctx, data.youth_id)
    await check_age_window(session, ctx, youth.birth_date)
    await _check_subject(session, data)
    row = to_row(
        CoordinationNote,
        data,
        municipality_code=ctx.principal.municipality,
        **ctx.as_actor("author"),
        created_at=ctx.now,
        updated_at=ctx.now,
    )
    await LEDGER.added(session, ctx, row, data=_event_data(row))
    session.add(_version_row(ctx, row, 1, None))
    await session.flush()
    return await _with_history(session, ctx, await screen_one(session, ctx, RESOURCE, to_read(row)))


def _event_data(row: CoordinationNote) -> dict[str, str | None]:
    # Ids only: the feed never carries the text.
    return {"subject_type": row.subject_type, "subject_id": str(row.subject_id) if row.subject_id else None}


async def correct_note(
    session: AsyncSession, ctx: Ctx, note_id: uuid.UUID, data: NoteCorrection, *, expected_version: int
) -> NoteRead:
    """Corrects a note: its new text (and class) becomes the latest version, with the reason;
    the versions before stay as they were written. Only the author's department (403)."""
    row = await repository.find(session, ctx, note_id, NoteNotFound, version=expected_version)
    p = ctx.principal
    if not rules.may_correct(row.author_department, row.author_sub, p.sub, frozenset(p.departments)):
        raise NotAuthorDepartment()
    await check_youth_in_age_window(session, ctx, row.youth_id)
    number = rules.next_number(row.version)
    if "information_class" in data.model_fields_set:
        check_may_classify(ctx, RESOURCE, to_read(row))
        row.information_class = data.information_class
    row.text = data.text
    await LEDGER.saved(session, ctx, row, CORRECT, detail={"number": number}, data=_event_data(row))
    session.add(_version_row(ctx, row, number, data.reason))
    await session.flush()
    return await _with_history(session, ctx, await screen_one(session, ctx, RESOURCE, to_read(row)))


async def read_note(session: AsyncSession, ctx: Ctx, note_id: uuid.UUID) -> NoteRead:
    """One note, its latest text and every version before it."""
    row = await repository.read_found(session, ctx, note_id, NoteNotFound)
    return await _with_history(session, ctx, await screen_one(session, ctx, RESOURCE, to_read(row)))


class NoteFilters(TypedDict):
    youth_id: uuid.UUID
    subject_type: str | None
    subject_id: uuid.UUID | None


async def list_notes(
    session: AsyncSession, ctx: Ctx, *, limit: int, cursor: str | None, **filters: Unpack[NoteFilters]
) -> tuple[list[NoteRead], str | None]:
    rows: Sequence[Row]
    rows, next_cursor = await youth_records_page(session, ctx, repository.PAGE, limit, cursor, **filters)
    return await screen(session, ctx, RESOURCE, [to_read(r) for r in rows]), next_cursor

"""Use cases of documents: upload one, make one from a record's HTML, read its metadata and its
bytes, and write back where the journal system filed it (journaliseringspligt).

A document is `ready` once its bytes are stored (and, for an upload, the virus scan passed): the
change feed and the webhooks announce `document.ready`, so a journal-system integration fetches
it (GET /v1/documents/{id}/content) and writes the reference back (PUT .../journal-reference).
"""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass, replace

from sqlalchemy.ext.asyncio import AsyncSession

from ungeapi.core.changes import Action, Ledger, inserted
from ungeapi.core.context import Ctx
from ungeapi.core.reads import Row
from ungeapi.core.schemas import from_row, to_row
from ungeapi.core.settings import Settings
from ungeapi.disclosure.screen import screen_one
from ungeapi.documents import repository, rules, scan
from ungeapi.documents.errors import (
    AlreadyJournalized,
    ContentWithheld,
    DocumentNotFound,
    DocumentTooLarge,
    JournalRefused,
    UnsupportedType,
)
from ungeapi.documents.pdf import render_async
from ungeapi.documents.schemas import DocumentRead, DocumentUpload, JournalReference
from ungeapi.documents.storage import store_for
from ungeapi.models import Document
from ungeapi.transitions.schemas import Author
from ungeapi.youth.service import check_age_window, writable_youth

RESOURCE = repository.RESOURCE
# Its bytes are stored and it may be fetched: the feed's `document.ready`.
READY: Action = ("create", "ready")
JOURNALIZED: Action = ("journalize", "updated")
LEDGER = Ledger(RESOURCE)


@dataclass(frozen=True)
class Content:
    """A document's bytes as they came: the bytes, their media type, the file name given."""

    data: bytes
    content_type: str
    filename: str | None = None


def to_read(row: Document | Row) -> DocumentRead:
    return from_row(DocumentRead, row, author=from_row(Author, row, prefix="created_by_"))


async def _file(session: AsyncSession, ctx: Ctx, meta: DocumentUpload, content: Content) -> DocumentRead:
    """Stores the document about `meta.youth_id`, whom the caller was found to write about."""
    row = to_row(
        Document,
        meta,
        municipality_code=ctx.principal.municipality,
        filename=content.filename,
        content_type=rules.media_type(content.content_type),
        size_bytes=len(content.data),
        sha256=hashlib.sha256(content.data).hexdigest(),
        **ctx.as_actor("created_by"),
        # The journal reference is compared with it (rules.journal_time_refused): the app's clock.
        created_at=ctx.now,
        updated_at=ctx.now,
    )
    await inserted(session, row)
    await store_for(session).put(row.id, content.data, municipality=row.municipality_code)
    # `ready`, not `created`: the row and its bytes are one write, announced once both are there.
    await LEDGER.logged(session, ctx, row, READY, data={"kind": row.kind, "content_type": row.content_type})
    return await screen_one(session, ctx, RESOURCE, to_read(row))


async def upload_document(
    session: AsyncSession, ctx: Ctx, meta: DocumentUpload, *, content: Content, settings: Settings
) -> DocumentRead:
    """Stores an uploaded document about a youth the caller may write about: within the size and
    type limits of the settings, and only once the virus scan (if any) found it clean."""
    if rules.too_large(len(content.data), settings.document_max_bytes):
        raise DocumentTooLarge(limit=settings.document_max_bytes)
    content = replace(content, content_type=rules.effective_type(content.content_type, content.data))
    if not rules.type_allowed(content.content_type, settings.document_content_types):
        raise UnsupportedType(
            content_type=content.content_type or "-",
            allowed=", ".join(settings.document_content_types),
        )
    youth = await writable_youth(session, ctx, meta.youth_id)
    # R1/R1a as for a consent: a document may come from before the window, never after it.
    await check_age_window(session, ctx, youth.birth_date, lower_bound=False)
    await scan.check(content.data, settings.document_scan, seconds=settings.document_scan_timeout_seconds)
    return await _file(session, ctx, meta, content)


async def file_rendered(session: AsyncSession, ctx: Ctx, meta: DocumentUpload, *, html: str) -> DocumentRead:
    """Files a record's printed HTML (the plan, the minutes) as a PDF/A document: the one call a
    domain makes when it decides, so the journal system is told (`document.ready`)."""
    youth = await writable_youth(session, ctx, meta.youth_id)
    await check_age_window(session, ctx, youth.birth_date, lower_bound=False)
    pdf = await render_async(html)
    return await _file(session, ctx, meta, Content(pdf, rules.PDF, f"{meta.kind}.pdf"))


async def read_document(session: AsyncSession, ctx: Ctx, document_id: uuid.UUID) -> DocumentRead:
    row = await repository.read_found(session, ctx, document_id, DocumentNotFound)
    return await screen_one(session, ctx, RESOURCE, to_read(row))


async def document_content(
    session: AsyncSession, ctx: Ctx, document_id: uuid.UUID
) -> tuple[DocumentRead, bytes]:
    """The document and its bytes; 403 `document.content_withheld` as rules.may_fetch says (R9)."""
    row = await repository.find(session, ctx, document_id, DocumentNotFound)
    read = await screen_one(session, ctx, RESOURCE, to_read(row))
    if not rules.may_fetch(bool(read.withheld), ctx.principal.roles):
        raise ContentWithheld()
    data = await store_for(session).get(row.id)
    if data is None:
        raise DocumentNotFound()
    await LEDGER.audited(session, ctx, row, "read", detail={"content": True})
    return read, data


async def set_journal_reference(
    session: AsyncSession, ctx: Ctx, document_id: uuid.UUID, data: JournalReference
) -> DocumentRead:
    """Records where the journal system filed the document. Idempotent: the same reference again
    changes nothing; another one is refused (409), since a document is journalized once."""
    row = await repository.find(session, ctx, document_id, DocumentNotFound, for_update=True)
    if row.journal_id is not None:
        if (row.journal_system, row.journal_id) != (data.journal_system, data.journal_id):
            raise AlreadyJournalized(journal_system=row.journal_system, journal_id=row.journal_id)
        return await screen_one(session, ctx, RESOURCE, to_read(row))
    if rules.journal_time_refused(data.journalized_at, ctx.now, row.created_at):
        raise JournalRefused()
    row.journal_system, row.journal_id = data.journal_system, data.journal_id
    row.journalized_at, row.journalized_by_sub = data.journalized_at, ctx.principal.sub
    await LEDGER.saved(session, ctx, row, JOURNALIZED, detail={"journal_system": data.journal_system})
    return await screen_one(session, ctx, RESOURCE, to_read(row))

"""Documents: upload, metadata, content and the journal reference.

Upload (POST /v1/documents) takes the document's bytes as the raw body, with its media type as
the request's Content-Type and its metadata as query parameters, rather than multipart/form-data:
it is how journal systems and object stores take a file (one PUT/POST of the bytes, as S3 and
Microsoft Graph do), every HTTP client sends it without a form library (`curl --data-binary`),
the media type is HTTP's own (so 415 means what it says), and the bytes are hashed and stored as
they came, with no form parsing in between. The file name may come in Content-Disposition.
"""

from __future__ import annotations

import uuid
from email.message import Message
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, Query, Request, Response
from fastapi.responses import JSONResponse

from ungeapi.core.http import CREATE, READ_ONE, Call, call_as, filed
from ungeapi.core.idempotency import IdempotencyKey
from ungeapi.core.openapi import problems
from ungeapi.core.permissions import authenticated
from ungeapi.core.security import Principal
from ungeapi.documents import service
from ungeapi.documents.schemas import DocumentRead, DocumentUpload, JournalReference

router = APIRouter(prefix="/v1/documents", tags=["documents"])

Reader = Annotated[Call, call_as("documents:read", purpose="document handling")]
Writer = Annotated[Call, call_as("documents:write", purpose="document handling")]
# Authenticated before the body is read, and the body read before the transaction opens.
Caller = Annotated[Principal, Depends(authenticated)]

# The bytes, illustrated by a PDF's first line (a spec example must be text).
_BINARY = {"schema": {"type": "string", "format": "binary"}, "example": "%PDF-1.7"}
UPLOAD_BODY: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "description": "The document's bytes (indhold), sent with its media type as Content-Type "
        "(application/pdf, image/png, ...); sent as application/octet-stream, the type is read from the "
        "bytes.",
        "content": {"application/octet-stream": _BINARY},
    }
}


async def _body(request: Request, _: Caller) -> bytes:
    # The request layer has cut it at `document_max_bytes` already (core/observability.py).
    return await request.body()


def filename_of(disposition: str | None) -> str | None:
    """The file name of a Content-Disposition header (`attachment; filename="samtykke.pdf"`)."""
    if not disposition:
        return None
    message = Message()
    message["content-disposition"] = disposition
    name = message.get_filename()
    # Answered again in a header of its own (the content's): no quotes, no control characters.
    cleaned = "".join(c for c in name or "" if c.isprintable() and c not in '"\\')
    return cleaned[:200] or None


@router.post(
    "",
    status_code=201,
    response_model=DocumentRead,
    responses={**CREATE, **problems(413, 415, 503)},
    openapi_extra=UPLOAD_BODY,
)
async def add_document(
    meta: Annotated[DocumentUpload, Query()],
    content: Annotated[bytes, Depends(_body)],
    call: Writer,
    content_type: Annotated[str, Header()] = "",
    content_disposition: Annotated[str | None, Header()] = None,
    key: IdempotencyKey = None,
) -> JSONResponse:
    """Upload a document about a youth (upload dokument): the raw bytes, metadata as query parameters."""
    given = service.Content(content, content_type, filename_of(content_disposition))
    settings = call.request.app.state.settings
    return await call.create(
        key, filed(router.prefix), service.upload_document, meta, content=given, settings=settings
    )


@router.get("/{document_id}", response_model=DocumentRead, responses=READ_ONE)
async def read_document(document_id: uuid.UUID, call: Reader) -> DocumentRead:
    """Read a document's metadata and journal reference (læs dokument)."""
    return call.with_etag(await call.run(service.read_document, document_id))


@router.get(
    "/{document_id}/content",
    response_class=Response,
    responses={
        200: {
            "description": "The document's bytes (indhold), with its own media type as Content-Type.",
            "content": {"application/octet-stream": _BINARY},
        },
        **READ_ONE,
    },
)
async def read_document_content(document_id: uuid.UUID, call: Reader) -> Response:
    """Fetch a document's bytes (hent dokument), e.g. to journalize it."""
    read, data = await call.run(service.document_content, document_id)
    headers = {"Cache-Control": "no-store", "ETag": f'"{read.sha256}"'}
    if read.filename:
        headers["Content-Disposition"] = f'attachment; filename="{read.filename}"'
    return Response(data, media_type=read.content_type, headers=headers)


@router.put(
    "/{document_id}/journal-reference",
    response_model=DocumentRead,
    responses=problems(401, 403, 404, 409, 422),
)
async def record_journal_reference(
    document_id: uuid.UUID, data: JournalReference, call: Writer
) -> DocumentRead:
    """Write back where the journal system filed the document (journalisering)."""
    return call.with_etag(await call.run(service.set_journal_reference, document_id, data))

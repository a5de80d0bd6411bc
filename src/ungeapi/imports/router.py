from __future__ import annotations

import uuid
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, BackgroundTasks, Depends, Query, Request, Response
from fastapi.responses import JSONResponse
from python_multipart.exceptions import FormParserError
from python_multipart.multipart import MultipartParser, parse_options_header

from ungeapi.core.context import Ctx, context
from ungeapi.core.db import Session
from ungeapi.core.messages import pick_language
from ungeapi.core.openapi import problems
from ungeapi.core.pagination import Cursor, Limit, Page, link_next
from ungeapi.imports import parsing, rows, service
from ungeapi.imports.errors import HeaderMissing, MalformedMultipart, NoFile, UnsupportedMediaType
from ungeapi.imports.schemas import ImportFormat, ImportKind, ImportMode, ImportProblemRead, ImportRead
from ungeapi.imports.upload import SealedFile

router = APIRouter(prefix="/imports", tags=["imports"])

Importer = Annotated[Ctx, Depends(context("imports:write", purpose="bulk-import"))]

MEDIA_TYPES: dict[str, ImportFormat] = {
    "text/csv": "csv",
    "application/csv": "csv",
    "application/json": "json",
    "application/x-ndjson": "ndjson",
    "application/ndjson": "ndjson",
    "application/jsonl": "ndjson",
}
SUFFIXES: dict[str, ImportFormat] = {".csv": "csv", ".json": "json", ".ndjson": "ndjson", ".jsonl": "ndjson"}

_EXAMPLE_ROW = {"cpr": "010110-4000", "given_name": "Testa", "family_name": "Eksempelsen"}
REQUEST_BODY: dict[str, Any] = {
    "required": True,
    "description": "The file: as the raw body with its media type, or a multipart upload in a part "
    "named `file` (format from the part's type or the file name's suffix).",
    "content": {
        "text/csv": {
            "schema": {"type": "string"},
            "example": "cpr;fornavn;efternavn;afdeling\n010110-4000;Testa;Eksempelsen;BFU\n",
        },
        "application/json": {
            "schema": {"type": "array", "items": {"type": "object"}},
            "example": [_EXAMPLE_ROW],
        },
        "application/x-ndjson": {
            "schema": {"type": "string"},
            "example": '{"cpr": "010110-4000", "given_name": "Testa", "family_name": "Eksempelsen"}\n',
        },
        "multipart/form-data": {
            "schema": {
                "type": "object",
                "properties": {"file": {"type": "string", "format": "binary"}},
                "required": ["file"],
            },
            "example": {"file": "cpr,given_name,family_name\n010110-4000,Testa,Eksempelsen\n"},
        },
    },
}


class _FilePart:
    """Streams the multipart part `file` into an upload, never to disk in clear text (Starlette's
    form parser spools parts over 1 MiB to a temporary file as they came)."""

    def __init__(self, given: ImportFormat | None) -> None:
        self.given = given
        self.upload: SealedFile | None = None
        self.fmt: ImportFormat | None = None
        self.filename: str | None = None
        self.files = 0
        self._headers: dict[bytes, bytes] = {}
        self._name = b""
        self._value = b""
        self._writing = False

    def callbacks(self) -> dict[str, Any]:
        return {
            "on_part_begin": self._begin,
            "on_header_field": self._field,
            "on_header_value": self._value_part,
            "on_header_end": self._header_end,
            "on_headers_finished": self._headers_finished,
            "on_part_data": self._data,
            "on_part_end": self._end,
        }

    def _begin(self) -> None:
        self._headers, self._writing = {}, False

    def _field(self, data: bytes, start: int, end: int) -> None:
        self._name += data[start:end]

    def _value_part(self, data: bytes, start: int, end: int) -> None:
        self._value += data[start:end]

    def _header_end(self) -> None:
        self._headers[self._name.lower()] = self._value
        self._name, self._value = b"", b""

    def _headers_finished(self) -> None:
        _, options = parse_options_header(self._headers.get(b"content-disposition", b""))
        if b"filename" not in options:
            return  # a plain form field: not ours
        self.files += 1
        if self.files > 1:
            raise MalformedMultipart()
        if options.get(b"name") != b"file":
            return
        filename = options[b"filename"].decode("utf-8", "replace")
        part_media = self._headers.get(b"content-type", b"").decode("latin-1").split(";")[0].strip().lower()
        fmt = self.given or MEDIA_TYPES.get(part_media) or SUFFIXES.get(Path(filename).suffix.lower())
        if fmt is None:
            raise UnsupportedMediaType()
        self.fmt, self.filename = fmt, filename
        self.upload = SealedFile(suffix=f".{fmt}")
        self._writing = True

    def _data(self, data: bytes, start: int, end: int) -> None:
        if self._writing and self.upload is not None:
            self.upload.write(data[start:end])

    def _end(self) -> None:
        self._writing = False


async def _receive_multipart(request: Request, part: _FilePart) -> None:
    _, params = parse_options_header(request.headers.get("content-type", ""))
    boundary = params.get(b"boundary")
    if not boundary:
        raise MalformedMultipart()
    parser = MultipartParser(boundary, part.callbacks())  # type: ignore[arg-type]
    try:
        async for chunk in request.stream():
            parser.write(chunk)
        parser.finalize()
    except FormParserError as exc:
        raise MalformedMultipart() from exc


async def receive_file(
    request: Request, given: ImportFormat | None
) -> tuple[SealedFile, ImportFormat, str | None]:
    """Streams the body (or the multipart part `file`) to an encrypted temporary file: memory
    stays flat, and the file is removed if the upload does not arrive whole (a refusal, a
    broken body, a client gone mid-upload)."""
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media == "multipart/form-data":
        part = _FilePart(given)
        try:
            await _receive_multipart(request, part)
        except BaseException:
            if part.upload is not None:
                part.upload.remove()
            raise
        if part.upload is None or part.fmt is None:
            raise NoFile()
        part.upload.close()
        return part.upload, part.fmt, part.filename
    fmt = given or MEDIA_TYPES.get(media)
    if fmt is None:
        raise UnsupportedMediaType()
    upload = SealedFile(suffix=f".{fmt}")
    try:
        async for chunk in request.stream():
            upload.write(chunk)
        upload.close()
    except BaseException:
        upload.remove()
        raise
    return upload, fmt, None


def refuse_headerless(upload: SealedFile, fmt: ImportFormat, kind: str) -> None:
    """A CSV whose first row is data, not column names, is refused before a job is made (its
    first row would otherwise be reported back, CPR number included, as unknown columns)."""
    if fmt == "csv" and rows.header_missing(kind, parsing.csv_header(upload)):
        raise HeaderMissing()


@router.post(
    "",
    status_code=202,
    response_model=ImportRead,
    responses=problems(400, 401, 403, 413, 415, 422),
    openapi_extra={"requestBody": REQUEST_BODY},
)
async def start_import(
    request: Request,
    background: BackgroundTasks,
    ctx: Importer,
    session: Session,
    kind: Annotated[ImportKind, Query(description="What the file holds (type): youth, cases or absence.")],
    dry_run: Annotated[bool, Query(description="Validate only, write nothing (prøvekørsel).")] = False,
    mode: Annotated[
        ImportMode, Query(description="all_or_nothing (default) or valid_rows (tilstand).")
    ] = "all_or_nothing",
    format: Annotated[
        ImportFormat | None, Query(description="Override the format the media type implies (format).")
    ] = None,
) -> JSONResponse:
    """Start a bulk import (start import); poll the answer's Location for progress and the report.

    Records are upserted by their key (youth: CPR number; cases: journal system and id; absence:
    youth, school and period), so sending the same file again changes nothing: no Idempotency-Key
    is needed (and the body is streamed to disk, encrypted, never held for replay). A CSV file
    must start with its header row (`import.header_missing`).
    """
    upload, fmt, filename = await receive_file(request, format)
    options = service.ImportOptions(kind=kind, format=fmt, mode=mode, dry_run=dry_run)
    try:
        refuse_headerless(upload, fmt, kind)
        job = await service.create_job(session, ctx, options, filename=filename)
    except BaseException:
        upload.remove()
        raise
    # Background tasks run after the response, so after the job row has committed.
    background.add_task(
        service.start_in_background,
        request.app.state.db.sessionmaker,
        ctx,
        job.id,
        upload,
        options,
        vault=request.app.state.vault,
    )
    return JSONResponse(
        job.model_dump(mode="json"), status_code=202, headers={"Location": f"/v1/imports/{job.id}"}
    )


@router.get("/{import_id}", response_model=ImportRead, responses=problems(401, 403, 404))
async def read_import(import_id: uuid.UUID, request: Request, ctx: Importer, session: Session) -> ImportRead:
    """Read an import's status, progress and report (læs import)."""
    return await service.read_job(
        session, ctx, import_id, pick_language(request.headers.get("accept-language"))
    )


@router.get(
    "/{import_id}/problems",
    response_model=Page[ImportProblemRead],
    responses=problems(400, 401, 403, 404, 422),
)
async def list_import_problems(
    import_id: uuid.UUID,
    request: Request,
    response: Response,
    ctx: Importer,
    session: Session,
    limit: Limit = 200,
    cursor: Cursor = None,
) -> Page[ImportProblemRead]:
    """Read an import's whole report, by line (fejlrapport)."""
    lang = pick_language(request.headers.get("accept-language"))
    items, next_cursor = await service.list_problems(session, import_id, lang, cursor=cursor, limit=limit)
    link_next(request, response, next_cursor)
    return Page[ImportProblemRead](items=items, next_cursor=next_cursor)

"""Receives an import file from the request: the raw body with its media type, or the part `file`
of a multipart upload, streamed into an encrypted temporary file (imports/upload.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import Request
from python_multipart.exceptions import FormParserError
from python_multipart.multipart import MultipartParser, parse_options_header
from sqlalchemy.ext.asyncio import AsyncSession

from ungeapi.core.context import Ctx
from ungeapi.imports import parsing, rows, service
from ungeapi.imports.errors import HeaderMissing, MalformedMultipart, NoFile, UnsupportedMediaType
from ungeapi.imports.schemas import ImportFormat, ImportKind, ImportMode, ImportRead
from ungeapi.imports.service import ImportOptions
from ungeapi.imports.upload import SealedFile

MEDIA_TYPES: dict[str, ImportFormat] = {
    "text/csv": "csv",
    "application/csv": "csv",
    "application/json": "json",
    "application/x-ndjson": "ndjson",
    "application/ndjson": "ndjson",
    "application/jsonl": "ndjson",
}
SUFFIXES: dict[str, ImportFormat] = {".csv": "csv", ".json": "json", ".ndjson": "ndjson", ".jsonl": "ndjson"}


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


async def receive_job(
    session: AsyncSession,
    ctx: Ctx,
    request: Request,
    given: ImportFormat | None,
    *,
    kind: ImportKind,
    mode: ImportMode,
    dry_run: bool,
    update_existing: bool = False,
) -> tuple[ImportRead, SealedFile, ImportOptions]:
    """Receives the file and makes its job: the job, the file, and how to run it. No job, no file:
    it is removed when the job is refused."""
    upload, fmt, filename = await receive_file(request, given)
    options = ImportOptions(
        kind=kind, format=fmt, mode=mode, dry_run=dry_run, update_existing=update_existing
    )
    try:
        refuse_headerless(upload, fmt, kind)
        job = await service.create_job(session, ctx, options, filename=filename)
    except BaseException:
        upload.remove()
        raise
    return job, upload, options


def refuse_headerless(upload: SealedFile, fmt: ImportFormat, kind: str) -> None:
    """A CSV whose first row is data, not column names, is refused before a job is made (its
    first row would otherwise be reported back, CPR number included, as unknown columns)."""
    if fmt == "csv" and rows.header_missing(kind, parsing.csv_header(upload)):
        raise HeaderMissing()

from __future__ import annotations

import os
import tempfile
import uuid
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, BackgroundTasks, Depends, Query, Request, Response
from fastapi.responses import JSONResponse

from ungeapi.core.context import Ctx, context
from ungeapi.core.db import Session
from ungeapi.core.messages import pick_language
from ungeapi.core.openapi import problems
from ungeapi.core.pagination import Cursor, Limit, Page, link_next
from ungeapi.imports import service
from ungeapi.imports.errors import NoFile, UnsupportedMediaType
from ungeapi.imports.schemas import ImportFormat, ImportKind, ImportMode, ImportProblemRead, ImportRead

router = APIRouter(prefix="/imports", tags=["imports"])

Importer = Annotated[Ctx, Depends(context("imports:write", purpose="bulk-import"))]

CHUNK = 1 << 16
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


def _new_file(fmt: str) -> tuple[Path, Any]:
    handle, name = tempfile.mkstemp(prefix="ungeapi-import-", suffix=f".{fmt}")
    return Path(name), os.fdopen(handle, "wb")


async def receive_file(request: Request, given: ImportFormat | None) -> tuple[Path, ImportFormat, str | None]:
    """Streams the body (or the multipart part `file`) to a temporary file: memory stays flat."""
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media == "multipart/form-data":
        form = await request.form(max_files=1, max_fields=10)
        try:
            upload = form.get("file")
            if upload is None or isinstance(upload, str):
                raise NoFile()
            filename = upload.filename
            part_media = (upload.content_type or "").split(";")[0].strip().lower()
            fmt = given or MEDIA_TYPES.get(part_media) or SUFFIXES.get(Path(filename or "").suffix.lower())
            if fmt is None:
                raise UnsupportedMediaType()
            path, out = _new_file(fmt)
            with out:
                while chunk := await upload.read(CHUNK):
                    out.write(chunk)
            return path, fmt, filename
        finally:
            await form.close()
    fmt = given or MEDIA_TYPES.get(media)
    if fmt is None:
        raise UnsupportedMediaType()
    path, out = _new_file(fmt)
    with out:
        async for chunk in request.stream():
            out.write(chunk)
    return path, fmt, None


@router.post(
    "",
    status_code=202,
    response_model=ImportRead,
    responses=problems(401, 403, 413, 415, 422),
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
    is needed (and the body is streamed to disk, never held for replay).
    """
    path, fmt, filename = await receive_file(request, format)
    options = service.ImportOptions(kind=kind, format=fmt, mode=mode, dry_run=dry_run)
    try:
        job = await service.create_job(session, ctx, options, filename=filename)
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    # Background tasks run after the response, so after the job row has committed.
    background.add_task(
        service.start_in_background,
        request.app.state.db.sessionmaker,
        ctx,
        job.id,
        path,
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

from __future__ import annotations

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, BackgroundTasks, Query
from fastapi.responses import JSONResponse

from ungeapi.core.http import READ_ONE, READ_PAGE_OF, Call, call_as
from ungeapi.core.openapi import problems
from ungeapi.core.pagination import Cursor, Limit, Page
from ungeapi.imports import service
from ungeapi.imports.receive import receive_job
from ungeapi.imports.schemas import ImportFormat, ImportKind, ImportMode, ImportProblemRead, ImportRead

router = APIRouter(prefix="/v1/imports", tags=["imports"])

Importer = Annotated[Call, call_as("imports:write", purpose="bulk-import")]

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


@router.post(
    "",
    status_code=202,
    response_model=ImportRead,
    responses=problems(400, 401, 403, 413, 415, 422),
    openapi_extra={"requestBody": REQUEST_BODY},
)
async def start_import(
    background: BackgroundTasks,
    call: Importer,
    kind: Annotated[ImportKind, Query(description="What the file holds (type): youth, cases or absence.")],
    dry_run: Annotated[bool, Query(description="Validate only, write nothing (prøvekørsel).")] = False,
    mode: Annotated[
        ImportMode, Query(description="all_or_nothing (default) or valid_rows (tilstand).")
    ] = "all_or_nothing",
    format: Annotated[
        ImportFormat | None, Query(description="Override the format the media type implies (format).")
    ] = None,
    update_existing: Annotated[
        bool,
        Query(
            description="Youth: a row may change an existing youth (same CPR number); without it such a row "
            "is a conflict in the report (opdatér eksisterende)."
        ),
    ] = False,
) -> JSONResponse:
    """Start a bulk import (start import); poll the answer's Location for progress and the report.

    Records are upserted by their key (youth: CPR number; cases: journal system and id; absence:
    youth, school and period), so sending the same file again changes nothing: no Idempotency-Key
    is needed (and the body is streamed to disk, encrypted, never held for replay). An existing
    youth is changed only with `update_existing`; otherwise such a row is a conflict. A CSV file
    must start with its header row (`import.header_missing`).
    """
    job, upload, options = await call.run(
        receive_job,
        call.request,
        format,
        kind=kind,
        mode=mode,
        dry_run=dry_run,
        update_existing=update_existing,
    )
    # Background tasks run after the response, so after the job row has committed.
    state = call.request.app.state
    background.add_task(
        service.start_in_background,
        state.db.transaction,
        call.ctx,
        job.id,
        upload,
        options,
        vault=state.vault,
    )
    return JSONResponse(
        job.model_dump(mode="json"), status_code=202, headers={"Location": f"/v1/imports/{job.id}"}
    )


@router.get("/{import_id}", response_model=ImportRead, responses=READ_ONE)
async def read_import(import_id: uuid.UUID, call: Importer) -> ImportRead:
    """Read an import's status, progress and report (læs import)."""
    return await call.run(service.read_job, import_id, call.language)


@router.get("/{import_id}/problems", response_model=Page[ImportProblemRead], responses=READ_PAGE_OF)
async def list_import_problems(
    import_id: uuid.UUID, call: Importer, limit: Limit = 200, cursor: Cursor = None
) -> Page[ImportProblemRead]:
    """Read an import's whole report, by line (fejlrapport)."""
    found = await service.list_problems(call.session, import_id, call.language, cursor=cursor, limit=limit)
    return call.page(ImportProblemRead, found)

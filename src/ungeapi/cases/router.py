from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Header, Path, Query, Request, Response
from fastapi.responses import JSONResponse

from ungeapi.cases import service
from ungeapi.cases.schemas import CaseCreate, CaseKind, CaseRead, CaseUpdate, CaseUpsert
from ungeapi.core.concurrency import IfMatch, etag, parse_if_match
from ungeapi.core.context import Ctx, context
from ungeapi.core.crypto import CprVault
from ungeapi.core.db import Session
from ungeapi.core.idempotency import IdempotencyKey, run_idempotent
from ungeapi.core.openapi import problems
from ungeapi.core.pagination import Cursor, Limit, Page, link_next
from ungeapi.core.vault import get_vault

router = APIRouter(prefix="/cases", tags=["cases"])
youth_cases_router = APIRouter(prefix="/youth", tags=["cases"])

Vault = Annotated[CprVault, Depends(get_vault)]
Reader = Annotated[Ctx, Depends(context("cases:read", purpose="casework"))]
Writer = Annotated[Ctx, Depends(context("cases:write", purpose="casework"))]
Department = Annotated[str | None, Query(max_length=20, description="Department code (afdeling).")]
Kind = Annotated[CaseKind | None, Query(description="Kind of case (sagstype).")]
OpenOnly = Annotated[
    bool | None, Query(alias="open", description="Only open (true) or only closed (false) cases.")
]


@router.post("", status_code=201, response_model=CaseRead, responses=problems(401, 403, 404, 409, 422))
async def open_case(
    request: Request,
    data: CaseCreate,
    ctx: Writer,
    session: Session,
    vault: Vault,
    idempotency_key: IdempotencyKey = None,
) -> JSONResponse:
    """Open a case (opret sag) in one of your departments, for a youth your department takes on."""

    async def produce() -> tuple[CaseRead, dict[str, str]]:
        case = await service.open_case(session, ctx, data, vault=vault)
        return case, {"Location": f"/v1/cases/{case.id}", "ETag": etag(case.version)}

    return await run_idempotent(request, session, ctx, idempotency_key, produce)


@router.get("", response_model=Page[CaseRead], responses=problems(400, 401, 403, 404, 422))
async def list_cases(
    request: Request,
    response: Response,
    ctx: Reader,
    session: Session,
    limit: Limit = 50,
    cursor: Cursor = None,
    youth_id: Annotated[uuid.UUID | None, Query(description="Only this youth's cases (den unge).")] = None,
    department: Department = None,
    kind: Kind = None,
    open_only: OpenOnly = None,
) -> Page[CaseRead]:
    """List the cases you may see (sager), oldest first."""
    items, next_cursor = await service.list_cases(
        session,
        ctx,
        limit=limit,
        cursor=cursor,
        youth_id=youth_id,
        department=department,
        kind=kind,
        open_only=open_only,
    )
    link_next(request, response, next_cursor)
    return Page[CaseRead](items=items, next_cursor=next_cursor)


@router.put(
    "/by-external/{system}/{external_id}",
    response_model=CaseRead,
    responses={201: {"description": "Created", "model": CaseRead}, **problems(401, 403, 404, 409, 412, 422)},
)
async def upsert_case_by_external(
    system: Annotated[str, Path(max_length=100, description="The journal system (kildesystem).")],
    external_id: Annotated[str, Path(max_length=200, description="The case's id there (journalnummer).")],
    data: CaseUpsert,
    response: Response,
    ctx: Writer,
    session: Session,
    if_match: Annotated[
        str | None, Header(description="Optional: the ETag you last saw; 412 if stale.")
    ] = None,
) -> CaseRead:
    """Create or replace a case by a journal system's own id (upsert); repeating it changes nothing."""
    expected = parse_if_match(if_match) if if_match else None
    case, created = await service.upsert_by_external(
        session, ctx, system, external_id, data, expected_version=expected
    )
    response.status_code = 201 if created else 200
    response.headers["Location"] = f"/v1/cases/{case.id}"
    response.headers["ETag"] = etag(case.version)
    return case


@router.get("/{case_id}", response_model=CaseRead, responses=problems(401, 403, 404))
async def read_case(case_id: uuid.UUID, response: Response, ctx: Reader, session: Session) -> CaseRead:
    """Read one case (læs sag)."""
    case = await service.read_case(session, ctx, case_id)
    response.headers["ETag"] = etag(case.version)
    return case


@router.patch("/{case_id}", response_model=CaseRead, responses=problems(401, 403, 404, 412, 422, 428))
async def change_case(
    case_id: uuid.UUID, data: CaseUpdate, expected: IfMatch, response: Response, ctx: Writer, session: Session
) -> CaseRead:
    """Change a case (ret sag), e.g. close it; needs If-Match."""
    case = await service.change_case(session, ctx, case_id, data, expected_version=expected)
    response.headers["ETag"] = etag(case.version)
    return case


@youth_cases_router.get(
    "/{youth_id}/cases", response_model=Page[CaseRead], responses=problems(400, 401, 403, 404, 422)
)
async def list_youth_cases(
    youth_id: uuid.UUID,
    request: Request,
    response: Response,
    ctx: Reader,
    session: Session,
    limit: Limit = 50,
    cursor: Cursor = None,
    open_only: OpenOnly = None,
) -> Page[CaseRead]:
    """List one youth's cases (den unges sager)."""
    items, next_cursor = await service.list_cases(
        session,
        ctx,
        limit=limit,
        cursor=cursor,
        youth_id=youth_id,
        department=None,
        kind=None,
        open_only=open_only,
    )
    link_next(request, response, next_cursor)
    return Page[CaseRead](items=items, next_cursor=next_cursor)

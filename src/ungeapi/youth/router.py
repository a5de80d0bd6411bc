from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.responses import JSONResponse

from ungeapi.core.concurrency import IfMatch, etag
from ungeapi.core.context import Ctx, context
from ungeapi.core.crypto import CprVault
from ungeapi.core.db import Session
from ungeapi.core.idempotency import IdempotencyKey, run_idempotent
from ungeapi.core.openapi import problems
from ungeapi.core.pagination import Cursor, Limit, Page, link_next
from ungeapi.core.vault import get_vault
from ungeapi.youth import service
from ungeapi.youth.schemas import CprLookup, YouthCreate, YouthRead, YouthUpdate

router = APIRouter(prefix="/youth", tags=["youth"])

Vault = Annotated[CprVault, Depends(get_vault)]
Reader = Annotated[Ctx, Depends(context("youth:read", purpose="casework"))]
Writer = Annotated[Ctx, Depends(context("youth:write", purpose="casework"))]
Archiver = Annotated[Ctx, Depends(context("youth:archive", purpose="casework"))]


@router.post(
    "",
    status_code=201,
    response_model=YouthRead,
    responses=problems(400, 401, 403, 409, 422),
)
async def register_youth(
    request: Request,
    data: YouthCreate,
    ctx: Writer,
    session: Session,
    vault: Vault,
    idempotency_key: IdempotencyKey = None,
) -> JSONResponse:
    """Register a youth (opret ung)."""

    async def produce() -> tuple[YouthRead, dict[str, str]]:
        youth = await service.register_youth(session, ctx, data, vault=vault)
        return youth, {"Location": f"/v1/youth/{youth.id}", "ETag": etag(youth.version)}

    return await run_idempotent(request, session, ctx, idempotency_key, produce)


@router.get("", response_model=Page[YouthRead], responses=problems(400, 401, 403, 422))
async def list_youth(
    request: Request,
    response: Response,
    ctx: Reader,
    session: Session,
    vault: Vault,
    limit: Limit = 50,
    cursor: Cursor = None,
    age_min: Annotated[int | None, Query(ge=0, le=130, description="Minimum age (mindstealder).")] = None,
    age_max: Annotated[int | None, Query(ge=0, le=130, description="Maximum age (højestealder).")] = None,
    name: Annotated[
        str | None, Query(min_length=1, max_length=100, description="Start of a given or family name (navn).")
    ] = None,
    archived: Annotated[bool, Query(description="List archived youth instead (arkiverede).")] = False,
) -> Page[YouthRead]:
    """List the youth you may see (unge), oldest registration first."""
    items, next_cursor = await service.list_youth(
        session,
        ctx,
        vault=vault,
        limit=limit,
        cursor=cursor,
        age_min=age_min,
        age_max=age_max,
        name=name,
        archived=archived,
    )
    link_next(request, response, next_cursor)
    return Page[YouthRead](items=items, next_cursor=next_cursor)


@router.post("/lookup", response_model=YouthRead, responses=problems(401, 403, 404, 422))
async def lookup_youth(
    data: CprLookup, response: Response, ctx: Reader, session: Session, vault: Vault
) -> YouthRead:
    """Find a youth by CPR number (opslag på CPR-nummer); the number travels in the body only."""
    youth = await service.lookup_youth(session, ctx, data.cpr, vault=vault)
    response.headers["ETag"] = etag(youth.version)
    return youth


@router.get("/{youth_id}", response_model=YouthRead, responses=problems(401, 403, 404))
async def read_youth(
    youth_id: uuid.UUID, response: Response, ctx: Reader, session: Session, vault: Vault
) -> YouthRead:
    """Read one youth (læs ung)."""
    youth = await service.read_youth(session, ctx, youth_id, vault=vault)
    response.headers["ETag"] = etag(youth.version)
    return youth


@router.patch("/{youth_id}", response_model=YouthRead, responses=problems(401, 403, 404, 409, 412, 422, 428))
async def change_youth(
    youth_id: uuid.UUID,
    data: YouthUpdate,
    expected: IfMatch,
    response: Response,
    ctx: Writer,
    session: Session,
    vault: Vault,
) -> YouthRead:
    """Change a youth (ret ung); needs If-Match."""
    youth = await service.change_youth(session, ctx, youth_id, data, expected_version=expected, vault=vault)
    response.headers["ETag"] = etag(youth.version)
    return youth


@router.post(
    "/{youth_id}/archive", response_model=YouthRead, responses=problems(401, 403, 404, 409, 412, 428)
)
async def archive_youth(
    youth_id: uuid.UUID, expected: IfMatch, response: Response, ctx: Archiver, session: Session, vault: Vault
) -> YouthRead:
    """Archive a youth (arkivér ung); the record is kept, not deleted. Needs If-Match."""
    youth = await service.archive_youth(session, ctx, youth_id, expected_version=expected, vault=vault)
    response.headers["ETag"] = etag(youth.version)
    return youth

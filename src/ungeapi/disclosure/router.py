from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, Response

from ungeapi.core.context import Ctx, context
from ungeapi.core.db import Session
from ungeapi.core.openapi import problems
from ungeapi.core.pagination import Cursor, Limit, Page, link_next
from ungeapi.disclosure import service
from ungeapi.disclosure.schemas import DisclosureCreate, DisclosureRead

router = APIRouter(prefix="/disclosures", tags=["disclosures"])

Reader = Annotated[Ctx, Depends(context("disclosures:read", purpose="casework"))]
Writer = Annotated[Ctx, Depends(context("disclosures:write", purpose="disclosure"))]


@router.post("", status_code=201, response_model=DisclosureRead, responses=problems(400, 401, 403, 404, 422))
async def disclose(
    data: DisclosureCreate, response: Response, ctx: Writer, session: Session
) -> DisclosureRead:
    """Disclose a record's protected part to a department (videregivelse, forvaltningslovens § 28)."""
    read = await service.disclose(session, ctx, data)
    response.headers["Location"] = f"/v1/disclosures?youth_id={read.youth_id}"
    return read


@router.get("", response_model=Page[DisclosureRead], responses=problems(400, 401, 403, 404, 422))
async def list_disclosures(
    request: Request,
    response: Response,
    ctx: Reader,
    session: Session,
    limit: Limit = 50,
    cursor: Cursor = None,
    youth_id: Annotated[
        uuid.UUID | None, Query(description="Only this youth's disclosures (den unge).")
    ] = None,
) -> Page[DisclosureRead]:
    """List the recorded disclosures you may see (videregivelser), oldest first."""
    items, next_cursor = await service.list_disclosures(
        session, ctx, limit=limit, cursor=cursor, youth_id=youth_id
    )
    link_next(request, response, next_cursor)
    return Page[DisclosureRead](items=items, next_cursor=next_cursor)

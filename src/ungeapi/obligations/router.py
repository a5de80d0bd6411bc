from __future__ import annotations

import uuid
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Request, Response
from fastapi.responses import JSONResponse
from pydantic import Field

from ungeapi.core.context import Ctx, context
from ungeapi.core.db import Session
from ungeapi.core.idempotency import IdempotencyKey, run_idempotent
from ungeapi.core.messages import pick_language
from ungeapi.core.openapi import problems
from ungeapi.core.pagination import Cursor, Limit, Page, link_next
from ungeapi.obligations import service
from ungeapi.obligations.schemas import (
    KEY_DESCRIPTION,
    ObligationRead,
    ObligationResolutionRead,
    ObligationResolve,
)
from ungeapi.youth.service import visible_youth

router = APIRouter(tags=["obligations"])

Reader = Annotated[Ctx, Depends(context("obligations:read", purpose="worklist"))]
Resolver = Annotated[Ctx, Depends(context("obligations:resolve", purpose="worklist"))]
Kinds = Annotated[
    # max_length on the Query bounds the list; each kind is bounded by its own Field.
    list[Annotated[str, Field(max_length=60)]] | None,
    Query(alias="kind", max_length=20, description="Only these kinds, e.g. `guide.offer_due` (repeatable)."),
]
Department = Annotated[
    str | None, Query(max_length=20, description="Responsible department (ansvarlig afdeling).")
]
Responsible = Annotated[
    str | None,
    Query(max_length=200, description="A responsible person's `sub`; `me` for yourself (ansvarlig)."),
]
DueBefore = Annotated[date | None, Query(description="Only obligations due before this date (frist før).")]
AsOf = Annotated[
    date | None,
    Query(
        # Bounded: the rules compute birthdays from it, and a year 11 would be no day at all.
        ge=date(1900, 1, 1),
        le=date(2200, 12, 31),
        description="Compute the worklist as it stands on this date (default today, Europe/Copenhagen).",
    ),
]


@router.get("/obligations", response_model=Page[ObligationRead], responses=problems(400, 401, 403, 422))
async def list_obligations(
    request: Request,
    response: Response,
    ctx: Reader,
    session: Session,
    limit: Limit = 50,
    cursor: Cursor = None,
    kinds: Kinds = None,
    department: Department = None,
    responsible: Responsible = None,
    due_before: DueBefore = None,
    youth_id: Annotated[uuid.UUID | None, Query(description="Only this youth (den unge).")] = None,
    as_of: AsOf = None,
) -> Page[ObligationRead]:
    """The worklist (opgaveliste): what is due or overdue for the youth you may see, earliest first."""
    items, next_cursor = await service.list_obligations(
        session,
        ctx,
        pick_language(request.headers.get("accept-language")),
        today=as_of or ctx.today,
        limit=limit,
        cursor=cursor,
        kinds=kinds,
        department=department,
        responsible=ctx.principal.sub if responsible == "me" else responsible,
        due_before=due_before,
        youth_id=youth_id,
    )
    link_next(request, response, next_cursor)
    return Page[ObligationRead](items=items, next_cursor=next_cursor)


@router.get(
    "/youth/{youth_id}/obligations",
    response_model=Page[ObligationRead],
    responses=problems(400, 401, 403, 404, 422),
)
async def list_youth_obligations(
    youth_id: uuid.UUID,
    request: Request,
    response: Response,
    ctx: Reader,
    session: Session,
    limit: Limit = 50,
    cursor: Cursor = None,
    as_of: AsOf = None,
) -> Page[ObligationRead]:
    """One youth's open obligations (den unges forpligtelser)."""
    await visible_youth(session, ctx, youth_id)
    items, next_cursor = await service.list_obligations(
        session,
        ctx,
        pick_language(request.headers.get("accept-language")),
        today=as_of or ctx.today,
        limit=limit,
        cursor=cursor,
        kinds=None,
        department=None,
        responsible=None,
        due_before=None,
        youth_id=youth_id,
    )
    link_next(request, response, next_cursor)
    return Page[ObligationRead](items=items, next_cursor=next_cursor)


@router.post(
    "/obligations/{key}/resolve",
    status_code=201,
    response_model=ObligationResolutionRead,
    responses=problems(401, 403, 404, 409, 422),
)
async def resolve_obligation(
    request: Request,
    key: Annotated[str, Path(max_length=300, description=KEY_DESCRIPTION)],
    data: ObligationResolve,
    ctx: Resolver,
    session: Session,
    idempotency_key: IdempotencyKey = None,
) -> JSONResponse:
    """Resolve an obligation with a reason (afslut opgave, §8.2): it leaves the worklist."""
    lang = pick_language(request.headers.get("accept-language"))

    async def produce() -> tuple[ObligationResolutionRead, dict[str, str]]:
        resolution = await service.resolve(session, ctx, lang, key, data)
        return resolution, {}

    return await run_idempotent(request, session, ctx, idempotency_key, produce)

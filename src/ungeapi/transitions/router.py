from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.responses import JSONResponse

from ungeapi.core.concurrency import IfMatch, etag
from ungeapi.core.context import Ctx, context
from ungeapi.core.db import Session
from ungeapi.core.idempotency import IdempotencyKey, run_idempotent
from ungeapi.core.openapi import problems
from ungeapi.core.pagination import Cursor, Limit, Page, link_next
from ungeapi.transitions import service
from ungeapi.transitions.schemas import (
    TransitionFormCreate,
    TransitionFormRead,
    TransitionFormUpdate,
    TransitionFormVersionRead,
)

router = APIRouter(prefix="/transition-forms", tags=["transition forms"])

Reader = Annotated[Ctx, Depends(context("transition_forms:read", purpose="casework"))]
Writer = Annotated[Ctx, Depends(context("transition_forms:write", purpose="casework"))]


@router.post(
    "", status_code=201, response_model=TransitionFormRead, responses=problems(401, 403, 404, 409, 422)
)
async def create_form(
    request: Request,
    data: TransitionFormCreate,
    ctx: Writer,
    session: Session,
    idempotency_key: IdempotencyKey = None,
) -> JSONResponse:
    """Write a transition form (udfyld overgangsskema) for a youth you may see."""

    async def produce() -> tuple[TransitionFormRead, dict[str, str]]:
        form = await service.create_form(session, ctx, data)
        return form, {"Location": f"/v1/transition-forms/{form.id}", "ETag": etag(form.version)}

    return await run_idempotent(request, session, ctx, idempotency_key, produce)


@router.get("", response_model=Page[TransitionFormRead], responses=problems(400, 401, 403, 404, 422))
async def list_forms(
    request: Request,
    response: Response,
    ctx: Reader,
    session: Session,
    limit: Limit = 50,
    cursor: Cursor = None,
    youth_id: Annotated[uuid.UUID | None, Query(description="Only this youth's forms (den unge).")] = None,
) -> Page[TransitionFormRead]:
    """List transition forms you may see (overgangsskemaer)."""
    items, next_cursor = await service.list_forms(session, ctx, limit=limit, cursor=cursor, youth_id=youth_id)
    link_next(request, response, next_cursor)
    return Page[TransitionFormRead](items=items, next_cursor=next_cursor)


@router.get("/{form_id}", response_model=TransitionFormRead, responses=problems(401, 403, 404))
async def read_form(
    form_id: uuid.UUID, response: Response, ctx: Reader, session: Session
) -> TransitionFormRead:
    """Read one transition form."""
    form = await service.read_form(session, ctx, form_id)
    response.headers["ETag"] = etag(form.version)
    return form


@router.patch(
    "/{form_id}", response_model=TransitionFormRead, responses=problems(401, 403, 404, 412, 422, 428)
)
async def update_form(
    form_id: uuid.UUID,
    data: TransitionFormUpdate,
    expected: IfMatch,
    response: Response,
    ctx: Writer,
    session: Session,
) -> TransitionFormRead:
    """Update the form (opdatér overgangsskema); a new version, the old one stays readable."""
    form = await service.update_form(session, ctx, form_id, expected, data)
    response.headers["ETag"] = etag(form.version)
    return form


@router.get(
    "/{form_id}/versions",
    response_model=Page[TransitionFormVersionRead],
    responses=problems(400, 401, 403, 404, 422),
)
async def list_versions(
    form_id: uuid.UUID,
    request: Request,
    response: Response,
    ctx: Reader,
    session: Session,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> Page[TransitionFormVersionRead]:
    """The form's history (versioner), oldest first."""
    items, next_cursor = await service.list_versions(session, ctx, form_id, limit=limit, cursor=cursor)
    link_next(request, response, next_cursor)
    return Page[TransitionFormVersionRead](items=items, next_cursor=next_cursor)

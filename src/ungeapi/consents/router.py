from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.responses import JSONResponse

from ungeapi.consents import service
from ungeapi.consents.schemas import ConsentCreate, ConsentRead, ConsentRevoke, GiverAdd
from ungeapi.core.concurrency import IfMatch, etag
from ungeapi.core.context import Ctx, context
from ungeapi.core.db import Session
from ungeapi.core.idempotency import IdempotencyKey, run_idempotent
from ungeapi.core.openapi import problems
from ungeapi.core.pagination import Cursor, Limit, Page, link_next

router = APIRouter(prefix="/consents", tags=["consents"])

Reader = Annotated[Ctx, Depends(context("consents:read", purpose="casework"))]
Writer = Annotated[Ctx, Depends(context("consents:write", purpose="casework"))]
Revoker = Annotated[Ctx, Depends(context("consents:revoke", purpose="casework"))]


@router.post(
    "", status_code=201, response_model=ConsentRead, responses=problems(400, 401, 403, 404, 409, 422)
)
async def register_consent(
    request: Request,
    data: ConsentCreate,
    ctx: Writer,
    session: Session,
    idempotency_key: IdempotencyKey = None,
) -> JSONResponse:
    """Register a consent (registrér samtykke) to share named data with named departments."""

    async def produce() -> tuple[ConsentRead, dict[str, str]]:
        consent = await service.register_consent(session, ctx, data)
        return consent, {"Location": f"/v1/consents/{consent.id}", "ETag": etag(consent.version)}

    return await run_idempotent(request, session, ctx, idempotency_key, produce)


@router.get("", response_model=Page[ConsentRead], responses=problems(400, 401, 403, 404, 422))
async def list_consents(
    request: Request,
    response: Response,
    ctx: Reader,
    session: Session,
    limit: Limit = 50,
    cursor: Cursor = None,
    youth_id: Annotated[uuid.UUID | None, Query(description="Only this youth's consents (den unge).")] = None,
    department: Annotated[
        str | None, Query(max_length=20, description="Only consents naming this recipient (afdeling).")
    ] = None,
    in_force: Annotated[
        bool | None, Query(description="Only consents in force today (true) or not in force (false).")
    ] = None,
) -> Page[ConsentRead]:
    """List the consents you may see (samtykker), oldest first."""
    items, next_cursor = await service.list_consents(
        session, ctx, limit=limit, cursor=cursor, youth_id=youth_id, department=department, in_force=in_force
    )
    link_next(request, response, next_cursor)
    return Page[ConsentRead](items=items, next_cursor=next_cursor)


@router.get("/{consent_id}", response_model=ConsentRead, responses=problems(401, 403, 404))
async def read_consent(
    consent_id: uuid.UUID, response: Response, ctx: Reader, session: Session
) -> ConsentRead:
    """Read one consent (læs samtykke)."""
    consent = await service.read_consent(session, ctx, consent_id)
    response.headers["ETag"] = etag(consent.version)
    return consent


@router.post(
    "/{consent_id}/givers", response_model=ConsentRead, responses=problems(401, 403, 404, 409, 412, 422, 428)
)
async def add_giver(
    consent_id: uuid.UUID,
    data: GiverAdd,
    expected: IfMatch,
    response: Response,
    ctx: Writer,
    session: Session,
) -> ConsentRead:
    """Add a giver (tilføj samtykkegiver), e.g. the second custody holder; needs If-Match."""
    consent = await service.add_giver(session, ctx, consent_id, data, expected_version=expected)
    response.headers["ETag"] = etag(consent.version)
    return consent


@router.post(
    "/{consent_id}/revoke", response_model=ConsentRead, responses=problems(401, 403, 404, 409, 412, 422, 428)
)
async def revoke_consent(
    consent_id: uuid.UUID,
    expected: IfMatch,
    response: Response,
    ctx: Revoker,
    session: Session,
    data: ConsentRevoke | None = None,
) -> ConsentRead:
    """Revoke a consent (tilbagekald samtykke): it opens nothing from the next request on; needs If-Match.

    Recorded on the giver's side: by the department that registered the consent or owns the
    youth's record, the dpo or admin; a receiving department gets 403 `consent.not_giver_side`."""
    consent = await service.revoke_consent(
        session, ctx, consent_id, data.reason if data else None, expected_version=expected
    )
    response.headers["ETag"] = etag(consent.version)
    return consent

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import JSONResponse
from pydantic import Field

from ungeapi.consents import service
from ungeapi.consents.schemas import ConsentCreate, ConsentRead, ConsentRevoke, GiverAdd
from ungeapi.core.concurrency import IfMatch
from ungeapi.core.http import CHANGE_STATE, READ_ONE, READ_PAGE_OF, Call, call_as, filed
from ungeapi.core.idempotency import IdempotencyKey
from ungeapi.core.openapi import problems
from ungeapi.core.pagination import Page, PageQuery

router = APIRouter(prefix="/v1/consents", tags=["consents"])

Reader = Annotated[Call, call_as("consents:read", purpose="casework")]
Writer = Annotated[Call, call_as("consents:write", purpose="casework")]
Revoker = Annotated[Call, call_as("consents:revoke", purpose="casework")]


class ConsentsQuery(PageQuery):
    youth_id: uuid.UUID | None = Field(None, description="Only this youth's consents (den unge).")
    department: str | None = Field(
        None, max_length=20, description="Only consents naming this recipient (afdeling)."
    )
    in_force: bool | None = Field(
        None, description="Only consents in force today (true) or not in force (false)."
    )


@router.post(
    "", status_code=201, response_model=ConsentRead, responses=problems(400, 401, 403, 404, 409, 422)
)
async def register_consent(data: ConsentCreate, call: Writer, key: IdempotencyKey = None) -> JSONResponse:
    """Register a consent (registrér samtykke) to share named data with named departments."""
    return await call.create(key, filed("/v1/consents"), service.register_consent, data)


@router.get("", response_model=Page[ConsentRead], responses=READ_PAGE_OF)
async def list_consents(call: Reader, query: Annotated[ConsentsQuery, Query()]) -> Page[ConsentRead]:
    """List the consents you may see (samtykker), oldest first."""
    return call.page(ConsentRead, await call.run(service.list_consents, **vars(query)))


@router.get("/{consent_id}", response_model=ConsentRead, responses=READ_ONE)
async def read_consent(consent_id: uuid.UUID, call: Reader) -> ConsentRead:
    """Read one consent (læs samtykke)."""
    return call.with_etag(await call.run(service.read_consent, consent_id))


@router.post("/{consent_id}/givers", response_model=ConsentRead, responses=CHANGE_STATE)
async def add_giver(consent_id: uuid.UUID, data: GiverAdd, expected: IfMatch, call: Writer) -> ConsentRead:
    """Add a giver (tilføj samtykkegiver), e.g. the second custody holder; needs If-Match."""
    return call.with_etag(await call.run(service.add_giver, consent_id, data, expected_version=expected))


@router.post("/{consent_id}/revoke", response_model=ConsentRead, responses=CHANGE_STATE)
async def revoke_consent(
    consent_id: uuid.UUID, expected: IfMatch, call: Revoker, data: ConsentRevoke | None = None
) -> ConsentRead:
    """Revoke a consent (tilbagekald samtykke): it opens nothing from the next request on; needs If-Match.

    Recorded on the giver's side: by the department that registered the consent or owns the
    youth's record, the dpo or admin; a receiving department gets 403 `consent.not_giver_side`."""
    reason = data.reason if data else None
    return call.with_etag(
        await call.run(service.revoke_consent, consent_id, reason, expected_version=expected)
    )

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import JSONResponse
from pydantic import Field

from ungeapi.core.concurrency import IfMatch
from ungeapi.core.http import CHANGE_STATE, READ_ONE, Call, call_as, filed
from ungeapi.core.idempotency import IdempotencyKey
from ungeapi.core.openapi import problems
from ungeapi.core.pagination import Page, PageQuery
from ungeapi.core.vault import Vault
from ungeapi.youth import service
from ungeapi.youth.schemas import CprLookup, YouthCreate, YouthRead, YouthUpdate

router = APIRouter(prefix="/v1/youth", tags=["youth"])

Reader = Annotated[Call, call_as("youth:read", purpose="casework")]
Writer = Annotated[Call, call_as("youth:write", purpose="casework")]
Archiver = Annotated[Call, call_as("youth:archive", purpose="casework")]


class YouthQuery(PageQuery):
    age_min: int | None = Field(None, ge=0, le=130, description="Minimum age (mindstealder).")
    age_max: int | None = Field(None, ge=0, le=130, description="Maximum age (højestealder).")
    name: str | None = Field(
        None, min_length=1, max_length=100, description="Start of a given or family name (navn)."
    )
    archived: bool = Field(False, description="List archived youth instead (arkiverede).")


@router.post("", status_code=201, response_model=YouthRead, responses=problems(400, 401, 403, 409, 422))
async def register_youth(
    data: YouthCreate, call: Writer, vault: Vault, key: IdempotencyKey = None
) -> JSONResponse:
    """Register a youth (opret ung)."""
    return await call.create(key, filed("/v1/youth"), service.register_youth, data, vault=vault)


@router.get("", response_model=Page[YouthRead], responses=problems(400, 401, 403, 422))
async def list_youth(call: Reader, vault: Vault, query: Annotated[YouthQuery, Query()]) -> Page[YouthRead]:
    """List the youth you may see (unge), oldest registration first."""
    return call.page(YouthRead, await call.run(service.list_youth, vault=vault, **vars(query)))


@router.post("/lookup", response_model=YouthRead, responses=problems(401, 403, 404, 422))
async def lookup_youth(data: CprLookup, call: Reader, vault: Vault) -> YouthRead:
    """Find a youth by CPR number (opslag på CPR-nummer); the number travels in the body only."""
    return call.with_etag(await call.run(service.lookup_youth, data.cpr, vault=vault))


@router.get("/{youth_id}", response_model=YouthRead, responses=READ_ONE)
async def read_youth(youth_id: uuid.UUID, call: Reader, vault: Vault) -> YouthRead:
    """Read one youth (læs ung)."""
    return call.with_etag(await call.run(service.read_youth, youth_id, vault=vault))


@router.patch("/{youth_id}", response_model=YouthRead, responses=CHANGE_STATE)
async def change_youth(
    youth_id: uuid.UUID, data: YouthUpdate, expected: IfMatch, call: Writer, vault: Vault
) -> YouthRead:
    """Change a youth (ret ung); needs If-Match."""
    youth = await call.run(service.change_youth, youth_id, data, expected_version=expected, vault=vault)
    return call.with_etag(youth)


@router.post(
    "/{youth_id}/archive", response_model=YouthRead, responses=problems(401, 403, 404, 409, 412, 428)
)
async def archive_youth(youth_id: uuid.UUID, expected: IfMatch, call: Archiver, vault: Vault) -> YouthRead:
    """Archive a youth (arkivér ung); the record is kept, not deleted. Needs If-Match."""
    return call.with_etag(
        await call.run(service.archive_youth, youth_id, expected_version=expected, vault=vault)
    )

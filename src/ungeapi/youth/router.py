from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter
from pydantic import Field

from ungeapi.core.concurrency import IfMatch
from ungeapi.core.http import CHANGE_STATE, Call, call_as
from ungeapi.core.openapi import problems
from ungeapi.core.pagination import PageQuery
from ungeapi.core.routes import Collection
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


youth = Collection(router, YouthRead, "youth_id", reader=Reader, writer=Writer)
youth.create(
    "register_youth",
    YouthCreate,
    service.register_youth,
    "Register a youth (opret ung).",
    responses=problems(400, 401, 403, 409, 422),
    vault=Vault,
)
youth.page(
    "list_youth",
    YouthQuery,
    service.list_youth,
    "List the youth you may see (unge), oldest registration first.",
    responses=problems(400, 401, 403, 422),
    vault=Vault,
)


@router.post("/lookup", response_model=YouthRead, responses=problems(401, 403, 404, 422))
async def lookup_youth(data: CprLookup, call: Reader, vault: Vault) -> YouthRead:
    """Find a youth by CPR number (opslag på CPR-nummer); the number travels in the body only."""
    return call.with_etag(await call.run(service.lookup_youth, data.cpr, vault=vault))


youth.read("read_youth", service.read_youth, "Read one youth (læs ung).", vault=Vault)
youth.change(
    "change_youth",
    YouthUpdate,
    service.change_youth,
    "Change a youth (ret ung); needs If-Match.",
    responses=CHANGE_STATE,
    vault=Vault,
)


@router.post(
    "/{youth_id}/archive", response_model=YouthRead, responses=problems(401, 403, 404, 409, 412, 428)
)
async def archive_youth(youth_id: uuid.UUID, expected: IfMatch, call: Archiver, vault: Vault) -> YouthRead:
    """Archive a youth (arkivér ung); the record is kept, not deleted. Needs If-Match."""
    return call.with_etag(
        await call.run(service.archive_youth, youth_id, expected_version=expected, vault=vault)
    )

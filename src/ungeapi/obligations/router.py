from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Path, Query
from fastapi.responses import JSONResponse
from pydantic import Field

from ungeapi.core.fields import Day
from ungeapi.core.http import CREATE, READ_PAGE, READ_PAGE_OF, Call, call_as, sub_or_me
from ungeapi.core.idempotency import IdempotencyKey
from ungeapi.core.pagination import Page, PageQuery
from ungeapi.obligations import service
from ungeapi.obligations.schemas import (
    KEY_DESCRIPTION,
    ObligationRead,
    ObligationResolutionRead,
    ObligationResolve,
)
from ungeapi.youth.service import visible_youth

router = APIRouter(prefix="/v1", tags=["obligations"])

Reader = Annotated[Call, call_as("obligations:read", purpose="worklist")]
Resolver = Annotated[Call, call_as("obligations:resolve", purpose="worklist")]
Kinds = Annotated[
    # max_length on the Query bounds the list; each kind is bounded by its own Field.
    list[Annotated[str, Field(max_length=60)]] | None,
    Query(alias="kind", max_length=20, description="Only these kinds, e.g. `guide.offer_due` (repeatable)."),
]
AsOf = Annotated[
    # Bounded (Day): the rules compute birthdays from it, and a year 11 would be no day at all.
    Day | None,
    Query(
        description="Compute the worklist as it stands on this date (default today, Europe/Copenhagen).",
    ),
]
Key = Annotated[str, Path(max_length=300, description=KEY_DESCRIPTION)]


class ObligationsQuery(PageQuery):
    kinds: Kinds = None
    department: str | None = Field(
        None, max_length=20, description="Responsible department (ansvarlig afdeling)."
    )
    responsible: str | None = Field(
        None, max_length=200, description="A responsible person's `sub`; `me` for yourself (ansvarlig)."
    )
    due_before: Day | None = Field(None, description="Only obligations due before this date (frist før).")
    youth_id: uuid.UUID | None = Field(None, description="Only this youth (den unge).")
    as_of: AsOf = None


class YouthObligationsQuery(PageQuery):
    as_of: AsOf = None


@router.get("/obligations", response_model=Page[ObligationRead], responses=READ_PAGE)
async def list_obligations(call: Reader, query: Annotated[ObligationsQuery, Query()]) -> Page[ObligationRead]:
    """The worklist (opgaveliste): what is due or overdue for the youth you may see, earliest first."""
    filters = vars(query) | {"responsible": sub_or_me(call.ctx, query.responsible)}
    today = filters.pop("as_of") or call.ctx.today
    found = await call.run(service.list_obligations, call.language, today=today, **filters)
    return call.page(ObligationRead, found)


@router.get("/youth/{youth_id}/obligations", response_model=Page[ObligationRead], responses=READ_PAGE_OF)
async def list_youth_obligations(
    youth_id: uuid.UUID, call: Reader, query: Annotated[YouthObligationsQuery, Query()]
) -> Page[ObligationRead]:
    """One youth's open obligations (den unges forpligtelser)."""
    await call.run(visible_youth, youth_id)
    return await list_obligations(call, ObligationsQuery.model_construct(youth_id=youth_id, **vars(query)))


@router.post(
    "/obligations/{key}/resolve", status_code=201, response_model=ObligationResolutionRead, responses=CREATE
)
async def resolve_obligation(
    key: Key, data: ObligationResolve, call: Resolver, idempotency_key: IdempotencyKey = None
) -> JSONResponse:
    """Resolve an obligation with a reason (afslut opgave, §8.2): it leaves the worklist."""
    return await call.create(idempotency_key, None, service.resolve, call.language, key, data)

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import Field

from ungeapi.core.http import READ_PAGE_OF, Call, call_as
from ungeapi.core.openapi import problems
from ungeapi.core.pagination import Page, PageQuery
from ungeapi.disclosure import service
from ungeapi.disclosure.schemas import DisclosureCreate, DisclosureRead

router = APIRouter(prefix="/v1/disclosures", tags=["disclosures"])

Reader = Annotated[Call, call_as("disclosures:read", purpose="casework")]
Writer = Annotated[Call, call_as("disclosures:write", purpose="disclosure")]


class DisclosuresQuery(PageQuery):
    youth_id: uuid.UUID | None = Field(None, description="Only this youth's disclosures (den unge).")


@router.post("", status_code=201, response_model=DisclosureRead, responses=problems(400, 401, 403, 404, 422))
async def disclose(data: DisclosureCreate, call: Writer) -> DisclosureRead:
    """Disclose a record's protected part to a department (videregivelse, forvaltningslovens § 28)."""
    disclosure = await call.run(service.disclose, data)
    call.response.headers["Location"] = f"/v1/disclosures?youth_id={disclosure.youth_id}"
    return disclosure


@router.get("", response_model=Page[DisclosureRead], responses=READ_PAGE_OF)
async def list_disclosures(call: Reader, query: Annotated[DisclosuresQuery, Query()]) -> Page[DisclosureRead]:
    """List the recorded disclosures you may see (videregivelser), oldest first."""
    return call.page(DisclosureRead, await call.run(service.list_disclosures, **vars(query)))

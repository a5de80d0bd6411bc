from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Header, Path, Query
from pydantic import Field

from ungeapi.cases import service
from ungeapi.cases.schemas import CaseCreate, CaseKind, CaseRead, CaseUpdate, CaseUpsert
from ungeapi.core.concurrency import parse_if_match
from ungeapi.core.http import READ_PAGE_OF, Call, call_as
from ungeapi.core.openapi import problems
from ungeapi.core.pagination import Page, PageQuery
from ungeapi.core.routes import Collection
from ungeapi.core.url_guard import FOREIGN_ID
from ungeapi.core.vault import Vault

router = APIRouter(prefix="/v1/cases", tags=["cases"])
youth_cases_router = APIRouter(prefix="/v1/youth", tags=["cases"])

Reader = Annotated[Call, call_as("cases:read", purpose="casework")]
Writer = Annotated[Call, call_as("cases:write", purpose="casework")]
System = Annotated[str, Path(max_length=100, description="The journal system (kildesystem).")]
# Another system's key: ten digits there are its format, not a CPR number (core/url_guard.py).
ExternalId = Annotated[
    str, Path(max_length=200, description="The case's id there (journalnummer)."), FOREIGN_ID
]
LastSeen = Annotated[str | None, Header(description="Optional: the ETag you last saw; 412 if stale.")]
OpenOnly = Annotated[
    bool | None, Field(alias="open", description="Only open (true) or only closed (false) cases.")
]


class CasesQuery(PageQuery):
    youth_id: uuid.UUID | None = Field(None, description="Only this youth's cases (den unge).")
    department: str | None = Field(None, max_length=20, description="Department code (afdeling).")
    kind: CaseKind | None = Field(None, description="Kind of case (sagstype).")
    open_only: OpenOnly = None


class YouthCasesQuery(PageQuery):
    open_only: OpenOnly = None


cases = Collection(router, CaseRead, "case_id", reader=Reader, writer=Writer)
cases.create(
    "open_case",
    CaseCreate,
    service.open_case,
    "Open a case (opret sag) in one of your departments, for a youth your department takes on.",
    vault=Vault,
)
cases.page("list_cases", CasesQuery, service.list_cases, "List the cases you may see (sager), oldest first.")


@router.put(
    "/by-external/{system}/{external_id}",
    response_model=CaseRead,
    responses={201: {"description": "Created", "model": CaseRead}, **problems(401, 403, 404, 409, 412, 422)},
)
async def upsert_case_by_external(
    system: System, external_id: ExternalId, data: CaseUpsert, call: Writer, if_match: LastSeen = None
) -> CaseRead:
    """Create or replace a case by a journal system's own id (upsert); repeating it changes nothing."""
    expected = parse_if_match(if_match) if if_match else None
    case, made = await call.run(
        service.upsert_by_external, system, external_id, data, expected_version=expected
    )
    call.response.status_code = 201 if made else 200
    return call.with_etag(case, location=f"/v1/cases/{case.id}")


cases.read("read_case", service.read_case, "Read one case (læs sag).")
cases.change(
    "change_case", CaseUpdate, service.change_case, "Change a case (ret sag), e.g. close it; needs If-Match."
)


@youth_cases_router.get("/{youth_id}/cases", response_model=Page[CaseRead], responses=READ_PAGE_OF)
async def list_youth_cases(
    youth_id: uuid.UUID, call: Reader, query: Annotated[YouthCasesQuery, Query()]
) -> Page[CaseRead]:
    """List one youth's cases (den unges sager)."""
    return call.page(
        CaseRead,
        await call.run(service.list_cases, youth_id=youth_id, department=None, kind=None, **vars(query)),
    )

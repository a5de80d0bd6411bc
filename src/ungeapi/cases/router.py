from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Header, Path, Query
from fastapi.responses import JSONResponse

from ungeapi.cases import service
from ungeapi.cases.schemas import CaseCreate, CaseKind, CaseRead, CaseUpdate, CaseUpsert
from ungeapi.core.concurrency import IfMatch, parse_if_match
from ungeapi.core.http import CHANGE, CREATE, READ_ONE, READ_PAGE_OF, Call, call_as, filed
from ungeapi.core.idempotency import IdempotencyKey
from ungeapi.core.openapi import problems
from ungeapi.core.pagination import Cursor, Limit, Page
from ungeapi.core.url_guard import FOREIGN_ID
from ungeapi.core.vault import Vault

router = APIRouter(prefix="/v1/cases", tags=["cases"])
youth_cases_router = APIRouter(prefix="/v1/youth", tags=["cases"])

Reader = Annotated[Call, call_as("cases:read", purpose="casework")]
Writer = Annotated[Call, call_as("cases:write", purpose="casework")]
YouthId = Annotated[uuid.UUID | None, Query(description="Only this youth's cases (den unge).")]
Department = Annotated[str | None, Query(max_length=20, description="Department code (afdeling).")]
Kind = Annotated[CaseKind | None, Query(description="Kind of case (sagstype).")]
OpenOnly = Annotated[
    bool | None, Query(alias="open", description="Only open (true) or only closed (false) cases.")
]
System = Annotated[str, Path(max_length=100, description="The journal system (kildesystem).")]
# Another system's key: ten digits there are its format, not a CPR number (core/url_guard.py).
ExternalId = Annotated[
    str, Path(max_length=200, description="The case's id there (journalnummer)."), FOREIGN_ID
]
LastSeen = Annotated[str | None, Header(description="Optional: the ETag you last saw; 412 if stale.")]


@router.post("", status_code=201, response_model=CaseRead, responses=CREATE)
async def open_case(data: CaseCreate, call: Writer, vault: Vault, key: IdempotencyKey = None) -> JSONResponse:
    """Open a case (opret sag) in one of your departments, for a youth your department takes on."""
    return await call.create(key, filed("/v1/cases"), service.open_case, data, vault=vault)


@router.get("", response_model=Page[CaseRead], responses=READ_PAGE_OF)
async def list_cases(
    call: Reader,
    limit: Limit = 50,
    cursor: Cursor = None,
    youth_id: YouthId = None,
    department: Department = None,
    kind: Kind = None,
    open_only: OpenOnly = None,
) -> Page[CaseRead]:
    """List the cases you may see (sager), oldest first."""
    found = await call.run(
        service.list_cases,
        limit=limit,
        cursor=cursor,
        youth_id=youth_id,
        department=department,
        kind=kind,
        open_only=open_only,
    )
    return call.page(CaseRead, found)


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


@router.get("/{case_id}", response_model=CaseRead, responses=READ_ONE)
async def read_case(case_id: uuid.UUID, call: Reader) -> CaseRead:
    """Read one case (læs sag)."""
    return call.with_etag(await call.run(service.read_case, case_id))


@router.patch("/{case_id}", response_model=CaseRead, responses=CHANGE)
async def change_case(case_id: uuid.UUID, data: CaseUpdate, expected: IfMatch, call: Writer) -> CaseRead:
    """Change a case (ret sag), e.g. close it; needs If-Match."""
    return call.with_etag(await call.run(service.change_case, case_id, data, expected_version=expected))


@youth_cases_router.get("/{youth_id}/cases", response_model=Page[CaseRead], responses=READ_PAGE_OF)
async def list_youth_cases(
    youth_id: uuid.UUID, call: Reader, limit: Limit = 50, cursor: Cursor = None, open_only: OpenOnly = None
) -> Page[CaseRead]:
    """List one youth's cases (den unges sager)."""
    return await list_cases(call, limit, cursor, youth_id, open_only=open_only)

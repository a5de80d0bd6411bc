from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query
from pydantic import Field

from ungeapi.core.fields import Day
from ungeapi.core.http import READ_ONE, READ_PAGE, Call, call_as
from ungeapi.core.openapi import problems
from ungeapi.core.pagination import Page, PageQuery
from ungeapi.law import service
from ungeapi.law.schemas import LegalBasisRead
from ungeapi.law.vocabulary import Law

router = APIRouter(prefix="/v1/legal-bases", tags=["legal bases"])

Reader = Annotated[Call, call_as("legal_bases:read", purpose="legal basis lookup")]


class LegalBasesQuery(PageQuery):
    law: Law | None = Field(None, description="Only this law's §§ (lov).")
    valid_on: Day | None = Field(None, description="Only §§ in force on this day (gældende på dagen).")


@router.get("", response_model=Page[LegalBasisRead], responses=READ_PAGE)
async def list_legal_bases(call: Reader, query: Annotated[LegalBasesQuery, Query()]) -> Page[LegalBasisRead]:
    """List the legal-basis catalogue (hjemler), by id; filter by law and by the day in force."""
    return call.page(LegalBasisRead, await call.run(service.list_legal_bases, **vars(query)))


@router.get("/lookup", response_model=LegalBasisRead, responses=problems(401, 403, 422))
async def lookup_legal_basis(
    reference: Annotated[str, Query(min_length=1, max_length=50, description="As written, e.g. `BL § 46`.")],
    on: Annotated[Day, Query(description="The record's day (dato): the § must be in force then.")],
    call: Reader,
) -> LegalBasisRead:
    """Check a reference on a record's day (slå hjemmel op): the catalogue's entry, or 422 with the code."""
    return await call.run(service.look_up, reference, on)


@router.get("/{basis_id}", response_model=LegalBasisRead, responses=READ_ONE)
async def read_legal_basis(
    basis_id: Annotated[str, Path(max_length=40, pattern=r"^[a-z0-9-]+$")], call: Reader
) -> LegalBasisRead:
    """Read one § of the catalogue (hjemmel) with its title and period."""
    return await call.run(service.read_legal_basis, basis_id)

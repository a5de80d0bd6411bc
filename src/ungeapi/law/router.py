from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query
from pydantic import Field

from ungeapi.core.fields import Day
from ungeapi.core.http import READ_ONE, READ_PAGE, Call, call_as
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


@router.get("/{basis_id}", response_model=LegalBasisRead, responses=READ_ONE)
async def read_legal_basis(
    basis_id: Annotated[str, Path(max_length=40, pattern=r"^[a-z0-9-]+$")], call: Reader
) -> LegalBasisRead:
    """Read one § of the catalogue (hjemmel) with its title and period."""
    return await call.run(service.read_legal_basis, basis_id)

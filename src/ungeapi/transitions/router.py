from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import Field

from ungeapi.core.concurrency import IfMatch
from ungeapi.core.http import CHANGE, READ_PAGE_OF, Call, call_as
from ungeapi.core.openapi import problems
from ungeapi.core.pagination import Page, PageParams, PageQuery
from ungeapi.core.routes import Collection
from ungeapi.transitions import service
from ungeapi.transitions.forecast import TransitionForecast, transition_forecast
from ungeapi.transitions.schemas import (
    TransitionFormCreate,
    TransitionFormRead,
    TransitionFormUpdate,
    TransitionFormVersionRead,
)

router = APIRouter(prefix="/v1/transition-forms", tags=["transition forms"])
forecast_router = APIRouter(prefix="/v1/statistics", tags=["statistics"])

Reader = Annotated[Call, call_as("transition_forms:read", purpose="casework")]
Writer = Annotated[Call, call_as("transition_forms:write", purpose="casework")]
# The forecast is aggregate figures too: on the read replica when it is current enough.
Analyst = Annotated[Call, call_as("statistics:read", purpose="statistics", replica=True)]
Years = Annotated[int, Query(ge=1, le=20, description="How many years from this year on (antal år).")]


class FormsQuery(PageQuery):
    youth_id: uuid.UUID | None = Field(None, description="Only this youth's forms (den unge).")


forms = Collection(router, TransitionFormRead, "form_id", reader=Reader, writer=Writer)
forms.create(
    "create_form",
    TransitionFormCreate,
    service.create_form,
    "Write a transition form (udfyld overgangsskema) for a youth you may see.",
)
forms.page(
    "list_forms", FormsQuery, service.list_forms, "List transition forms you may see (overgangsskemaer)."
)
forms.read("read_form", service.read_form, "Read one transition form.")


@router.patch("/{form_id}", response_model=TransitionFormRead, responses=CHANGE)
async def update_form(
    form_id: uuid.UUID, data: TransitionFormUpdate, expected: IfMatch, call: Writer
) -> TransitionFormRead:
    """Update the form (opdatér overgangsskema); a new version, the old one stays readable."""
    return call.with_etag(await call.run(service.update_form, form_id, expected, data))


@router.get("/{form_id}/versions", response_model=Page[TransitionFormVersionRead], responses=READ_PAGE_OF)
async def list_versions(
    form_id: uuid.UUID, call: Reader, page: PageParams
) -> Page[TransitionFormVersionRead]:
    """The form's history (versioner), oldest first."""
    return call.page(TransitionFormVersionRead, await call.run(service.list_versions, form_id, **vars(page)))


@forecast_router.get(
    "/transition-forecast", response_model=TransitionForecast, responses=problems(401, 403, 422)
)
async def read_transition_forecast(call: Analyst, years: Years = 5) -> TransitionForecast:
    """The adult area's forecast: youth turning 18 per year with a transition form, and their costs.

    A sum that fewer than 5 youth contribute to is suppressed (cost null, suppressed true), and a
    further category when the suppressed ones could otherwise be computed from the total."""
    return await call.run(transition_forecast, years)

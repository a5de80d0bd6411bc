"""The adult area's forecast from the transition forms (R17/R21): per year, the youth turning 18
with a form and the sums of their expected yearly costs, by category and by expected need.

Computed in SQL over the caller's municipality (row-level security), from each youth's latest form.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from ungeapi.core import audit
from ungeapi.core.context import Ctx, context
from ungeapi.core.db import Session
from ungeapi.core.openapi import problems
from ungeapi.transitions.schemas import ExpectedNeeds

NEEDS = tuple(ExpectedNeeds.model_fields)

FORECAST = """
WITH latest AS (
    SELECT DISTINCT ON (f.youth_id) f.youth_id, f.needs, f.yearly_costs,
           extract(year FROM ungeapi_date_turning(y.birth_date, 18))::int AS year
    FROM transition_form f JOIN youth y ON y.id = f.youth_id
    WHERE y.archived_at IS NULL
      AND y.birth_date >= make_date(:first - 19, 1, 1)
      AND y.birth_date < make_date(:last - 17, 1, 1)
    ORDER BY f.youth_id, f.updated_on DESC, f.updated_at DESC, f.id DESC
), scoped AS (
    SELECT *, coalesce((SELECT sum(value::numeric) FROM jsonb_each_text(yearly_costs)), 0) AS total
    FROM latest WHERE year BETWEEN :first AND :last
)
SELECT year, 'total' AS part, NULL AS key, count(*) AS youth, coalesce(sum(total), 0) AS cost
FROM scoped GROUP BY year
UNION ALL
SELECT year, 'category', c.key, NULL, sum(c.value::numeric)
FROM scoped, jsonb_each_text(yearly_costs) AS c GROUP BY year, c.key
UNION ALL
SELECT year, 'need', n.key, count(*), sum(total)
FROM scoped, jsonb_each(needs) AS n WHERE n.value = 'true'::jsonb GROUP BY year, n.key
ORDER BY 1, 2, 3
"""


class CategoryCost(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"category": "housing_support", "cost": 360000}]}
    )

    category: str = Field(description="Cost category (udgiftskategori).")
    cost: int = Field(description="Sum of expected yearly costs in DKK (forventet årlig udgift).")


class NeedCost(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"need": "housing_support", "youth": 2, "cost": 610000}]}
    )

    need: str = Field(description="Expected need (forventet behov), as in the form's `needs`.")
    youth: int = Field(description="Youth with this need (antal unge).")
    cost: int = Field(description="Their expected yearly costs in DKK, all categories (udgift).")


class ForecastYear(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "year": 2027,
                    "youth": 3,
                    "cost": 890000,
                    "by_category": [{"category": "housing_support", "cost": 360000}],
                    "by_need": [{"need": "housing_support", "youth": 2, "cost": 610000}],
                }
            ]
        }
    )

    year: int = Field(description="Calendar year the youth turn 18 (år).")
    youth: int = Field(description="Youth turning 18 that year with a transition form (antal unge).")
    cost: int = Field(description="Sum of their expected yearly costs in DKK (samlet forventet udgift).")
    by_category: list[CategoryCost] = Field(description="Costs by category (pr. kategori).")
    by_need: list[NeedCost] = Field(description="Youth and costs by expected need (pr. behov).")


class TransitionForecast(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "as_of": "2026-11-23",
                    "years": [
                        {"year": 2026, "youth": 0, "cost": 0, "by_category": [], "by_need": []},
                    ],
                }
            ]
        }
    )

    as_of: date = Field(description="Computed on (opgjort).")
    years: list[ForecastYear] = Field(description="One entry per year, from this year on (pr. år).")


async def transition_forecast(session: AsyncSession, ctx: Ctx, years: int) -> TransitionForecast:
    first, last = ctx.today.year, ctx.today.year + years - 1
    params = {"first": first, "last": last}
    totals: dict[int, tuple[int, int]] = {}
    categories: dict[int, list[CategoryCost]] = {}
    needs: dict[int, list[NeedCost]] = {}
    for r in await session.execute(text(FORECAST), params):
        year = int(r.year)
        if r.part == "total":
            totals[year] = (int(r.youth), int(r.cost))
        elif r.part == "category":
            categories.setdefault(year, []).append(CategoryCost(category=r.key, cost=int(r.cost)))
        else:
            needs.setdefault(year, []).append(NeedCost(need=r.key, youth=int(r.youth), cost=int(r.cost)))
    await audit.record(
        session,
        ctx,
        action="statistics",
        resource_type="statistics",
        detail={"figure": "transition_forecast"},
    )
    return TransitionForecast(
        as_of=ctx.today,
        years=[
            ForecastYear(
                year=year,
                youth=totals.get(year, (0, 0))[0],
                cost=totals.get(year, (0, 0))[1],
                by_category=categories.get(year, []),
                by_need=[n for n in needs.get(year, []) if n.need in NEEDS],
            )
            for year in range(first, last + 1)
        ],
    )


router = APIRouter(prefix="/statistics", tags=["statistics"])

Reader = Annotated[Ctx, Depends(context("statistics:read", purpose="statistics"))]


@router.get("/transition-forecast", response_model=TransitionForecast, responses=problems(401, 403, 422))
async def read_transition_forecast(
    ctx: Reader,
    session: Session,
    years: Annotated[int, Query(ge=1, le=20, description="How many years from this year on (antal år).")] = 5,
) -> TransitionForecast:
    """The adult area's forecast: youth turning 18 per year with a transition form, and their costs."""
    return await transition_forecast(session, ctx, years)

"""The adult area's forecast from the transition forms (R17/R21): per year, the youth turning 18
with a form and the sums of their expected yearly costs, by category and by expected need.

Computed in SQL over the caller's municipality (row-level security), from each youth's latest form.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import BaseModel, Field
from sqlalchemy.ext.asyncio import AsyncSession

from ungeapi.core import audit
from ungeapi.core.context import Ctx
from ungeapi.core.schemas import answer_config
from ungeapi.transitions import repository
from ungeapi.transitions.rules import SMALL_CELL, is_small_cell, suppressed_categories
from ungeapi.transitions.schemas import ExpectedNeeds

NEEDS = tuple(ExpectedNeeds.model_fields)

SUPPRESSED = (
    "Small-cell suppression (diskretionering): true when fewer than 5 youth contribute to the sum "
    "(then `cost` is null), so one youth's cost cannot be read off; a category may also be "
    "suppressed so the suppressed ones cannot be computed from the year's total."
)



def _cost(what: str) -> Any:
    """A sum of costs, which small-cell suppression may withhold (SUPPRESSED)."""
    return Field(description=f"{what}; null when suppressed.")


class CategoryCost(BaseModel):
    model_config = answer_config(
        {"category": "housing_support", "youth": 6, "cost": 360000, "suppressed": False}
    )

    category: str = Field(description="Cost category (udgiftskategori).")
    youth: int = Field(description="Youth with a cost in this category (antal unge).")
    cost: int | None = _cost("Sum of expected yearly costs in DKK (forventet årlig udgift)")
    suppressed: bool = Field(description=SUPPRESSED)


class NeedCost(BaseModel):
    model_config = answer_config(
        {"need": "housing_support", "youth": 7, "cost": 610000, "suppressed": False}
    )

    need: str = Field(description="Expected need (forventet behov), as in the form's `needs`.")
    youth: int = Field(description="Youth with this need (antal unge).")
    cost: int | None = _cost("Their expected yearly costs in DKK, all categories (udgift)")
    suppressed: bool = Field(description=SUPPRESSED)


class ForecastYear(BaseModel):
    model_config = answer_config(
        {
            "year": 2027,
            "youth": 8,
            "cost": 890000,
            "suppressed": False,
            "by_category": [
                {"category": "housing_support", "youth": 6, "cost": 360000, "suppressed": False},
                {"category": "stu", "youth": 1, "cost": None, "suppressed": True},
            ],
            "by_need": [{"need": "housing_support", "youth": 7, "cost": 610000, "suppressed": False}],
        }
    )

    year: int = Field(description="Calendar year the youth turn 18 (år).")
    youth: int = Field(description="Youth turning 18 that year with a transition form (antal unge).")
    cost: int | None = _cost("Sum of their expected yearly costs in DKK (samlet udgift)")
    suppressed: bool = Field(description=SUPPRESSED)
    by_category: list[CategoryCost] = Field(description="Costs by category (pr. kategori).")
    by_need: list[NeedCost] = Field(description="Youth and costs by expected need (pr. behov).")


class TransitionForecast(BaseModel):
    model_config = answer_config(
        {
            "as_of": "2026-11-23",
            "years": [
                {"year": 2026, "youth": 0, "cost": 0, "suppressed": False, "by_category": [], "by_need": []}
            ],
        }
    )

    as_of: date = Field(description="Computed on (opgjort).")
    years: list[ForecastYear] = Field(description="One entry per year, from this year on (pr. år).")


async def transition_forecast(session: AsyncSession, ctx: Ctx, years: int) -> TransitionForecast:
    """The forecast with small-cell suppression (rules.is_small_cell, rules.suppressed_categories)."""
    first, last = ctx.today.year, ctx.today.year + years - 1
    totals: dict[int, tuple[int, int, int]] = {}
    categories: dict[int, list[tuple[str, int, int]]] = {}
    needs: dict[int, list[NeedCost]] = {}
    small_union: dict[int, int] = {}
    for r in await repository.forecast_rows(session, first, last, SMALL_CELL):
        year = int(r.year)
        if r.part == "total":
            totals[year] = (int(r.youth), int(r.contributors), int(r.cost))
        elif r.part == "category":
            categories.setdefault(year, []).append((r.key, int(r.contributors), int(r.cost)))
        elif r.part == "small_union":
            small_union[year] = int(r.youth)
        elif r.key in NEEDS:
            small = is_small_cell(int(r.contributors))
            needs.setdefault(year, []).append(
                NeedCost(
                    need=r.key, youth=int(r.youth), cost=None if small else int(r.cost), suppressed=small
                )
            )
    await audit.record(
        session,
        ctx,
        action="statistics",
        resource_type="statistics",
        detail={"figure": "transition_forecast"},
    )
    result = []
    for year in range(first, last + 1):
        youth, contributors, cost = totals.get(year, (0, 0, 0))
        total_hidden = is_small_cell(contributors)
        cells = categories.get(year, [])
        hidden = suppressed_categories(
            {c: n for c, n, _ in cells}, small_union.get(year, 0), not total_hidden
        )
        result.append(
            ForecastYear(
                year=year,
                youth=youth,
                cost=None if total_hidden else cost,
                suppressed=total_hidden,
                by_category=[
                    CategoryCost(category=c, youth=n, cost=None if c in hidden else v, suppressed=c in hidden)
                    for c, n, v in cells
                ],
                by_need=needs.get(year, []),
            )
        )
    return TransitionForecast(as_of=ctx.today, years=result)

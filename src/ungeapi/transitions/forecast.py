"""The adult area's forecast from the transition forms (R17/R21): per year, the youth turning 18
with a form and the sums of their expected yearly costs, by category and by expected need.

Computed in SQL over the caller's municipality (row-level security), from each youth's latest form.
"""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from ungeapi.core import audit
from ungeapi.core.context import Ctx
from ungeapi.transitions.rules import SMALL_CELL, is_small_cell, suppressed_categories
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
), categories AS (
    SELECT s.year, s.youth_id, c.key, c.value::numeric AS cost
    FROM scoped s, jsonb_each_text(s.yearly_costs) AS c
), category_cells AS (
    SELECT year, key, count(*) FILTER (WHERE cost > 0) AS contributors, sum(cost) AS cost
    FROM categories GROUP BY year, key
)
SELECT year, 'total' AS part, NULL AS key, count(*) AS youth,
       count(*) FILTER (WHERE total > 0) AS contributors, coalesce(sum(total), 0) AS cost
FROM scoped GROUP BY year
UNION ALL
SELECT year, 'category', key, contributors, contributors, cost FROM category_cells
UNION ALL
SELECT year, 'need', n.key, count(*), count(*) FILTER (WHERE total > 0), sum(total)
FROM scoped, jsonb_each(needs) AS n WHERE n.value = 'true'::jsonb GROUP BY year, n.key
UNION ALL
SELECT c.year, 'small_union', NULL, count(DISTINCT c.youth_id), count(DISTINCT c.youth_id), 0
FROM categories c JOIN category_cells cc ON cc.year = c.year AND cc.key = c.key
WHERE c.cost > 0 AND cc.contributors > 0 AND cc.contributors < :k
GROUP BY c.year
ORDER BY 1, 2, 3
"""


SUPPRESSED = (
    "Small-cell suppression (diskretionering): true when fewer than 5 youth contribute to the sum "
    "(then `cost` is null), so one youth's cost cannot be read off; a category may also be "
    "suppressed so the suppressed ones cannot be computed from the year's total."
)


class CategoryCost(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"category": "housing_support", "youth": 6, "cost": 360000, "suppressed": False}]
        }
    )

    category: str = Field(description="Cost category (udgiftskategori).")
    youth: int = Field(description="Youth with a cost in this category (antal unge).")
    cost: int | None = Field(
        description="Sum of expected yearly costs in DKK (forventet årlig udgift); null when suppressed."
    )
    suppressed: bool = Field(description=SUPPRESSED)


class NeedCost(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"need": "housing_support", "youth": 7, "cost": 610000, "suppressed": False}]
        }
    )

    need: str = Field(description="Expected need (forventet behov), as in the form's `needs`.")
    youth: int = Field(description="Youth with this need (antal unge).")
    cost: int | None = Field(
        description="Their expected yearly costs in DKK, all categories (udgift); null when suppressed."
    )
    suppressed: bool = Field(description=SUPPRESSED)


class ForecastYear(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
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
            ]
        }
    )

    year: int = Field(description="Calendar year the youth turn 18 (år).")
    youth: int = Field(description="Youth turning 18 that year with a transition form (antal unge).")
    cost: int | None = Field(
        description="Sum of their expected yearly costs in DKK (samlet udgift); null when suppressed."
    )
    suppressed: bool = Field(description=SUPPRESSED)
    by_category: list[CategoryCost] = Field(description="Costs by category (pr. kategori).")
    by_need: list[NeedCost] = Field(description="Youth and costs by expected need (pr. behov).")


class TransitionForecast(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "as_of": "2026-11-23",
                    "years": [
                        {
                            "year": 2026,
                            "youth": 0,
                            "cost": 0,
                            "suppressed": False,
                            "by_category": [],
                            "by_need": [],
                        },
                    ],
                }
            ]
        }
    )

    as_of: date = Field(description="Computed on (opgjort).")
    years: list[ForecastYear] = Field(description="One entry per year, from this year on (pr. år).")


async def transition_forecast(session: AsyncSession, ctx: Ctx, years: int) -> TransitionForecast:
    """The forecast with small-cell suppression (rules.is_small_cell, rules.suppressed_categories)."""
    first, last = ctx.today.year, ctx.today.year + years - 1
    params = {"first": first, "last": last, "k": SMALL_CELL}
    totals: dict[int, tuple[int, int, int]] = {}
    categories: dict[int, list[tuple[str, int, int]]] = {}
    needs: dict[int, list[NeedCost]] = {}
    small_union: dict[int, int] = {}
    for r in await session.execute(text(FORECAST), params):
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

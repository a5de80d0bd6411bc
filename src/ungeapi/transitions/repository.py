"""Every query about transition forms, scoped through the youth they belong to, and the
forecast's figures over the municipality."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncSession

from ungeapi.access import YouthRecords
from ungeapi.models import TransitionForm, TransitionFormVersion

RESOURCE = "transition_form"


RECORDS = YouthRecords(TransitionForm, RESOURCE)
visible, get, find, read_one = RECORDS.visible, RECORDS.get, RECORDS.find, RECORDS.read_one


# Ordered by id alone (the cursor holds only the id): the id is the key and its own tie-break.
PAGE = RECORDS.page(TransitionForm.id)


async def versions_page(
    session: AsyncSession, form_id: uuid.UUID, *, limit: int, after: int | None
) -> list[TransitionFormVersion]:
    """The form's versions oldest first; one more than `limit` when a next page exists."""
    query = select(TransitionFormVersion).where(TransitionFormVersion.form_id == form_id)
    if after is not None:
        query = query.where(TransitionFormVersion.number > after)
    query = query.order_by(TransitionFormVersion.number).limit(limit + 1)
    return list((await session.execute(query)).scalars())


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


async def forecast_rows(session: AsyncSession, first: int, last: int, small_cell: int) -> list[Any]:
    """Per year from `first` to `last`: the total, each cost category, each expected need and the
    youth in a small category cell (`part`, `key`, `youth`, `contributors`, `cost`), from each
    youth's latest form; over the municipality (row-level security)."""
    params = {"first": first, "last": last, "k": small_cell}
    return list(await session.execute(text(FORECAST), params))


DISABILITY_BY_YEAR = """
SELECT extract(year FROM ungeapi_date_turning(y.birth_date, 18))::int AS year,
       count(*) AS youth,
       count(*) FILTER (WHERE EXISTS (
           SELECT 1 FROM disability_transition_assessment d
           WHERE d.youth_id = y.id AND d.completed_on IS NOT NULL
       )) AS completed
FROM youth y
WHERE y.archived_at IS NULL
  AND extract(year FROM ungeapi_date_turning(y.birth_date, 18)) BETWEEN :first AND :last
  AND EXISTS (
      SELECT 1 FROM youth_case c
      WHERE c.youth_id = y.id AND c.kind = 'disability' AND c.substantial_permanent_disability
        AND c.closed_on IS NULL
  )
GROUP BY 1
"""


async def disability_by_year(session: AsyncSession, first: int, last: int) -> dict[int, tuple[int, int]]:
    """R21 per year the youth turn 18, over the municipality (row-level security): the youth with an
    open disability case marked substantial and permanent, and those with a completed assessment."""
    rows = await session.execute(text(DISABILITY_BY_YEAR), {"first": first, "last": last})
    return {int(r.year): (int(r.youth), int(r.completed)) for r in rows}

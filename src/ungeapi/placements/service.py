"""Use cases of the placed youth's records: youth plans (R19) and aftercare decisions (R20).

Recording one satisfies its obligation (placements/obligations.py). Both are written by the
authority's caseworker (cases:write) for a youth they may see, and read like cases.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar

from pydantic import BaseModel
from sqlalchemy.ext.asyncio import AsyncSession

from ungeapi.cases.service import visible_case
from ungeapi.core.changes import Ledger
from ungeapi.core.context import Ctx
from ungeapi.core.event_dates import check_event_date
from ungeapi.core.reads import KeysetPage, Row
from ungeapi.core.schemas import from_row, to_row
from ungeapi.disclosure.screen import screen, screen_one
from ungeapi.models import AftercareDecision, YouthPlan
from ungeapi.placements import repository, rules
from ungeapi.placements.errors import (
    AftercareDecisionNotFound,
    CaseNotOfYouth,
    SupportUntilInvalid,
    YouthPlanNotFound,
)
from ungeapi.placements.repository import AFTERCARE_DECISION, YOUTH_PLAN, Record
from ungeapi.placements.schemas import (
    AftercareDecisionCreate,
    AftercareDecisionRead,
    AftercareDecisionUpdate,
    YouthPlanCreate,
    YouthPlanRead,
    YouthPlanUpdate,
)
from ungeapi.transitions.schemas import Author
from ungeapi.youth.service import check_age_window, writable_youth, youth_records_page

M = TypeVar("M", bound=BaseModel)

# A null sent for one of these leaves it as it is (as cases and offers do); a null for the
# other fields clears them.
YOUTH_PLAN_REQUIRED = ("made_on", "youth_involved", "parents_involved", "goals")
AFTERCARE_REQUIRED = ("decided_on", "outcome")
YOUTH_PLANS, AFTERCARE_DECISIONS = Ledger(YOUTH_PLAN), Ledger(AFTERCARE_DECISION)


def _author(row: YouthPlan | AftercareDecision | Row) -> Author:
    return from_row(Author, row, prefix="author_")


def youth_plan_read(row: YouthPlan | Row) -> YouthPlanRead:
    return from_row(YouthPlanRead, row, author=_author(row))


def aftercare_read(row: AftercareDecision | Row) -> AftercareDecisionRead:
    return from_row(AftercareDecisionRead, row, author=_author(row))


async def _checked(
    session: AsyncSession, ctx: Ctx, youth_id: uuid.UUID, case_id: uuid.UUID | None, field: str, day: date
) -> str:
    """The youth is visible (else 404), the case is theirs, the day (`field`) is not in the
    future (§8.1, date.in_future like every other event date). Returns the youth's municipality."""
    youth = await writable_youth(session, ctx, youth_id)
    await check_age_window(session, ctx, youth.birth_date)
    check_event_date(field, day, today=ctx.today)
    if case_id is not None:
        case = await visible_case(session, ctx, case_id)
        if case is None or case.youth_id != youth.id:
            raise CaseNotOfYouth()
    return youth.municipality_code


async def record_youth_plan(session: AsyncSession, ctx: Ctx, data: YouthPlanCreate) -> YouthPlanRead:
    """R19: record that the youth plan was made (satisfies `youth_plan.due`)."""
    made_on = data.made_on or ctx.today
    municipality = await _checked(session, ctx, data.youth_id, data.case_id, "made_on", made_on)
    row = to_row(YouthPlan, data, municipality_code=municipality, made_on=made_on, **ctx.as_actor("author"))
    await YOUTH_PLANS.added(session, ctx, row)
    return await screen_one(session, ctx, YOUTH_PLAN, youth_plan_read(row))


async def record_aftercare_decision(
    session: AsyncSession, ctx: Ctx, data: AftercareDecisionCreate
) -> AftercareDecisionRead:
    """R20: record the decision on support after 18 (satisfies `aftercare.decision_due`)."""
    decided_on = data.decided_on or ctx.today
    municipality = await _checked(session, ctx, data.youth_id, data.case_id, "decided_on", decided_on)
    _check_decision(data.outcome, decided_on, data.support_until, data.youth_plan_revised_on, ctx.today)
    author = ctx.as_actor("author")
    row = to_row(AftercareDecision, data, municipality_code=municipality, decided_on=decided_on, **author)
    await AFTERCARE_DECISIONS.added(session, ctx, row)
    return await screen_one(session, ctx, AFTERCARE_DECISION, aftercare_read(row))


def _check_decision(
    outcome: str, decided_on: date, support_until: date | None, revised_on: date | None, today: date
) -> None:
    """R20 on a decision's own values: support_until with a grant after the decision, the
    youth plan's revision not in the future."""
    if not rules.support_until_valid(outcome, decided_on, support_until):
        raise SupportUntilInvalid()
    check_event_date("youth_plan_revised_on", revised_on, today=today)


def _changes(data: BaseModel, required: tuple[str, ...]) -> dict[str, Any]:
    """The fields sent, without a null for a required field (that leaves the field)."""
    changes = data.model_dump(exclude_unset=True)
    return {field: value for field, value in changes.items() if value is not None or field not in required}


async def _corrected(
    session: AsyncSession, ctx: Ctx, row: Record, ledger: Ledger, changes: dict[str, Any]
) -> Record:
    for field, value in changes.items():
        setattr(row, field, value)
    await ledger.saved(session, ctx, row, detail={"fields": sorted(changes)})
    return row


async def correct_youth_plan(
    session: AsyncSession, ctx: Ctx, plan_id: uuid.UUID, data: YouthPlanUpdate, *, expected_version: int
) -> YouthPlanRead:
    """Correct a youth plan (If-Match); the merged result is checked as on recording (R19)."""
    row = await repository.locked(session, ctx, YouthPlan, plan_id, YouthPlanNotFound, expected_version)
    changes = _changes(data, YOUTH_PLAN_REQUIRED)
    await _checked(
        session,
        ctx,
        row.youth_id,
        changes.get("case_id", row.case_id),
        "made_on",
        changes.get("made_on", row.made_on),
    )
    read = youth_plan_read(await _corrected(session, ctx, row, YOUTH_PLANS, changes))
    return await screen_one(session, ctx, YOUTH_PLAN, read)


async def correct_aftercare_decision(
    session: AsyncSession,
    ctx: Ctx,
    decision_id: uuid.UUID,
    data: AftercareDecisionUpdate,
    *,
    expected_version: int,
) -> AftercareDecisionRead:
    """Correct a decision on support after 18 (If-Match); the merged result is checked as on
    recording (R20)."""
    missing = AftercareDecisionNotFound
    row = await repository.locked(session, ctx, AftercareDecision, decision_id, missing, expected_version)
    changes = _changes(data, AFTERCARE_REQUIRED)
    decided_on = changes.get("decided_on", row.decided_on)
    await _checked(session, ctx, row.youth_id, changes.get("case_id", row.case_id), "decided_on", decided_on)
    _check_decision(
        changes.get("outcome", row.outcome),
        decided_on,
        changes.get("support_until", row.support_until),
        changes.get("youth_plan_revised_on", row.youth_plan_revised_on),
        ctx.today,
    )
    read = aftercare_read(await _corrected(session, ctx, row, AFTERCARE_DECISIONS, changes))
    return await screen_one(session, ctx, AFTERCARE_DECISION, read)


async def read_youth_plan(session: AsyncSession, ctx: Ctx, plan_id: uuid.UUID) -> YouthPlanRead:
    row = await repository.read_one(session, ctx, YouthPlan, plan_id)
    if row is None:
        raise YouthPlanNotFound()
    return await screen_one(session, ctx, YOUTH_PLAN, youth_plan_read(row))


async def read_aftercare_decision(
    session: AsyncSession, ctx: Ctx, decision_id: uuid.UUID
) -> AftercareDecisionRead:
    row = await repository.read_one(session, ctx, AftercareDecision, decision_id)
    if row is None:
        raise AftercareDecisionNotFound()
    return await screen_one(session, ctx, AFTERCARE_DECISION, aftercare_read(row))


async def _screened_page(
    session: AsyncSession,
    ctx: Ctx,
    page: KeysetPage,
    resource: str,
    read: Callable[[Any], M],
    limit: int,
    cursor: str | None,
    youth_id: uuid.UUID | None,
) -> tuple[list[M], str | None]:
    rows, next_cursor = await youth_records_page(session, ctx, page, limit, cursor, youth_id=youth_id)
    return await screen(session, ctx, resource, [read(r) for r in rows]), next_cursor


async def list_youth_plans(
    session: AsyncSession, ctx: Ctx, *, limit: int, cursor: str | None, youth_id: uuid.UUID | None
) -> tuple[list[YouthPlanRead], str | None]:
    """Oldest first by `made_on`."""
    return await _screened_page(
        session, ctx, repository.YOUTH_PLANS, YOUTH_PLAN, youth_plan_read, limit, cursor, youth_id
    )


async def list_aftercare_decisions(
    session: AsyncSession, ctx: Ctx, *, limit: int, cursor: str | None, youth_id: uuid.UUID | None
) -> tuple[list[AftercareDecisionRead], str | None]:
    """Oldest first by `decided_on`."""
    return await _screened_page(
        session,
        ctx,
        repository.AFTERCARE_DECISIONS,
        AFTERCARE_DECISION,
        aftercare_read,
        limit,
        cursor,
        youth_id,
    )

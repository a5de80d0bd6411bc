"""Use cases of education orders (uddannelsespålæg, LAB § 30, R24) at the jobcentre.

Recording an assessment satisfies education_order.assessment_due for its case; an order's
deadlines are education_order.proposal_due and .application_due until the youth's proposal and
application are recorded (education_orders/obligations.py). Written by the caseworker
(cases:write) for a youth they may write about, and read like cases.
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from ungeapi.cases.service import visible_case
from ungeapi.core.changes import Ledger
from ungeapi.core.context import Ctx
from ungeapi.core.event_dates import check_event_date
from ungeapi.core.reads import Row
from ungeapi.core.schemas import from_row, to_row
from ungeapi.education_orders import repository, rules
from ungeapi.education_orders.errors import CaseNotOfYouth, EducationOrderNotFound
from ungeapi.education_orders.schemas import EducationOrderCreate, EducationOrderRead, EducationOrderUpdate
from ungeapi.models import EducationOrder
from ungeapi.municipality.service import get_policy
from ungeapi.transitions.schemas import Author
from ungeapi.youth.service import check_age_window, writable_youth, youth_records_page

LEDGER = Ledger(repository.RESOURCE)
# A null sent for one of these leaves it as it is; a null for the other fields clears them.
REQUIRED = ("assessed_on", "outcome")


def to_read(row: EducationOrder | Row) -> EducationOrderRead:
    return from_row(EducationOrderRead, row, author=from_row(Author, row, prefix="author_"))


async def _checked(session: AsyncSession, ctx: Ctx, youth_id: uuid.UUID, case_id: uuid.UUID) -> str:
    """The youth is one the caller writes about (else 404) inside the age window (R1), and the case
    is theirs. Returns the youth's municipality."""
    youth = await writable_youth(session, ctx, youth_id)
    await check_age_window(session, ctx, youth.birth_date)
    case = await visible_case(session, ctx, case_id)
    if case is None or case.youth_id != youth.id:
        raise CaseNotOfYouth()
    return youth.municipality_code


async def _check(session: AsyncSession, ctx: Ctx, order: dict[str, Any]) -> None:
    """R24 on the order's merged values: the assessment's day is not ahead (§8.1) and the rule is in
    force on it (education_order.not_in_force); an order has its deadlines in order; the order, the
    proposal and the application are not ahead, and the youth's answers not before the order."""
    policy = await get_policy(session)
    assessed_on: date = order["assessed_on"]
    check_event_date("assessed_on", assessed_on, today=ctx.today)
    rules.check_in_force(policy.education_order_valid_from, policy.education_order_valid_to, assessed_on)
    rules.check_order(
        order["outcome"],
        order["ordered_on"],
        order["proposal_due_on"],
        order["application_due_on"],
        answered=order["proposed_on"] is not None or order["applied_on"] is not None,
    )
    check_event_date("ordered_on", order["ordered_on"], today=ctx.today, not_before=assessed_on)
    for answer in ("proposed_on", "applied_on"):
        check_event_date(answer, order[answer], today=ctx.today, not_before=order["ordered_on"])


async def record_education_order(
    session: AsyncSession, ctx: Ctx, data: EducationOrderCreate
) -> EducationOrderRead:
    """R24: record the jobcentre's assessment of an education order for the youth's case, with the
    order's deadlines when one is given (satisfies education_order.assessment_due)."""
    municipality = await _checked(session, ctx, data.youth_id, data.case_id)
    assessed_on = data.assessed_on or ctx.today
    ordered_on = data.ordered_on
    if data.outcome == "ordered" and ordered_on is None:
        ordered_on = assessed_on
    row = to_row(
        EducationOrder,
        data,
        municipality_code=municipality,
        assessed_on=assessed_on,
        ordered_on=ordered_on,
        **ctx.as_actor("author"),
    )
    await _check(session, ctx, {name: getattr(row, name) for name in _CHECKED})
    await LEDGER.added(session, ctx, row)
    return to_read(row)


_CHECKED = (
    "assessed_on",
    "outcome",
    "ordered_on",
    "proposal_due_on",
    "proposed_on",
    "application_due_on",
    "applied_on",
)


async def change_education_order(
    session: AsyncSession, ctx: Ctx, order_id: uuid.UUID, data: EducationOrderUpdate, *, expected_version: int
) -> EducationOrderRead:
    """Record the youth's proposal or application (closing education_order.proposal_due or
    .application_due), or correct the assessment (If-Match); checked as on recording."""
    row = await repository.locked(session, ctx, order_id, expected_version)
    changes = {
        field: value
        for field, value in data.model_dump(exclude_unset=True).items()
        if value is not None or field not in REQUIRED
    }
    await _checked(session, ctx, row.youth_id, row.case_id)
    await _check(session, ctx, {name: changes.get(name, getattr(row, name)) for name in _CHECKED})
    for field, value in changes.items():
        setattr(row, field, value)
    await LEDGER.saved(session, ctx, row, detail={"fields": sorted(changes)})
    return to_read(row)


async def read_education_order(session: AsyncSession, ctx: Ctx, order_id: uuid.UUID) -> EducationOrderRead:
    row = await repository.read_one(session, ctx, order_id)
    if row is None:
        raise EducationOrderNotFound()
    return to_read(row)


async def list_education_orders(
    session: AsyncSession, ctx: Ctx, *, limit: int, cursor: str | None, youth_id: uuid.UUID | None
) -> tuple[list[EducationOrderRead], str | None]:
    """Oldest first by `assessed_on`."""
    rows, next_cursor = await youth_records_page(
        session, ctx, repository.PAGE, limit, cursor, youth_id=youth_id
    )
    return [to_read(r) for r in rows], next_cursor

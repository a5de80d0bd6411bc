"""Use cases of guides: offer one to a youth, and move the offer through its states (R7, R8)."""

from __future__ import annotations

import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from ungeapi.core.changes import Ledger
from ungeapi.core.context import Ctx
from ungeapi.core.event_dates import check_event_date
from ungeapi.core.pagination import PageQuery
from ungeapi.core.reads import Row
from ungeapi.core.schemas import as_columns, from_row
from ungeapi.guides import repository, rules
from ungeapi.guides.errors import GuideAlreadyActive, GuideNotFound, InvalidTransition
from ungeapi.guides.repository import RESOURCE
from ungeapi.guides.schemas import GuideOffer, GuideRead, GuideTransition, Person
from ungeapi.models import GuideAssignment
from ungeapi.youth.service import (
    check_age_window,
    check_youth_in_age_window,
    writable_youth,
    youth_query_page,
)

LEDGER = Ledger(RESOURCE)


def to_read(row: GuideAssignment | Row) -> GuideRead:
    return from_row(
        GuideRead,
        row,
        guide=from_row(Person, row, prefix="guide_"),
        coordinating_caseworker=from_row(Person, row, prefix="offered_by_"),
    )


async def offer_guide(session: AsyncSession, ctx: Ctx, data: GuideOffer) -> GuideRead:
    """Offers a guide; the offering caseworker becomes the coordinating caseworker (R8)."""
    youth = await writable_youth(session, ctx, data.youth_id)
    offered_on = data.offered_on or ctx.today
    check_event_date("offered_on", offered_on, today=ctx.today)
    await check_age_window(session, ctx, youth.birth_date)
    if await repository.open_for_youth(session, youth.id) is not None:
        raise GuideAlreadyActive()
    row = GuideAssignment(
        municipality_code=ctx.principal.municipality,
        youth_id=youth.id,
        state="offered",
        **as_columns(data.guide, "guide_"),
        **ctx.as_actor("offered_by"),
        assigned_via=data.assigned_via,
        basis=data.basis,
        offered_on=offered_on,
    )
    # GuideAlreadyActive too when a concurrent offer won the partial unique index.
    await LEDGER.added(session, ctx, row, conflict=GuideAlreadyActive, data={"state": row.state})
    return to_read(row)


async def transition_guide(
    session: AsyncSession,
    ctx: Ctx,
    guide_id: uuid.UUID,
    action: str,
    data: GuideTransition,
    *,
    expected_version: int,
) -> GuideRead:
    row = await repository.find(session, ctx, guide_id, GuideNotFound, version=expected_version)
    target = rules.next_state(row.state, action)
    if target is None:
        raise InvalidTransition(state=row.state, action=action)
    if action in ("accept", "activate"):  # R1: a decline or an end winds the effort down
        await check_youth_in_age_window(session, ctx, row.youth_id)
    on = data.on or ctx.today
    # §8.1: the day it happened, not in the future and not before the step it answers.
    check_event_date("on", on, today=ctx.today, not_before=rules.answered_on(row, action))
    if action in ("accept", "decline"):
        row.responded_on = on
    elif action == "activate":
        row.started_on = on
    else:
        row.ended_on = on
    row.state = target
    if data.reason is not None:
        row.reason = data.reason
    state = {"state": target}
    await LEDGER.saved(session, ctx, row, (action, "state_changed"), detail=state, data=state)
    return to_read(row)


async def read_guide(session: AsyncSession, ctx: Ctx, guide_id: uuid.UUID) -> GuideRead:
    row = await repository.read_one(session, ctx, guide_id)
    if row is None:
        raise GuideNotFound()
    return to_read(row)


async def current_guide(session: AsyncSession, youth_id: uuid.UUID) -> GuideRead | None:
    """The youth's pending or active guide, for other domains (plans, the overview)."""
    row = await repository.open_for_youth(session, youth_id)
    return to_read(row) if row else None


async def list_guides(
    session: AsyncSession, ctx: Ctx, query: PageQuery
) -> tuple[list[GuideRead], str | None]:
    rows, next_cursor = await youth_query_page(session, ctx, repository.PAGE, query)
    return [to_read(r) for r in rows], next_cursor

"""Use cases of network meetings (netværksmøder): record, read, list and change one."""

from __future__ import annotations

import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from ungeapi.core.changes import Ledger
from ungeapi.core.context import Ctx
from ungeapi.core.event_dates import check_event_date
from ungeapi.core.pagination import PageQuery
from ungeapi.core.reads import Row
from ungeapi.core.schemas import as_columns, from_row, to_row
from ungeapi.disclosure.screen import check_may_classify, screen, screen_one
from ungeapi.models import NetworkMeeting
from ungeapi.network import repository, rules
from ungeapi.network.errors import FrameEmpty, NetworkMeetingNotFound, PlanNotForYouth
from ungeapi.network.repository import RESOURCE
from ungeapi.network.schemas import (
    NetworkMeetingCreate,
    NetworkMeetingRead,
    NetworkMeetingUpdate,
    NetworkParticipant,
    Organiser,
    ThreePartFrame,
)
from ungeapi.youth.service import (
    check_age_window,
    check_youth_in_age_window,
    writable_youth,
    youth_query_page,
)

LEDGER = Ledger(RESOURCE)


def to_read(row: NetworkMeeting | Row) -> NetworkMeetingRead:
    return from_row(
        NetworkMeetingRead,
        row,
        participants=[NetworkParticipant.model_validate(p) for p in row.participants],
        frame=from_row(ThreePartFrame, row),
        organiser=from_row(Organiser, row, prefix="organiser_"),
    )


async def _check_plan(session: AsyncSession, plan_id: uuid.UUID | None, youth_id: uuid.UUID) -> None:
    if plan_id is not None and not rules.plan_belongs_to_youth(
        await repository.plan_youth(session, plan_id), youth_id
    ):
        raise PlanNotForYouth()


def _check_frame(frame: ThreePartFrame) -> None:
    if not rules.frame_filled(frame.worries, frame.what_works, frame.next_steps):
        raise FrameEmpty()


async def record_meeting(session: AsyncSession, ctx: Ctx, data: NetworkMeetingCreate) -> NetworkMeetingRead:
    """Records a network meeting about a youth the caller may see, in the three-part frame."""
    youth = await writable_youth(session, ctx, data.youth_id)
    check_event_date("held_on", data.held_on, today=ctx.today)  # §8.1: recorded once held
    await check_age_window(session, ctx, youth.birth_date)
    _check_frame(data.frame)
    await _check_plan(session, data.plan_id, youth.id)
    row = to_row(
        NetworkMeeting,
        data,
        leave=("frame",),
        municipality_code=ctx.principal.municipality,
        youth_id=youth.id,
        participants=[p.model_dump(exclude_none=True) for p in data.participants],
        **as_columns(data.frame),
        **ctx.as_actor("organiser"),
    )
    await LEDGER.added(session, ctx, row)
    return await screen_one(session, ctx, RESOURCE, to_read(row))


async def read_meeting(session: AsyncSession, ctx: Ctx, meeting_id: uuid.UUID) -> NetworkMeetingRead:
    row = await repository.read_one(session, ctx, meeting_id)
    if row is None:
        raise NetworkMeetingNotFound()
    return await screen_one(session, ctx, RESOURCE, to_read(row))


async def list_meetings(
    session: AsyncSession, ctx: Ctx, query: PageQuery
) -> tuple[list[NetworkMeetingRead], str | None]:
    rows, next_cursor = await youth_query_page(session, ctx, repository.PAGE, query)
    return await screen(session, ctx, RESOURCE, [to_read(r) for r in rows]), next_cursor


async def change_meeting(
    session: AsyncSession,
    ctx: Ctx,
    meeting_id: uuid.UUID,
    data: NetworkMeetingUpdate,
    *,
    expected_version: int,
) -> NetworkMeetingRead:
    row = await repository.find(session, ctx, meeting_id, NetworkMeetingNotFound, version=expected_version)
    await check_youth_in_age_window(session, ctx, row.youth_id)
    changes = data.model_dump(exclude_unset=True)
    if "information_class" in changes:
        check_may_classify(ctx, RESOURCE, to_read(row))
    check_event_date("held_on", data.held_on, today=ctx.today)
    if data.frame is not None:
        _check_frame(data.frame)
        for part, text in as_columns(data.frame).items():
            setattr(row, part, text)
    if "plan_id" in changes:
        await _check_plan(session, data.plan_id, row.youth_id)
        row.plan_id = data.plan_id
    if data.participants is not None:
        row.participants = [p.model_dump(exclude_none=True) for p in data.participants]
    if data.held_on is not None:
        row.held_on = data.held_on
    for field in ("title", "youth_participated", "guardians_participated", "information_class"):
        if field in changes:
            setattr(row, field, changes[field])
    await LEDGER.saved(session, ctx, row, detail={"fields": sorted(changes)})
    return await screen_one(session, ctx, RESOURCE, to_read(row))

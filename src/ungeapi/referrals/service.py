"""Use cases of referrals (indstillinger): refer, change, submit, schedule, withdraw (R12-R15, R18).

Placing a referral on a meeting's agenda, a meeting's cancellation and the forum's decision
change a referral and a meeting together: those flows are in workflows/, which calls the
referral's steps here.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from ungeapi.core.changes import CREATE, Ledger, bump
from ungeapi.core.context import Ctx
from ungeapi.core.pagination import PageQuery
from ungeapi.core.reads import Row
from ungeapi.core.schemas import as_columns, from_row, to_row
from ungeapi.models import AgendaItem, Referral, Youth
from ungeapi.municipality.policy import Policy
from ungeapi.municipality.service import get_policy
from ungeapi.plans.service import active_plan_summary
from ungeapi.referrals import repository, rules
from ungeapi.referrals.errors import (
    InvalidTransition,
    NotEditable,
    OpenReferralExists,
    OutsideForumAge,
    PlanNotStuck,
    ReasonRequired,
    ReferralNotFound,
)
from ungeapi.referrals.schemas import (
    Professional,
    ReferralCreate,
    ReferralRead,
    ReferralTransition,
    ReferralUpdate,
    Referrer,
)
from ungeapi.youth.service import (
    check_age_window,
    check_youth_in_age_window,
    writable_youth,
    youth_query_page,
)

RESOURCE = "referral"
LEDGER = Ledger(RESOURCE)


def slot_for(referral: Referral | Row, policy: Policy) -> int:
    return rules.slot_minutes(
        complex_case=referral.complex, professionals=len(referral.professionals), policy=policy
    )


def to_read(referral: Referral | Row, item: AgendaItem | None, policy: Policy) -> ReferralRead:
    return from_row(
        ReferralRead,
        referral,
        referrer=from_row(Referrer, referral, prefix="referrer_"),
        professionals=[Professional.model_validate(p) for p in referral.professionals],
        slot_minutes=item.slot_minutes if item else slot_for(referral, policy),
        meeting_id=item.meeting_id if item else None,
        agenda_item_id=item.id if item else None,
    )


async def read_model(session: AsyncSession, referral: Referral) -> ReferralRead:
    items = await repository.latest_agenda_items(session, [referral.id])
    return to_read(referral, items.get(referral.id), await get_policy(session))


async def agenda_items(
    session: AsyncSession, referral_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, AgendaItem]:
    """Each referral's latest agenda item, if any, for its read model (`to_read`)."""
    return await repository.latest_agenda_items(session, referral_ids)


async def _check_forum(session: AsyncSession, ctx: Ctx, youth: Youth, forum: str) -> None:
    """R18: the phase-2 conference takes youth of its age whose plan is stuck."""
    if forum != "conference":
        return
    policy = await get_policy(session)
    plan = await active_plan_summary(session, youth.id)
    refusal = rules.conference_refusal(
        birth_date=youth.birth_date,
        today=ctx.today,
        plan_status=plan.status if plan else None,
        policy=policy,
    )
    if refusal == "referral.outside_forum_age":
        raise OutsideForumAge(age_min=policy.conference_age_min, age_max=policy.conference_age_max)
    if refusal == "referral.plan_not_stuck":
        raise PlanNotStuck()


async def _flush(session: AsyncSession) -> None:
    try:
        await session.flush()
    except IntegrityError as exc:
        if "uq_referral_one_open_per_youth_forum" in str(exc.orig):
            raise OpenReferralExists() from exc
        raise


async def create_referral(session: AsyncSession, ctx: Ctx, data: ReferralCreate) -> ReferralRead:
    """R14: a referral names its referrer, category and forum; it starts as a draft. One open
    referral per youth and forum (409 referral.open_exists)."""
    youth = await writable_youth(session, ctx, data.youth_id)
    await check_age_window(session, ctx, youth.birth_date)
    await _check_forum(session, ctx, youth, data.forum)
    if await repository.open_exists(session, youth.id, data.forum):
        raise OpenReferralExists()
    referrer = data.referrer or Referrer(
        sub=ctx.principal.sub, name=ctx.principal.name, department=ctx.principal.primary_department
    )
    referral = to_row(
        Referral,
        data,
        leave=("referrer",),
        municipality_code=ctx.principal.municipality,
        youth_id=youth.id,
        state="draft",
        **as_columns(referrer, "referrer_"),
        professionals=[p.model_dump() for p in data.professionals],
        state_changed_on=ctx.today,
    )
    session.add(referral)
    await _flush(session)
    await LEDGER.logged(session, ctx, referral, CREATE)
    return to_read(referral, None, await get_policy(session))


async def read_referral(session: AsyncSession, ctx: Ctx, referral_id: uuid.UUID) -> ReferralRead:
    referral = await repository.find(session, ctx, referral_id, ReferralNotFound)
    await LEDGER.audited(session, ctx, referral)
    return await read_model(session, referral)


async def list_referrals(
    session: AsyncSession, ctx: Ctx, query: PageQuery
) -> tuple[list[ReferralRead], str | None]:
    rows, next_cursor = await youth_query_page(session, ctx, repository.PAGE, query)
    items = await repository.latest_agenda_items(session, [r.id for r in rows])
    policy = await get_policy(session)
    return [to_read(r, items.get(r.id), policy) for r in rows], next_cursor


async def change_referral(
    session: AsyncSession, ctx: Ctx, referral_id: uuid.UUID, data: ReferralUpdate, *, expected_version: int
) -> ReferralRead:
    """A draft, or a referral sent back for documentation, can be changed; later it is the forum's."""
    referral = await repository.find(session, ctx, referral_id, ReferralNotFound, version=expected_version)
    if referral.state not in rules.EDITABLE_STATES:
        raise NotEditable(state=referral.state)
    await check_youth_in_age_window(session, ctx, referral.youth_id)
    changes = data.model_dump(exclude_unset=True, exclude_none=True)
    if data.category is not None:
        referral.category = data.category
    if data.summary is not None:
        referral.summary = data.summary
    if data.professionals is not None:
        referral.professionals = [p.model_dump() for p in data.professionals]
    if data.complex is not None:
        referral.complex = data.complex
    await LEDGER.saved(session, ctx, referral, detail={"fields": sorted(changes)})
    return await read_model(session, referral)


async def _move(
    session: AsyncSession,
    ctx: Ctx,
    referral: Referral,
    action: str,
    *,
    reason: str | None = None,
    detail: dict[str, Any] | None = None,
) -> None:
    """R14: moves the referral by `action`, or 409 referral.invalid_transition."""
    target = rules.next_state(referral.state, action)
    if target is None:
        raise InvalidTransition(state=referral.state, action=action)
    await _set_state(session, ctx, referral, target, action, reason=reason, detail=detail)


async def _set_state(
    session: AsyncSession,
    ctx: Ctx,
    referral: Referral,
    target: str,
    action: str,
    *,
    reason: str | None,
    detail: dict[str, Any] | None = None,
) -> None:
    before = referral.state
    referral.state = target
    referral.state_changed_on = ctx.today
    referral.reason = reason
    if target == "submitted" and action == "submit":
        # R12: a submitted referral makes the youth's transition form's update due from this day.
        referral.submitted_on = ctx.today
    bump(referral)
    await _flush(session)
    moved = {"from": before, "state": target}
    await LEDGER.logged(
        session, ctx, referral, (action, "state_changed"), detail={**moved, **(detail or {})}, data=moved
    )


async def transition_referral(
    session: AsyncSession,
    ctx: Ctx,
    referral_id: uuid.UUID,
    action: str,
    data: ReferralTransition,
    *,
    expected_version: int,
) -> ReferralRead:
    """submit, withdraw, unschedule, discuss, request_documentation, reject (R14). Leaving
    the agenda (withdraw, reject or unschedule of a scheduled referral) frees its slot."""
    referral = await repository.find(session, ctx, referral_id, ReferralNotFound, version=expected_version)
    if rules.next_state(referral.state, action) is None:
        raise InvalidTransition(state=referral.state, action=action)
    reason = (data.reason or "").strip() or None
    if action in rules.REASON_REQUIRED and reason is None:
        raise ReasonRequired(action=action)
    if action in ("submit", "discuss"):  # R1: the others take the referral off its way
        await check_youth_in_age_window(session, ctx, referral.youth_id)
    if action == "submit":
        youth = await writable_youth(session, ctx, referral.youth_id)
        await _check_forum(session, ctx, youth, referral.forum)
    detail: dict[str, Any] = {}
    if referral.state == "scheduled" and action in ("withdraw", "reject", "unschedule"):
        freed = await repository.release_from_agendas(session, referral.id)
        detail["released_from"] = [str(m) for m in freed]
    await _move(session, ctx, referral, action, reason=reason, detail=detail)
    return await read_model(session, referral)


async def lock_for_scheduling(
    session: AsyncSession, ctx: Ctx, referral_id: uuid.UUID, *, expected_version: int | None
) -> tuple[Referral, int]:
    """The referral to place on an agenda, row-locked, with its slot (R15: 15 minutes, 30 when
    complex or with other professionals); only a submitted referral can be scheduled (409)."""
    referral = await repository.find(
        session, ctx, referral_id, ReferralNotFound, for_update=True, version=expected_version
    )
    if rules.next_state(referral.state, "schedule") is None:
        raise InvalidTransition(state=referral.state, action="schedule")
    await check_youth_in_age_window(session, ctx, referral.youth_id)
    return referral, slot_for(referral, await get_policy(session))


async def scheduled(session: AsyncSession, ctx: Ctx, referral: Referral, item: AgendaItem) -> ReferralRead:
    """The referral placed as `item` on a meeting's agenda moves to scheduled."""
    await _move(session, ctx, referral, "schedule", detail={"meeting": str(item.meeting_id)})
    return to_read(referral, item, await get_policy(session))


async def decided(
    session: AsyncSession,
    ctx: Ctx,
    referral_id: uuid.UUID,
    *,
    documentation_needed: bool,
    decision_id: uuid.UUID,
) -> Referral:
    """Recording the forum's decision moves the referral from the agenda (scheduled or
    discussed) to concluded, or back to the referrer when more documentation is needed."""
    referral = await repository.find(session, ctx, referral_id, ReferralNotFound, for_update=True)
    check_decidable(referral)
    target = "documentation_requested" if documentation_needed else "concluded"
    await _set_state(
        session,
        ctx,
        referral,
        target,
        "decide",
        reason=None,
        detail={"decision": str(decision_id)},
    )
    return referral


def check_decidable(referral: Referral) -> None:
    """Only a referral on the agenda (scheduled or discussed) can be decided (409 otherwise)."""
    if referral.state not in rules.DECISION_FROM:
        raise InvalidTransition(state=referral.state, action="decide")


async def lock_for_decision(session: AsyncSession, ctx: Ctx, referral_id: uuid.UUID) -> Referral:
    """The referral, row-locked and visible to the caller (404 otherwise)."""
    return await repository.find(session, ctx, referral_id, ReferralNotFound, for_update=True)


async def meeting_cancelled(session: AsyncSession, ctx: Ctx, meeting_id: uuid.UUID) -> list[uuid.UUID]:
    """A cancelled meeting's cases go back to the forum's queue (submitted, R14), their slots
    freed, so the chair can place them on another meeting. Called with the meeting row locked
    (nothing is decided on it: a meeting with decisions is never cancelled). The referrals are
    the municipality's (row-level security), whoever may see their youth: the chair cancels the
    whole meeting. Returns the referrals taken off."""
    rows = await repository.clear_agenda(session, meeting_id)
    for referral in rows:
        if referral.state in rules.ON_AGENDA_STATES:
            await _set_state(
                session,
                ctx,
                referral,
                "submitted",
                "unschedule",
                reason=None,
                detail={"meeting_cancelled": str(meeting_id)},
            )
    return [r.id for r in rows]

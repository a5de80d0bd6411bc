"""Use cases of concern notifications (underretninger): receive, read, list, change, and the
three actions that satisfy the deadlines: assess (24 hours), acknowledge (6 weekdays), close.

A concern is received by the municipality's children-and-family department and only that
department (and admin/dpo) sees it; while it is open it also makes the youth visible to that
department (access.youth_visible), because a concern often arrives before any case exists.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from sqlalchemy.ext.asyncio import AsyncSession

from ungeapi.concerns import repository, rules
from ungeapi.concerns.errors import (
    ConcernNotFound,
    ConcernRefused,
    InvalidAction,
    LevelNotOnScale,
    NoReceivingDepartment,
    UnknownDepartment,
)
from ungeapi.concerns.schemas import (
    Assessment,
    ConcernAcknowledge,
    ConcernAssess,
    ConcernClose,
    ConcernCreate,
    ConcernRead,
    ConcernSender,
    ConcernUpdate,
    CreatedBy,
    DialogueParticipant,
)
from ungeapi.core.changes import Ledger
from ungeapi.core.clock import local_day
from ungeapi.core.concurrency import check_version
from ungeapi.core.context import Ctx
from ungeapi.core.pagination import PageQuery
from ungeapi.core.reads import Row
from ungeapi.core.schemas import as_columns, from_row
from ungeapi.disclosure.screen import screen, screen_one
from ungeapi.models import Concern
from ungeapi.municipality.policy import Policy
from ungeapi.municipality.service import department_exists, get_policy
from ungeapi.network.schemas import ThreePartFrame
from ungeapi.youth.service import check_age_window, youth_in_municipality

RESOURCE = "concern"
LEDGER = Ledger(RESOURCE)


def to_read(row: Concern | Row, policy: Policy, now: datetime) -> ConcernRead:
    """`now`: the moment the deadlines are judged at (the request's `ctx.now`)."""
    names = {level.level: level.name for level in policy.concern_levels}
    return from_row(
        ConcernRead,
        row,
        sender=from_row(ConcernSender, row, prefix="sender_"),
        dialogue_participants=[DialogueParticipant.model_validate(p) for p in row.dialogue_participants],
        level_name=names.get(row.level),
        frame=from_row(ThreePartFrame, row),
        state=rules.state_of(row.assessed_at, row.closed_at),
        overdue=(
            rules.assessment_overdue(row.assessment_due_at, row.assessed_at, row.closed_at, now)
            or rules.acknowledgement_overdue(row.acknowledgement_due_on, row.acknowledged_at, local_day(now))
        ),
        assessment=(
            Assessment(
                in_danger=bool(row.in_danger),
                note=row.assessment_note,
                at=row.assessed_at,
                by=row.assessed_by_sub,
            )
            if row.assessed_at is not None
            else None
        ),
        created_by=from_row(CreatedBy, row, prefix="created_by_"),
    )


def _check_content(
    *, level: int, policy: Policy, made_in_dialogue: bool, participants: int, frame: ThreePartFrame
) -> None:
    if not rules.on_scale(level, (lvl.level for lvl in policy.concern_levels)):
        raise LevelNotOnScale(level=level, levels=", ".join(str(lvl.level) for lvl in policy.concern_levels))
    if not rules.dialogue_consistent(made_in_dialogue, participants):
        raise ConcernRefused("concern.dialogue_inconsistent")
    if not rules.worries_given(frame.worries):
        raise ConcernRefused("concern.worries_required")


def _state(row: Concern) -> dict[str, str]:
    return {"state": rules.state_of(row.assessed_at, row.closed_at)}


async def receive_concern(session: AsyncSession, ctx: Ctx, data: ConcernCreate) -> ConcernRead:
    """Registers a concern for the children-and-family department and starts its two deadlines.

    Any caseworker (of any department), admin or an integration may enter one: a school's or an
    external professional's notification is typed in by staff or arrives through an integration.
    The youth must exist in the municipality; the caller need not otherwise see them.
    """
    now = ctx.now
    # In UTC, as the database answers it later: the answer to this request reads the same.
    received_at = (data.received_at or now).astimezone(UTC)
    if rules.in_future(received_at, now):
        raise ConcernRefused("concern.received_in_future")
    youth = await youth_in_municipality(session, data.youth_id)
    await check_age_window(session, ctx, youth.birth_date, lower_bound=False)
    sender = data.sender
    problem = rules.sender_problem(sender.kind, sender.name, sender.profession, sender.contact)
    if problem is not None:
        raise ConcernRefused(problem)
    policy = await get_policy(session)
    _check_content(
        level=data.level,
        policy=policy,
        made_in_dialogue=data.made_in_dialogue,
        participants=len(data.dialogue_participants),
        frame=data.frame,
    )
    if sender.department_code is not None and not await department_exists(session, sender.department_code):
        raise UnknownDepartment(department=sender.department_code)
    receiving = await repository.receiving_department(session)
    if receiving is None:
        raise NoReceivingDepartment()
    due_at = rules.assessment_due_at(received_at)
    row = Concern(
        municipality_code=ctx.principal.municipality,
        youth_id=youth.id,
        receiving_department_code=receiving,
        received_at=received_at,
        **as_columns(sender, "sender_"),
        made_in_dialogue=data.made_in_dialogue,
        dialogue_participants=[p.model_dump() for p in data.dialogue_participants],
        level=data.level,
        **as_columns(data.frame),
        information_class=data.information_class,
        assessment_due_at=due_at,
        assessment_due_on=rules.local_date(due_at),
        acknowledgement_due_on=rules.acknowledgement_due_on(received_at, sender.kind),
        **ctx.as_actor("created_by"),
    )
    await LEDGER.added(session, ctx, row, detail={"receiving_department": receiving}, data=_state(row))
    return await screen_one(session, ctx, RESOURCE, to_read(row, policy, ctx.now))


async def read_concern(session: AsyncSession, ctx: Ctx, concern_id: uuid.UUID) -> ConcernRead:
    row = await repository.get(session, ctx.principal, concern_id)
    if row is None:
        raise ConcernNotFound()
    await LEDGER.audited(session, ctx, row)
    return await screen_one(session, ctx, RESOURCE, to_read(row, await get_policy(session), ctx.now))


async def list_concerns(
    session: AsyncSession, ctx: Ctx, query: PageQuery
) -> tuple[list[ConcernRead], str | None]:
    # No youth check: the concern scope answers for itself (a closed concern stays the receiving
    # department's record even when the youth is no longer visible to it).
    rows, next_cursor = await repository.PAGE.page(session, ctx, **vars(query))
    policy = await get_policy(session)
    return await screen(session, ctx, RESOURCE, [to_read(r, policy, ctx.now) for r in rows]), next_cursor


async def _locked(
    session: AsyncSession, ctx: Ctx, concern_id: uuid.UUID, expected_version: int, action: str | None = None
) -> Concern:
    """The concern locked at the expected version; given an `action`, one that its state allows."""
    row = await repository.get(session, ctx.principal, concern_id, for_update=True)
    if row is None:
        raise ConcernNotFound()
    check_version(expected_version, row.version)
    if action is not None:
        _allow(row, action)
    return row


async def _saved(session: AsyncSession, ctx: Ctx, row: Concern, audit_action: str, event: str) -> ConcernRead:
    await LEDGER.saved(session, ctx, row, (audit_action, event), data=_state(row))
    return await screen_one(session, ctx, RESOURCE, to_read(row, await get_policy(session), ctx.now))


async def change_concern(
    session: AsyncSession, ctx: Ctx, concern_id: uuid.UUID, data: ConcernUpdate, *, expected_version: int
) -> ConcernRead:
    """Corrects the level, the dialogue or the frame while the concern is open."""
    row = await _locked(session, ctx, concern_id, expected_version)
    state = rules.state_of(row.assessed_at, row.closed_at)
    if state == "closed":
        raise InvalidAction(action="update", state=state)
    changes = data.model_dump(exclude_unset=True)
    policy = await get_policy(session)
    if not changes:
        return await screen_one(session, ctx, RESOURCE, to_read(row, policy, ctx.now))
    level = data.level if data.level is not None else row.level
    made_in_dialogue = data.made_in_dialogue if data.made_in_dialogue is not None else row.made_in_dialogue
    participants = (
        [p.model_dump() for p in data.dialogue_participants]
        if data.dialogue_participants is not None
        else row.dialogue_participants
    )
    frame = data.frame or from_row(ThreePartFrame, row)
    _check_content(
        level=level,
        policy=policy,
        made_in_dialogue=made_in_dialogue,
        participants=len(participants),
        frame=frame,
    )
    row.level, row.made_in_dialogue, row.dialogue_participants = level, made_in_dialogue, participants
    for part, text in as_columns(frame).items():
        setattr(row, part, text)
    if "information_class" in changes:
        row.information_class = changes["information_class"]
    return await _saved(session, ctx, row, "update", "updated")


def _moment(ctx: Ctx, given: datetime | None, row: Concern) -> datetime:
    now = ctx.now
    moment = given or now
    if rules.in_future(moment, now):
        raise ConcernRefused("concern.action_in_future")
    if moment < row.received_at:
        raise ConcernRefused("concern.action_before_received")
    return moment.astimezone(UTC)


def _allow(row: Concern, action: str) -> None:
    state = rules.state_of(row.assessed_at, row.closed_at)
    if not rules.action_allowed(
        action, state, acknowledged=row.acknowledged_at is not None, sender_kind=row.sender_kind
    ):
        raise InvalidAction(action=action, state=state)


async def assess_concern(
    session: AsyncSession, ctx: Ctx, concern_id: uuid.UUID, data: ConcernAssess, *, expected_version: int
) -> ConcernRead:
    """Records the 24-hour assessment; the `concern.assessment_due` obligation then disappears."""
    row = await _locked(session, ctx, concern_id, expected_version, "assess")
    row.assessed_at = _moment(ctx, data.at, row)
    row.assessed_by_sub = ctx.principal.sub
    row.in_danger = data.in_danger
    row.assessment_note = data.note
    return await _saved(session, ctx, row, "assess", "state_changed")


async def acknowledge_concern(
    session: AsyncSession, ctx: Ctx, concern_id: uuid.UUID, data: ConcernAcknowledge, *, expected_version: int
) -> ConcernRead:
    """Records that the receipt went to the sender; `concern.acknowledgement_due` then disappears."""
    row = await _locked(session, ctx, concern_id, expected_version, "acknowledge")
    row.acknowledged_at = _moment(ctx, data.at, row)
    row.acknowledged_by_sub = ctx.principal.sub
    return await _saved(session, ctx, row, "acknowledge", "updated")


async def close_concern(
    session: AsyncSession, ctx: Ctx, concern_id: uuid.UUID, data: ConcernClose, *, expected_version: int
) -> ConcernRead:
    """Closes an assessed concern with its outcome; the youth is then no longer visible to the
    receiving department through it (a case, if one was opened, keeps them visible)."""
    row = await _locked(session, ctx, concern_id, expected_version, "close")
    moment = _moment(ctx, data.at, row)
    if row.assessed_at is not None and moment < row.assessed_at:
        raise ConcernRefused("concern.action_before_received")
    row.closed_at = moment
    row.closed_by_sub = ctx.principal.sub
    row.outcome = data.outcome
    row.outcome_note = data.note
    return await _saved(session, ctx, row, "close", "state_changed")

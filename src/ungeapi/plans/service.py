"""Use cases of the one education-and-job plan (R2-R5, R18): make, read, change, revise, print.

Every change to a plan, one of its goals or one of its measures writes a numbered revision with
who, when, what changed and why, and a snapshot of the whole plan after the change, so a plan
can be read as it stood on any day.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from datetime import date, datetime, time, timedelta
from typing import Any, TypedDict, TypeVar, Unpack

from pydantic import BaseModel
from sqlalchemy.ext.asyncio import AsyncSession

from ungeapi.assessments.schemas import TargetGroupAssessmentRead
from ungeapi.assessments.service import latest_target_group_assessment
from ungeapi.core import events
from ungeapi.core.changes import CREATE, UPDATE, Ledger, bump, inserted, logged, part_created
from ungeapi.core.concurrency import check_version
from ungeapi.core.context import COPENHAGEN, Ctx
from ungeapi.core.event_dates import check_event_date
from ungeapi.core.pagination import InvalidCursor, decode_cursor, encode_cursor
from ungeapi.core.reads import Row
from ungeapi.core.schemas import as_columns, from_row, named_in, to_row
from ungeapi.disclosure.rules import PARTS
from ungeapi.disclosure.screen import screen, screen_one
from ungeapi.guides.schemas import Person
from ungeapi.guides.service import current_guide
from ungeapi.models import Plan, PlanGoal, PlanMeasure, PlanRevision, Youth
from ungeapi.municipality.service import department_exists
from ungeapi.offers.service import offer_exists
from ungeapi.plans import repository, rules
from ungeapi.plans.errors import (
    ActivePlanExists,
    GoalNotFound,
    InvalidDropoutDates,
    MeasureDatesOutOfOrder,
    MeasureNotFound,
    MeasureNotYours,
    PlanFinished,
    PlanNotFound,
    PlanNotYetMade,
    ReasonRequired,
    RevisionNotFound,
    UnknownDepartment,
    UnknownOffer,
)
from ungeapi.plans.schemas import (
    GoalCreate,
    GoalFields,
    GoalRead,
    GoalUpdate,
    MeasureCreate,
    MeasureCreateItem,
    MeasureRead,
    MeasureUpdate,
    PlanCreate,
    PlanRead,
    PlanSummary,
    PlanUpdate,
    RevisionRead,
    RevisionSubject,
    RevisionSummary,
)
from ungeapi.youth.errors import YouthArchived
from ungeapi.youth.service import (
    check_age_window,
    check_youth_in_age_window,
    visible_youth,
    writable_youth,
    youth_records_page,
)

RESOURCE = "plan"
PLANS = Ledger(RESOURCE)
REVISIONS = Ledger("plan_revision")  # audited as the plan's: its id and youth
GOAL_RESOURCE = "plan_goal"
MEASURE_RESOURCE = "plan_measure"
Part = TypeVar("Part", PlanGoal, PlanMeasure)
PartRead = TypeVar("PartRead", GoalRead, MeasureRead)
# What a goal or measure request sends beside its columns: the reason, and the responsible person
# (stored as responsible_sub and responsible_name).
_NOT_STORED = ("why", "responsible")
# Fields a revision's diff leaves out: they change with every write and say nothing.
_STAMPS = frozenset({"version", "created_at", "updated_at", "revision", "goals", "measures"})


# --- reading rows into schemas -------------------------------------------------------------


def to_goal_read(row: PlanGoal | Row) -> GoalRead:
    return from_row(GoalRead, row)


def to_measure_read(row: PlanMeasure | Row) -> MeasureRead:
    return from_row(
        MeasureRead,
        row,
        responsible=named_in(Person, row, "responsible_"),
    )


def _coordinator(row: Plan | Row) -> Person:
    return from_row(Person, row, prefix="coordinating_")


def _exemption_decider(row: Plan | Row) -> Person | None:
    """R4: who decided the plan's exemption from the duty, if it has one."""
    return from_row(Person, row, prefix="duty_exemption_decided_") if row.duty_exemption_decided_sub else None


def to_read(
    row: Plan | Row, goals: Sequence[PlanGoal | Row], measures: Sequence[PlanMeasure | Row]
) -> PlanRead:
    return from_row(
        PlanRead,
        row,
        coordinating_caseworker=_coordinator(row),
        duty_exemption_decided_by=_exemption_decider(row),
        goals=[to_goal_read(g) for g in goals],
        measures=[to_measure_read(m) for m in measures],
    )


def to_summary(row: Plan | Row) -> PlanSummary:
    return from_row(PlanSummary, row, coordinating_caseworker=_coordinator(row))


def _as_classified(snapshot: dict[str, Any], plan: Plan) -> PlanRead:
    """A stored plan as it stood, under the plan's class of today (R9: one class per plan)."""
    return PlanRead.model_validate({**snapshot, "information_class": plan.information_class})


async def _hidden_fields(session: AsyncSession, ctx: Ctx, plan: Plan) -> set[str]:
    """R9: the fields a revision's changes must not show the caller (the plan's withheld parts)."""
    shown = await screen_one(session, ctx, RESOURCE, to_summary(plan))
    if not shown.withheld:
        return set()
    return {field for fields in PARTS["plan"].values() for field in fields}


def _revision_summary(row: PlanRevision, hidden: set[str] | None = None) -> RevisionSummary:
    return from_row(
        RevisionSummary,
        row,
        actor=from_row(Person, row, prefix="actor_"),
        subject=RevisionSubject(type=row.subject_type, id=row.subject_id),
        changes={k: v for k, v in row.changes.items() if k not in hidden} if hidden else row.changes,
    )


async def _full(session: AsyncSession, row: Plan) -> PlanRead:
    goals = await repository.parts(session, PlanGoal, row.id)
    return to_read(row, goals, await repository.parts(session, PlanMeasure, row.id))


def _diff(before: BaseModel | None, after: BaseModel) -> dict[str, Any]:
    """{field: [before, after]} for every field that changed (before is null for an addition)."""
    old = before.model_dump(mode="json") if before is not None else {}
    new = after.model_dump(mode="json")
    return {
        key: [old.get(key), value]
        for key, value in new.items()
        if key not in _STAMPS and key != "id" and old.get(key) != value
    }


async def _revise(
    session: AsyncSession,
    ctx: Ctx,
    plan: Plan,
    *,
    action: str,
    subject_type: str,
    subject_id: uuid.UUID,
    changes: dict[str, Any] | None,
    why: str | None,
    first: bool = False,
) -> PlanRead:
    """Numbers and writes the revision for a change already flushed; the plan row is locked.

    `changes` None (a new plan): the plan's filled-in fields.
    """
    if not first:
        plan.revision += 1
        await session.flush()
    snapshot = await _full(session, plan)
    if changes is None:
        changes = {k: v for k, v in _diff(None, snapshot).items() if v[1] is not None}
    session.add(
        PlanRevision(
            municipality_code=plan.municipality_code,
            plan_id=plan.id,
            number=plan.revision,
            **ctx.as_actor("actor"),
            action=action,
            subject_type=subject_type,
            subject_id=subject_id,
            why=why,
            changes=changes,
            snapshot=snapshot.model_dump(mode="json"),
            occurred_at=ctx.now,  # `as_of` reads compare it with the app's days
        )
    )
    await session.flush()
    return snapshot


# --- checks ---------------------------------------------------------------------------------


async def _check_measure_department(session: AsyncSession, ctx: Ctx, department_code: str) -> None:
    if not rules.may_change_measure(
        department_code, ctx.principal.departments, ctx.principal.has_role("admin")
    ):
        raise MeasureNotYours(department=department_code)
    if not await department_exists(session, department_code):
        raise UnknownDepartment(department=department_code)


def _check_measure_dates(starts_on: date, ends_on: date | None) -> None:
    if ends_on is not None and ends_on < starts_on:
        raise MeasureDatesOutOfOrder()


def _settle_duty(plan: Plan, data: PlanCreate | PlanUpdate, ctx: Ctx) -> None:
    """R4 on every door that writes the plan's duty fields: an exemption given with a reason
    starts today and was decided by the caller unless the request says otherwise; one without a
    reason is refused (rules.check_exemption); the ungeydelse warning is not dated ahead (§8.1)."""
    sent = data.model_fields_set
    if "duty_exemption_decided_by" in sent:
        decider = data.duty_exemption_decided_by
        plan.duty_exemption_decided_sub = decider.sub if decider else None
        plan.duty_exemption_decided_name = decider.name if decider else None
        plan.duty_exemption_decided_department = decider.department if decider else None
    if plan.duty_exemption_reason is not None and "duty_exemption_reason" in sent:
        if plan.duty_exemption_from is None:
            plan.duty_exemption_from = ctx.today
        if plan.duty_exemption_decided_sub is None:
            decider = _person_or_caller(None, ctx)
            plan.duty_exemption_decided_sub = decider.sub
            plan.duty_exemption_decided_name = decider.name
            plan.duty_exemption_decided_department = decider.department
    rules.check_exemption(
        reason=plan.duty_exemption_reason,
        from_on=plan.duty_exemption_from,
        to_on=plan.duty_exemption_to,
        decided=plan.duty_exemption_decided_sub is not None,
    )
    if "ungeydelse_warning_on" in sent:
        check_event_date("ungeydelse_warning_on", plan.ungeydelse_warning_on, today=ctx.today)


def _person_or_caller(person: Person | None, ctx: Ctx) -> Person:
    if person is not None:
        return person
    return Person(sub=ctx.principal.sub, name=ctx.principal.name, department=ctx.principal.primary_department)


async def _check_offer(session: AsyncSession, offer_id: uuid.UUID | None) -> None:
    """A measure may only reference an offer in the municipality's catalogue."""
    if offer_id is not None and not await offer_exists(session, offer_id):
        raise UnknownOffer()


def _new_measure(plan: Plan, data: MeasureCreateItem | MeasureCreate, ctx: Ctx, position: int) -> PlanMeasure:
    responsible = _person_or_caller(data.responsible, ctx)
    starts_on = data.starts_on or ctx.today
    _check_measure_dates(starts_on, data.ends_on)
    return to_row(
        PlanMeasure,
        data,
        leave=_NOT_STORED,
        responsible_sub=responsible.sub,
        responsible_name=responsible.name,
        starts_on=starts_on,
        **_part_of(plan, position),
    )


def _new_goal(plan: Plan, data: GoalFields, position: int) -> PlanGoal:
    return to_row(PlanGoal, data, leave=_NOT_STORED, **_part_of(plan, position))


def _part_of(plan: Plan, position: int) -> dict[str, Any]:
    """A goal's or a measure's place: its plan, at `position` among the plan's goals or measures."""
    return {"municipality_code": plan.municipality_code, "plan_id": plan.id, "position": position}


async def _locked_plan(
    session: AsyncSession, ctx: Ctx, plan_id: uuid.UUID, version: int | None = None
) -> Plan:
    """The plan locked for a change (at `version` when the change expects one), or 404."""
    plan: Plan = await repository.find(session, ctx, plan_id, PlanNotFound, for_update=True, version=version)
    return plan


async def _check_open(session: AsyncSession, ctx: Ctx, plan: Plan) -> None:
    """A plan's goals and measures change while it is current, for a youth in the age window."""
    if not rules.is_current(plan.status):
        raise PlanFinished(plan_status=plan.status)
    await check_youth_in_age_window(session, ctx, plan.youth_id)


async def _part_saved(
    session: AsyncSession,
    ctx: Ctx,
    plan: Plan,
    row: Part,
    read_as: Callable[[Part], PartRead],
    *,
    before: PartRead | None,
    why: str | None,
) -> PartRead:
    """Writes a goal or measure added (`before` None) or changed, with its plan revision, audit
    row and event; returns it as read."""
    await session.flush()
    read = read_as(row)
    part, resource = ("goal", GOAL_RESOURCE) if isinstance(row, PlanGoal) else ("measure", MEASURE_RESOURCE)
    added = before is None
    detail = {"plan_id": str(plan.id)}
    if isinstance(row, PlanMeasure):
        detail["department"] = row.department_code
    await _revise(
        session,
        ctx,
        plan,
        action=f"{part}.{'added' if added else 'changed'}",
        subject_type=part,
        subject_id=row.id,
        changes=_diff(before, read),
        why=why,
    )
    action = CREATE if added else UPDATE
    about = {"detail": detail, "data": {"plan_id": str(plan.id)}}
    await logged(session, ctx, row, resource_type=resource, youth_id=plan.youth_id, action=action, **about)
    return read


# --- use cases ------------------------------------------------------------------------------


async def make_plan(session: AsyncSession, ctx: Ctx, data: PlanCreate) -> PlanRead:
    """Makes the youth's plan (R2): one current plan per youth, for a youth inside the
    municipality's age window (R1/R1a); the coordinating caseworker is the one who offered the
    youth's guide (R8), else the caller."""
    youth: Youth = await writable_youth(session, ctx, data.youth_id)
    if youth.archived_at is not None:
        raise YouthArchived()
    await check_age_window(session, ctx, youth.birth_date)
    if await repository.current_for_youth(session, youth.id) is not None:
        raise ActivePlanExists()
    for item in data.measures:
        await _check_measure_department(session, ctx, item.department_code)
        await _check_offer(session, item.offer_id)
    coordinator = data.coordinating_caseworker
    if coordinator is None:
        guide = await current_guide(session, youth.id)
        coordinator = guide.coordinating_caseworker if guide is not None else _person_or_caller(None, ctx)
    started_on = data.started_on or ctx.today
    check_event_date("started_on", started_on, today=ctx.today)
    plan = to_row(
        Plan,
        data,
        leave=("coordinating_caseworker", "goals", "measures", "why", "duty_exemption_decided_by"),
        municipality_code=ctx.principal.municipality,
        youth_id=youth.id,
        status="active",
        status_changed_on=started_on,
        **as_columns(coordinator, "coordinating_"),
        started_on=started_on,
        revision=1,
    )
    _settle_duty(plan, data, ctx)
    # ActivePlanExists too when a concurrent request won the partial unique index.
    await inserted(session, plan, conflict=ActivePlanExists)
    goals = [_new_goal(plan, g, i) for i, g in enumerate(data.goals, start=1)]
    measures = [_new_measure(plan, m, ctx, i) for i, m in enumerate(data.measures, start=1)]
    session.add_all([*goals, *measures])
    await session.flush()
    snapshot = await _revise(
        session,
        ctx,
        plan,
        action="plan.created",
        subject_type="plan",
        subject_id=plan.id,
        changes=None,
        why=data.why,
        first=True,
    )
    await PLANS.logged(session, ctx, plan, CREATE, data={"status": plan.status})
    parts = [(GOAL_RESOURCE, row) for row in goals] + [(MEASURE_RESOURCE, row) for row in measures]
    await events.record(
        session, [part_created(ctx, kind, row, plan.youth_id, plan_id=plan.id) for kind, row in parts]
    )
    return await screen_one(session, ctx, RESOURCE, snapshot)


async def read_plan(
    session: AsyncSession, ctx: Ctx, plan_id: uuid.UUID, *, as_of: date | None = None
) -> PlanRead:
    """The plan now, or as it stood at the end of `as_of` (Europe/Copenhagen)."""
    if as_of is None:
        found = await repository.read_one(session, ctx, plan_id)
        if found is None:
            raise PlanNotFound()
        return await screen_one(session, ctx, RESOURCE, to_read(*found))
    plan = await repository.find(session, ctx, plan_id, PlanNotFound)
    before = datetime.combine(as_of + timedelta(days=1), time(0), COPENHAGEN)
    revision = await repository.revision_as_of(session, plan.id, before)
    if revision is None:
        raise PlanNotYetMade(on=as_of.isoformat())
    result = _as_classified(revision.snapshot, plan)
    detail = {"as_of": as_of.isoformat(), "revision": revision.number}
    await PLANS.audited(session, ctx, plan, "read", detail)
    return await screen_one(session, ctx, RESOURCE, result)


class PlanFilters(TypedDict):
    youth_id: uuid.UUID | None
    status: str | None
    coordinating_sub: str | None


async def list_plans(
    session: AsyncSession, ctx: Ctx, *, limit: int, cursor: str | None, **filters: Unpack[PlanFilters]
) -> tuple[list[PlanSummary], str | None]:
    if filters["coordinating_sub"] == "me":
        filters["coordinating_sub"] = ctx.principal.sub
    rows, next_cursor = await youth_records_page(session, ctx, repository.PAGE, limit, cursor, **filters)
    return await screen(session, ctx, RESOURCE, [to_summary(r) for r in rows]), next_cursor


async def change_plan(
    session: AsyncSession, ctx: Ctx, plan_id: uuid.UUID, data: PlanUpdate, *, expected_version: int
) -> PlanRead:
    """Changes the plan's own fields and status. R5: becoming `interrupted` records the day the
    youth left the plan (the dropout deadlines run from it); R18: `stuck` with a reason makes
    the plan eligible for the phase-2 conference. Completed and closed plans are final."""
    plan = await _locked_plan(session, ctx, plan_id, expected_version)
    before = await _full(session, plan)
    if rules.is_current(plan.status) is False:
        raise PlanFinished(plan_status=plan.status)
    changes = data.model_dump(exclude_unset=True)
    changes.pop("why", None)
    status = data.status if data.status is not None else plan.status
    if not rules.status_change_allowed(plan.status, status):
        raise PlanFinished(plan_status=plan.status)
    reason = data.status_reason if "status_reason" in changes else plan.status_reason
    if status != plan.status and "status_reason" not in changes:
        reason = None  # a new status needs its own reason
    if rules.reason_required(status) and not reason:
        raise ReasonRequired(plan_status=status)
    if status not in rules.FINISHED:  # R1: completing or closing winds the effort down
        await check_youth_in_age_window(session, ctx, plan.youth_id)
    for field in (
        "destination",
        "destination_text",
        "wishes",
        "readiness",
        "guardian_remarks",
        "duty_fulfilment",
        "duty_kind",
        "duty_exemption_reason",
        "duty_exemption_from",
        "duty_exemption_to",
        "ungeydelse_warning_on",
        "guardian_involvement",
        "next_follow_up_on",
        "information_class",
    ):
        if field in changes:
            setattr(plan, field, getattr(data, field))
    _settle_duty(plan, data, ctx)
    if "coordinating_caseworker" in changes and data.coordinating_caseworker is not None:
        plan.coordinating_sub = data.coordinating_caseworker.sub
        plan.coordinating_name = data.coordinating_caseworker.name
        plan.coordinating_department = data.coordinating_caseworker.department
    status_changed = status != plan.status
    if status_changed:
        if plan.status == "interrupted" and status not in rules.FINISHED:
            plan.resumed_on = ctx.today  # R5: the new activity (§8.2 needs the day)
        plan.status = status
        plan.status_changed_on = ctx.today
        if status == "interrupted":
            plan.interrupted_on = data.interrupted_on or ctx.today
            plan.dropout_contact_on = None
            plan.resumed_on = None
        if status in rules.FINISHED:
            plan.ended_on = max(ctx.today, plan.started_on)
    elif "interrupted_on" in changes and status == "interrupted" and data.interrupted_on is not None:
        plan.interrupted_on = data.interrupted_on
    if "dropout_contact_on" in changes:
        plan.dropout_contact_on = data.dropout_contact_on
    if plan.status == "interrupted":  # §8.1: when the youth left, and the contact after it
        check_event_date("interrupted_on", plan.interrupted_on, today=ctx.today, not_before=plan.started_on)
        check_event_date(
            "dropout_contact_on", plan.dropout_contact_on, today=ctx.today, not_before=plan.interrupted_on
        )
    elif "dropout_contact_on" in changes and plan.interrupted_on is not None:
        # R5 and §8.2: a contact missed while interrupted may be recorded after the plan resumed.
        check_event_date(
            "dropout_contact_on", plan.dropout_contact_on, today=ctx.today, not_before=plan.interrupted_on
        )
    if not rules.dropout_dates_valid(
        started_on=plan.started_on,
        interrupted_on=plan.interrupted_on if plan.status == "interrupted" else None,
        dropout_contact_on=plan.dropout_contact_on if plan.status == "interrupted" else None,
        today=ctx.today,
    ):
        raise InvalidDropoutDates()
    plan.status_reason = reason
    bump(plan)
    await session.flush()
    after = await _full(session, plan)
    snapshot = await _revise(
        session,
        ctx,
        plan,
        action="plan.status_changed" if status_changed else "plan.updated",
        subject_type="plan",
        subject_id=plan.id,
        changes=_diff(before, after),
        why=data.why,
    )
    action = ("update", "state_changed" if status_changed else "updated")
    detail = {"fields": sorted(changes), "revision": plan.revision}
    await PLANS.logged(session, ctx, plan, action, detail=detail, data={"status": plan.status})
    return await screen_one(session, ctx, RESOURCE, snapshot)


async def add_goal(session: AsyncSession, ctx: Ctx, plan_id: uuid.UUID, data: GoalCreate) -> GoalRead:
    plan = await _locked_plan(session, ctx, plan_id)
    await _check_open(session, ctx, plan)
    goal = _new_goal(plan, data, (await repository.next_positions(session, plan.id))[0])
    session.add(goal)
    return await _part_saved(session, ctx, plan, goal, to_goal_read, before=None, why=data.why)


async def change_goal(
    session: AsyncSession,
    ctx: Ctx,
    plan_id: uuid.UUID,
    goal_id: uuid.UUID,
    data: GoalUpdate,
    *,
    expected_version: int,
) -> GoalRead:
    plan = await _locked_plan(session, ctx, plan_id)
    goal = await repository.goal(session, plan.id, goal_id)
    if goal is None:
        raise GoalNotFound()
    check_version(expected_version, goal.version)
    await _check_open(session, ctx, plan)
    before = to_goal_read(goal)
    changes = data.model_dump(exclude_unset=True)
    for field in ("horizon", "description", "status"):
        if changes.get(field) is not None:
            setattr(goal, field, changes[field])
    if "target_on" in changes:
        goal.target_on = data.target_on
    bump(goal)
    return await _part_saved(session, ctx, plan, goal, to_goal_read, before=before, why=data.why)


async def add_measure(
    session: AsyncSession, ctx: Ctx, plan_id: uuid.UUID, data: MeasureCreate
) -> MeasureRead:
    """Adds a measure (indsats) of one of the caller's departments (admin: any)."""
    plan = await _locked_plan(session, ctx, plan_id)
    await _check_open(session, ctx, plan)
    await _check_measure_department(session, ctx, data.department_code)
    await _check_offer(session, data.offer_id)
    measure = _new_measure(plan, data, ctx, (await repository.next_positions(session, plan.id))[1])
    session.add(measure)
    return await _part_saved(session, ctx, plan, measure, to_measure_read, before=None, why=data.why)


async def change_measure(
    session: AsyncSession,
    ctx: Ctx,
    plan_id: uuid.UUID,
    measure_id: uuid.UUID,
    data: MeasureUpdate,
    *,
    expected_version: int,
) -> MeasureRead:
    """Changes a measure. A measure of a department the caller does not belong to is read-only
    for them (403 plan.measure_department_not_yours); admin may change all."""
    plan = await _locked_plan(session, ctx, plan_id)
    measure = await repository.measure(session, plan.id, measure_id)
    if measure is None:
        raise MeasureNotFound()
    if not rules.may_change_measure(
        measure.department_code, ctx.principal.departments, ctx.principal.has_role("admin")
    ):
        raise MeasureNotYours(department=measure.department_code)
    check_version(expected_version, measure.version)
    await _check_open(session, ctx, plan)
    before = to_measure_read(measure)
    changes = data.model_dump(exclude_unset=True)
    await _check_offer(session, changes.get("offer_id"))
    for field in ("title", "starts_on", "status"):
        if changes.get(field) is not None:
            setattr(measure, field, getattr(data, field))
    for field in ("description", "legal_basis", "legal_basis_code", "ends_on", "offer_id"):
        if field in changes:
            setattr(measure, field, getattr(data, field))
    if "responsible" in changes:
        measure.responsible_sub = data.responsible.sub if data.responsible else None
        measure.responsible_name = data.responsible.name if data.responsible else None
    _check_measure_dates(measure.starts_on, measure.ends_on)
    bump(measure)
    return await _part_saved(session, ctx, plan, measure, to_measure_read, before=before, why=data.why)


async def list_revisions(
    session: AsyncSession, ctx: Ctx, plan_id: uuid.UUID, *, limit: int, cursor: str | None
) -> tuple[list[RevisionSummary], str | None]:
    plan = await repository.find(session, ctx, plan_id, PlanNotFound)
    raw = decode_cursor(cursor, 1)
    after = None
    if raw is not None:
        if not isinstance(raw[0], int):
            raise InvalidCursor()
        after = raw[0]
    rows = await repository.revisions_page(session, plan.id, limit=limit, after=after)
    next_cursor = None
    if len(rows) > limit:
        rows = rows[:limit]
        next_cursor = encode_cursor([rows[-1].number])
    await REVISIONS.audited(session, ctx, plan)
    hidden = await _hidden_fields(session, ctx, plan)
    return [_revision_summary(r, hidden) for r in rows], next_cursor


async def read_revision(session: AsyncSession, ctx: Ctx, plan_id: uuid.UUID, number: int) -> RevisionRead:
    plan = await repository.find(session, ctx, plan_id, PlanNotFound)
    row = await repository.revision(session, plan.id, number)
    if row is None:
        raise RevisionNotFound(number=number)
    await REVISIONS.audited(session, ctx, plan, "read", {"revision": number})
    snapshot = await screen_one(session, ctx, RESOURCE, _as_classified(row.snapshot, plan))
    hidden = await _hidden_fields(session, ctx, plan)
    return RevisionRead(**_revision_summary(row, hidden).model_dump(), snapshot=snapshot)


async def plan_for_document(session: AsyncSession, ctx: Ctx, plan_id: uuid.UUID) -> tuple[PlanRead, Youth]:
    """The plan and its youth for the printable document; audited as an export."""
    plan = await repository.find(session, ctx, plan_id, PlanNotFound)
    youth = await visible_youth(session, ctx, plan.youth_id)
    read = await _full(session, plan)
    await PLANS.audited(session, ctx, plan, "export", {"format": "html", "revision": plan.revision})
    return await screen_one(session, ctx, RESOURCE, read), youth


async def target_group_for_document(
    session: AsyncSession, ctx: Ctx, youth_id: uuid.UUID
) -> TargetGroupAssessmentRead | None:
    """R6 on the printable plan: the youth's latest target-group assessment (plan_for_document
    has checked the youth and audited the export)."""
    return await latest_target_group_assessment(session, youth_id)


async def active_plan_summary(session: AsyncSession, youth_id: uuid.UUID) -> PlanSummary | None:
    """The youth's current plan (status not completed or closed; at most one, R2), for other
    domains: referrals (R18: a `stuck` plan may go to the phase-2 conference) and the overview.

    Unscoped and unaudited: the caller has already checked that the youth is visible and
    audits its own read.
    """
    row = await repository.current_for_youth(session, youth_id)
    return to_summary(row) if row else None

"""Use cases of school absence (skolefravær): record, read, list and change (R22/R23)."""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal
from typing import Any, TypedDict, Unpack

from sqlalchemy.ext.asyncio import AsyncSession

from ungeapi.absence import repository, rules
from ungeapi.absence.errors import (
    AbsenceExists,
    AbsenceNotFound,
    ChildBenefitIncomplete,
    ExternalRefOtherYouth,
    FollowUpNotOpen,
    InvalidAbsencePeriod,
    NotAnAbsenceTeam,
    SharesExceedTotal,
)
from ungeapi.absence.schemas import (
    AbsenceCreate,
    AbsenceFields,
    AbsenceFollowUp,
    AbsenceRead,
    AbsenceUpdate,
    AbsenceUpsert,
)
from ungeapi.core.changes import Ledger
from ungeapi.core.concurrency import check_version
from ungeapi.core.context import Ctx
from ungeapi.core.event_dates import check_event_date
from ungeapi.core.reads import Row
from ungeapi.core.schemas import from_row, to_row
from ungeapi.disclosure.screen import check_may_classify, screen, screen_one
from ungeapi.models import AbsenceRecord
from ungeapi.municipality.policy import Policy
from ungeapi.municipality.service import get_policy
from ungeapi.youth.schemas import ExternalRef
from ungeapi.youth.service import (
    check_age_window,
    check_youth_in_age_window,
    writable_youth,
    youth_records_page,
)

RESOURCE = "absence"
LEDGER = Ledger(RESOURCE)


def share(value: float) -> Decimal:
    """Shares are kept with two decimals, as the column holds them."""
    return Decimal(str(value)).quantize(Decimal("0.01"))


def checked_period(
    quarter: str | None, period_from: date | None, period_to: date | None
) -> tuple[date, date, str | None]:
    try:
        return rules.resolve_period(quarter, period_from, period_to)
    except rules.InvalidPeriod as exc:
        raise InvalidAbsencePeriod() from exc


def checked_shares(lawful: float, unlawful: float, sick: float) -> tuple[Decimal, Decimal, Decimal]:
    values = share(lawful), share(unlawful), share(sick)
    if not rules.shares_valid(*values):
        raise SharesExceedTotal()
    return values


def check_follow_up_dates(
    warned_on: date | None, notified_on: date | None, *, period_from: date, today: date
) -> None:
    """R22's steps are event dates (§8.1): not in the future, and not before the period whose
    absence they answer."""
    check_event_date("parents_warned_on", warned_on, today=today, not_before=period_from)
    check_event_date("municipality_notified_on", notified_on, today=today, not_before=period_from)


def level_for(unlawful: Decimal, policy: Policy) -> rules.Level:
    return rules.absence_level(unlawful, share(policy.absence_warning_pct), share(policy.absence_notify_pct))


def level_of(record: AbsenceRecord | Row, policy: Policy) -> rules.Level:
    return level_for(record.unlawful_pct, policy)


def to_read(record: AbsenceRecord | Row, policy: Policy) -> AbsenceRead:
    level = level_of(record, policy)
    return from_row(
        AbsenceRead,
        record,
        lawful_pct=float(record.lawful_pct),
        unlawful_pct=float(record.unlawful_pct),
        sick_pct=float(record.sick_pct),
        level=level,
        follow_up_due=rules.follow_up_due(level, record.parents_warned_on, record.municipality_notified_on),
        external_ref=(
            ExternalRef(system=record.external_system, id=record.external_id)
            if record.external_system and record.external_id
            else None
        ),
        follow_up_open=rules.follow_up_open(level, record.municipality_notified_on),
    )


async def record_absence(session: AsyncSession, ctx: Ctx, data: AbsenceCreate) -> AbsenceRead:
    """Records a youth's absence at a school in a period; R22/R23 give its level."""
    youth = await writable_youth(session, ctx, data.youth_id)
    await check_age_window(session, ctx, youth.birth_date)
    values = _checked_values(data, ctx)
    policy = await get_policy(session)
    record = to_row(
        AbsenceRecord,
        data,
        municipality_code=ctx.principal.municipality,
        youth_id=youth.id,
        **values,
        recorded_by_department=data.recorded_by_department or ctx.principal.primary_department,
        absence_team_department=_routed(values, data, policy),
        # The day it was recorded starts its follow-up (absence/obligations.py): the app's clock.
        created_at=ctx.now,
        updated_at=ctx.now,
    )
    await LEDGER.added(session, ctx, record, conflict=AbsenceExists)
    return await screen_one(session, ctx, RESOURCE, to_read(record, policy))


async def read_absence(session: AsyncSession, ctx: Ctx, record_id: uuid.UUID) -> AbsenceRead:
    record = await repository.read_one(session, ctx, record_id)
    if record is None:
        raise AbsenceNotFound()
    return await screen_one(session, ctx, RESOURCE, to_read(record, await get_policy(session)))


class AbsenceFilters(TypedDict):
    youth_id: uuid.UUID | None
    school_name: str | None


async def list_absence(
    session: AsyncSession, ctx: Ctx, *, limit: int, cursor: str | None, **filters: Unpack[AbsenceFilters]
) -> tuple[list[AbsenceRead], str | None]:
    rows, next_cursor = await youth_records_page(session, ctx, repository.PAGE, limit, cursor, **filters)
    policy = await get_policy(session)
    return await screen(session, ctx, RESOURCE, [to_read(r, policy) for r in rows]), next_cursor


async def change_absence(
    session: AsyncSession, ctx: Ctx, record_id: uuid.UUID, data: AbsenceUpdate, *, expected_version: int
) -> AbsenceRead:
    """Corrects the shares or records the R22 steps (parents warned, municipality notified)."""
    record = await repository.find(session, ctx, record_id, AbsenceNotFound, version=expected_version)
    await check_youth_in_age_window(session, ctx, record.youth_id)
    changes: dict[str, Any] = data.model_dump(exclude_unset=True)
    if "information_class" in changes:
        check_may_classify(ctx, RESOURCE, to_read(record, await get_policy(session)))
    lawful, unlawful, sick = checked_shares(
        data.lawful_pct if data.lawful_pct is not None else float(record.lawful_pct),
        data.unlawful_pct if data.unlawful_pct is not None else float(record.unlawful_pct),
        data.sick_pct if data.sick_pct is not None else float(record.sick_pct),
    )
    record.lawful_pct, record.unlawful_pct, record.sick_pct = lawful, unlawful, sick
    check_follow_up_dates(
        data.parents_warned_on, data.municipality_notified_on, period_from=record.period_from, today=ctx.today
    )
    for field in (
        "school_code",
        "school_days",
        "parents_warned_on",
        "municipality_notified_on",
        "information_class",
        "guide_contacted_on",
    ):
        if field in changes:
            setattr(record, field, changes[field])
    if changes.get("wellbeing_signal") is not None:
        record.wellbeing_signal = changes["wellbeing_signal"]
    check_event_date(
        "guide_contacted_on", data.guide_contacted_on, today=ctx.today, not_before=record.period_from
    )
    await _follow_up(session, ctx, record, changes)
    await LEDGER.saved(session, ctx, record, detail={"fields": sorted(changes)})
    return await screen_one(session, ctx, RESOURCE, to_read(record, await get_policy(session)))


def _checked_values(data: AbsenceFields, ctx: Ctx) -> dict[str, Any]:
    """The record's columns from `data`, through R22/R23's period, share and date checks."""
    period_from, period_to, quarter = checked_period(data.quarter, data.period_from, data.period_to)
    lawful, unlawful, sick = checked_shares(data.lawful_pct, data.unlawful_pct, data.sick_pct)
    check_follow_up_dates(
        data.parents_warned_on, data.municipality_notified_on, period_from=period_from, today=ctx.today
    )
    return {
        "school_name": data.school_name,
        "school_code": data.school_code,
        "quarter": quarter,
        "period_from": period_from,
        "period_to": period_to,
        "school_days": data.school_days,
        "lawful_pct": lawful,
        "unlawful_pct": unlawful,
        "sick_pct": sick,
        "parents_warned_on": data.parents_warned_on,
        "municipality_notified_on": data.municipality_notified_on,
    }


async def upsert_by_external(
    session: AsyncSession,
    ctx: Ctx,
    system: str,
    external_id: str,
    data: AbsenceUpsert,
    *,
    expected_version: int | None,
) -> tuple[AbsenceRead, bool]:
    """Creates or replaces the record a source system knows as (system, id), with the checks of
    POST /v1/absence (R1, R22/R23, §8.1); repeating it changes nothing. Returns (record, created).
    The record stays with its youth: a body naming another youth is refused (409)."""
    youth = await writable_youth(session, ctx, data.youth_id)
    await check_age_window(session, ctx, youth.birth_date)
    values = _checked_values(data, ctx)
    policy = await get_policy(session)
    record = await repository.get_by_external(session, system, external_id)
    if record is not None and record.youth_id != youth.id:
        raise ExternalRefOtherYouth(external=f"{system}/{external_id}")
    detail = {"external": f"{system}/{external_id}"}
    if record is None:
        record = AbsenceRecord(
            municipality_code=ctx.principal.municipality,
            youth_id=youth.id,
            external_system=system,
            external_id=external_id,
            recorded_by_department=data.recorded_by_department or ctx.principal.primary_department,
            absence_team_department=_routed(values, data, policy),
            created_at=ctx.now,
            updated_at=ctx.now,
            **values,
        )
        await LEDGER.added(session, ctx, record, conflict=AbsenceExists, detail=detail)
        return await screen_one(session, ctx, RESOURCE, to_read(record, policy)), True
    if expected_version is not None:
        check_version(expected_version, record.version)
    if data.recorded_by_department is not None:
        values["recorded_by_department"] = data.recorded_by_department
    changed = {k: v for k, v in values.items() if getattr(record, k) != v}
    period = (values["period_from"], values["period_to"])
    if {"school_name", "period_from", "period_to"} & changed.keys() and await repository.period_taken(
        session, youth.id, values["school_name"], period, other_than=record.id
    ):
        raise AbsenceExists()
    for field, value in changed.items():
        setattr(record, field, value)
    if changed:
        await LEDGER.saved(session, ctx, record, detail=detail)
    else:  # an unchanged record is no change event, but the source system's write is audited
        await LEDGER.audited(session, ctx, record, "update", detail)
    return await screen_one(session, ctx, RESOURCE, to_read(record, policy)), False


def _routed(values: dict[str, Any], data: AbsenceFields, policy: Policy) -> str | None:
    return routed_to(level_for(values["unlawful_pct"], policy), data.municipality_notified_on, policy)


def routed_to(level: rules.Level, notified_on: date | None, policy: Policy) -> str | None:
    """R22: the notification routes the follow-up to the municipality's absence team (setting)."""
    return policy.absence_team_department if rules.follow_up_open(level, notified_on) else None


FOLLOW_UP_FIELDS = tuple(AbsenceFollowUp.model_fields)
# The steps that answer the notification: not before it (§8.1).
AFTER_NOTIFICATION = ("parents_heard_on", "child_heard_on", "child_benefit_decided_on")


async def _follow_up(session: AsyncSession, ctx: Ctx, record: AbsenceRecord, changes: dict[str, Any]) -> None:
    """R22's follow-up on the merged record: its steps only once open (absence.follow_up_not_open),
    each step's day after the notification and not in the future, the child-benefit decision
    whole, the team an absence team; recording the notification routes it to the team."""
    policy = await get_policy(session)
    level = level_of(record, policy)
    opened = rules.follow_up_open(level, record.municipality_notified_on)
    if opened and record.absence_team_department is None and "absence_team_department" not in changes:
        record.absence_team_department = policy.absence_team_department
    steps = {f: v for f, v in changes.items() if f in FOLLOW_UP_FIELDS}
    if not steps:
        return
    if any(v is not None for v in steps.values()) and not opened:
        raise FollowUpNotOpen()
    for field in AFTER_NOTIFICATION:
        check_event_date(field, steps.get(field), today=ctx.today, not_before=record.municipality_notified_on)
    check_event_date(
        "back_at_school_on", steps.get("back_at_school_on"), today=ctx.today, not_before=record.period_from
    )
    team = steps.get("absence_team_department")
    if team is not None and not await repository.is_absence_team(session, team):
        raise NotAnAbsenceTeam(department=team)
    for field, value in steps.items():
        setattr(record, field, value)
    if not rules.child_benefit_recorded_fully(
        record.child_benefit_outcome, record.child_benefit_decided_on, record.child_benefit_decided_by
    ):
        raise ChildBenefitIncomplete()

"""The worklist: obligations computed from the current data by the rules, at request time.

Each rule contributes one set-based SELECT with the same columns (kind, youth_id, due_on,
departments, subs, subject_type, subject_id); they are combined with UNION ALL and filtered,
ordered and paginated in the database, so a whole municipality is one query.
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, cast

from sqlalchemy import (
    ColumnElement,
    Select,
    String,
    Subquery,
    any_,
    exists,
    func,
    literal,
    select,
    tuple_,
    union_all,
)
from sqlalchemy import cast as cast_
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from ungeapi.absence import obligations as absence_obligations
from ungeapi.concerns import obligations as concern_obligations
from ungeapi.core import audit, events, statements
from ungeapi.core.clock import start_of_day
from ungeapi.core.context import Ctx
from ungeapi.core.db import fetch
from ungeapi.core.messages import Language
from ungeapi.core.pagination import InvalidCursor, decode_cursor, encode_cursor
from ungeapi.core.permissions import MUNICIPALITY_WIDE_ROLES
from ungeapi.core.security import Principal
from ungeapi.guides import obligations as guide_obligations
from ungeapi.models import ObligationResolution
from ungeapi.municipality.policy import Policy
from ungeapi.municipality.service import get_policy
from ungeapi.obligations import messages, rules
from ungeapi.obligations.errors import NotResponsible, ObligationAlreadyResolved, ObligationNotFound
from ungeapi.obligations.narrowing import NARROWED
from ungeapi.obligations.rules import ObligationKey
from ungeapi.obligations.schemas import (
    ObligationRead,
    ObligationResolutionRead,
    ObligationResolve,
    ObligationSubject,
    ResolutionReason,
    Resolver,
)
from ungeapi.placements import obligations as placement_obligations
from ungeapi.plans import obligations as plan_obligations
from ungeapi.referrals import obligations as referral_obligations
from ungeapi.teams import obligations as team_obligations
from ungeapi.transitions import obligations as transition_obligations
from ungeapi.youth.service import writable_youth

Source = Callable[[Principal, date, Policy], Select[Any]]

SOURCES: dict[str, Source] = {
    guide_obligations.KIND: guide_obligations.offer_due,
    plan_obligations.DROPOUT_CONTACT: plan_obligations.dropout_contact_due,
    plan_obligations.NEW_ACTIVITY: plan_obligations.new_activity_due,
    plan_obligations.FOLLOW_UP: plan_obligations.follow_up_overdue,
    concern_obligations.ASSESSMENT_DUE: concern_obligations.assessment_due,
    concern_obligations.ACKNOWLEDGEMENT_DUE: concern_obligations.acknowledgement_due,
    referral_obligations.KIND: referral_obligations.referral_missing,
    absence_obligations.KIND: absence_obligations.follow_up_due,
    transition_obligations.UPDATE_DUE: transition_obligations.update_due,
    team_obligations.FIRST_MEETING_DUE: team_obligations.first_meeting_due,
    transition_obligations.FORM_DUE: transition_obligations.form_due,
    placement_obligations.YOUTH_PLAN_DUE: placement_obligations.youth_plan_due,
    placement_obligations.AFTERCARE_DECISION_DUE: placement_obligations.aftercare_decision_due,
}


def register(kind: str, source: Source) -> None:
    """Lets a domain add its rule's query to the worklist."""
    SOURCES[kind] = source


# Rules whose deadline is a moment rather than a day: kind -> the deadlines of the listed
# obligations by subject id. Their items carry `due_at` and are overdue the minute it passes.
Moments = Callable[[AsyncSession, Collection[str]], Awaitable[dict[str, datetime]]]
MOMENTS: dict[str, Moments] = {
    concern_obligations.ASSESSMENT_DUE: concern_obligations.assessment_deadlines,
}


def judged_at(ctx: Ctx, today: date) -> datetime:
    """The moment a worklist for `today` is judged at: the request's own moment for today, else the
    first moment of that day (so a deadline of the day before is overdue, as with dates)."""
    return ctx.now if today == ctx.today else start_of_day(today)


async def due_moments(
    session: AsyncSession, rows: Iterable[Mapping[Any, Any]]
) -> dict[tuple[str, str], datetime]:
    """The `due_at` of the listed obligations whose deadline is a moment, by (kind, subject id)."""
    wanted: dict[str, set[str]] = {}
    for row in rows:
        if row["kind"] in MOMENTS and row["subject_id"]:
            wanted.setdefault(row["kind"], set()).add(str(row["subject_id"]))
    found: dict[tuple[str, str], datetime] = {}
    for kind, subjects in wanted.items():
        for subject, moment in (await MOMENTS[kind](session, subjects)).items():
            found[kind, subject] = moment
    return found


def is_overdue(due_on: date, due_at: datetime | None, today: date, moment: datetime) -> bool:
    return moment > due_at if due_at is not None else due_on < today


# Placeholders for the worklist's own values in its compiled statements (core/statements.py has the
# caller's). None can be real: text never holds NUL, year 1 is no one's due date or as_of (the
# route allows 1900-2200), UUIDs 2 and 3 are no one's id, and a page is at most MAX_LIMIT + 1 rows.
RESPONSIBLE = "\x00responsible"
DEPARTMENT = "\x00filter_department"
DUE_BEFORE = date(1, 1, 5)
YOUTH = uuid.UUID(int=2)
AFTER = (date(1, 1, 6), "\x00after_kind", uuid.UUID(int=3), "\x00after_subject")
ROWS = 1_000_011
PLACEHOLDERS = statements.PLACEHOLDERS | {RESPONSIBLE, DEPARTMENT, DUE_BEFORE, YOUTH, *AFTER, ROWS}

After = tuple[date, str, uuid.UUID, str]

RESOLUTION = "obligation_resolution"
# A youth's obligations of one kind: a handful (R11 has one per missed window); bounded anyway.
ONE_YOUTH_ROWS = 1000


@dataclass(frozen=True)
class Variant:
    """What decides the worklist statement's structure and constants, besides the caller's shape:
    the day and the policy the rules compute their constants from, the rules asked for, and which
    filters are present (their values are bound per request)."""

    today: date
    policy_key: str
    kinds: tuple[str, ...]
    department: bool
    responsible: bool
    due_before: bool
    youth_id: bool
    after: bool
    policy: Policy = field(compare=False, hash=False)


def worklist_query(
    principal: Principal,
    today: date,
    policy: Policy,
    kinds: tuple[str, ...],
    *,
    rows: int,
    department: str | None,
    responsible: str | None,
    due_before: date | None,
    youth_id: uuid.UUID | None,
    after: After | None,
) -> Select[Any]:
    """The worklist's one statement: the union of the rules `kinds`, filtered, ordered, `rows` rows."""
    queries = [
        NARROWED[kind](principal, today, policy, responsible)
        if responsible is not None and kind in NARROWED
        else SOURCES[kind](principal, today, policy)
        for kind in kinds
    ]
    combined = union_all(*queries).subquery("obligation")
    o = combined.c
    subject_key = func.coalesce(o.subject_id, "")
    query = select(combined).where(unresolved(combined))
    if department is not None:
        query = query.where(literal(department) == any_(o.departments))
    if responsible is not None:
        query = query.where(literal(responsible) == any_(o.subs))
    if due_before is not None:
        query = query.where(o.due_on < due_before)
    if youth_id is not None:
        query = query.where(o.youth_id == youth_id)
    if after is not None:
        query = query.where(tuple_(o.due_on, o.kind, o.youth_id, subject_key) > tuple_(*after))
    return query.order_by(o.due_on, o.kind, o.youth_id, subject_key).limit(rows)


def unresolved(combined: Subquery) -> ColumnElement[bool]:
    """§8.2: the obligation has not been resolved with a reason (by the resolution's unique key)."""
    o, r = combined.c, ObligationResolution
    return ~exists(
        select(r.id).where(
            r.youth_id == o.youth_id,
            r.kind == o.kind,
            r.subject_id == func.coalesce(o.subject_id, ""),
            r.due_on == o.due_on,
        )
    )


def to_read(
    row: Mapping[Any, Any],
    today: date,
    lang: Language,
    moments: Mapping[tuple[str, str], datetime],
    moment: datetime,
) -> ObligationRead:
    """One row of the union as the API shows it; `moments` holds the deadlines that are moments
    (due_moments), judged at `moment` (judged_at)."""
    key = ObligationKey(
        kind=row["kind"], youth_id=row["youth_id"], subject_id=row["subject_id"] or "", due_on=row["due_on"]
    )
    due_at = moments.get((row["kind"], str(row["subject_id"])))
    return ObligationRead(
        key=str(key),
        kind=row["kind"],
        youth_id=row["youth_id"],
        due_on=row["due_on"],
        due_at=due_at,
        overdue=is_overdue(row["due_on"], due_at, today, moment),
        title=messages.CATALOGUE.obligation_title(row["kind"], lang),
        responsible_departments=sorted(row["departments"] or []),
        responsible_subs=sorted(row["subs"] or []),
        subject=(
            ObligationSubject(type=row["subject_type"], id=str(row["subject_id"]))
            if row["subject_type"]
            else None
        ),
    )


def _template_query(ctx: Ctx, v: Variant) -> Select[Any]:
    return worklist_query(
        ctx.principal,
        v.today,
        v.policy,
        v.kinds,
        rows=ROWS,
        department=DEPARTMENT if v.department else None,
        responsible=RESPONSIBLE if v.responsible else None,
        due_before=DUE_BEFORE if v.due_before else None,
        youth_id=YOUTH if v.youth_id else None,
        after=AFTER if v.after else None,
    )


# Compiled once per caller shape and variant: building the rules' queries and compiling them
# cost several times what PostgreSQL needs for one caseworker's list (bench/obligations.py).
TEMPLATES = statements.Templates(placeholders=PLACEHOLDERS, inline_constants=True)


async def worklist_rows(
    session: AsyncSession,
    ctx: Ctx,
    *,
    today: date,
    policy: Policy,
    kinds: tuple[str, ...],
    rows: int,
    department: str | None = None,
    responsible: str | None = None,
    due_before: date | None = None,
    youth_id: uuid.UUID | None = None,
    after: After | None = None,
) -> list[Any]:
    """The worklist's rows (`worklist_query`), from its statement compiled for the caller's shape."""
    variant = Variant(
        today=today,
        policy_key=policy.model_dump_json(),
        kinds=kinds,
        department=department is not None,
        responsible=responsible is not None,
        due_before=due_before is not None,
        youth_id=youth_id is not None,
        after=after is not None,
        policy=policy,
    )
    template = TEMPLATES.for_request(ctx, variant, lambda c: _template_query(c, variant))
    values = statements.values_of(ctx)
    values[ROWS] = rows
    values[RESPONSIBLE] = responsible
    values[DEPARTMENT] = department
    values[DUE_BEFORE] = due_before
    values[YOUTH] = youth_id
    if after is not None:
        values.update(zip(AFTER, after, strict=True))
    return await fetch(session, template.sql, template.bind(values))


async def list_obligations(
    session: AsyncSession,
    ctx: Ctx,
    lang: Language,
    *,
    today: date,
    limit: int,
    cursor: str | None,
    kinds: list[str] | None,
    department: str | None,
    responsible: str | None,
    due_before: date | None,
    youth_id: uuid.UUID | None,
) -> tuple[list[ObligationRead], str | None]:
    policy = await get_policy(session)
    selected = tuple(kind for kind in SOURCES if not kinds or kind in kinds)
    if not selected:
        return [], None
    after: After | None = None
    decoded = decode_cursor(cursor, 4)
    if decoded is not None:
        try:
            after = (
                date.fromisoformat(str(decoded[0])),
                str(decoded[1]),
                uuid.UUID(str(decoded[2])),
                str(decoded[3]),
            )
        except ValueError as exc:
            raise InvalidCursor() from exc
    rows = await worklist_rows(
        session,
        ctx,
        today=today,
        policy=policy,
        kinds=selected,
        rows=limit + 1,
        department=department,
        responsible=responsible,
        due_before=due_before,
        youth_id=youth_id,
        after=after,
    )
    next_cursor = None
    if len(rows) > limit:
        rows = rows[:limit]
        last = rows[-1]
        next_cursor = encode_cursor(
            [last["due_on"].isoformat(), last["kind"], str(last["youth_id"]), last["subject_id"] or ""]
        )
    moments = await due_moments(session, rows)
    moment = judged_at(ctx, today)
    items = [to_read(row, today, lang, moments, moment) for row in rows]
    youth_ids = sorted({item.youth_id for item in items})
    await audit.record_many(
        session, ctx, action="search", resource_type="obligation", subjects=[(None, y) for y in youth_ids]
    )
    return items, next_cursor


def resolution_read(row: ObligationResolution, lang: Language) -> ObligationResolutionRead:
    key = ObligationKey(kind=row.kind, youth_id=row.youth_id, subject_id=row.subject_id, due_on=row.due_on)
    return ObligationResolutionRead(
        id=row.id,
        key=str(key),
        kind=row.kind,
        youth_id=row.youth_id,
        subject=ObligationSubject(type=row.subject_type, id=row.subject_id) if row.subject_type else None,
        due_on=row.due_on,
        title=messages.CATALOGUE.obligation_title(row.kind, lang),
        reason=cast(ResolutionReason, row.reason),
        note=row.note,
        resolved_by=Resolver(
            sub=row.resolved_by_sub, name=row.resolved_by_name, department=row.resolved_by_department
        ),
        resolved_on=row.resolved_on,
        resolved_at=row.resolved_at,
        missed=rules.missed(row.due_on, row.resolved_on),
    )


async def resolve(
    session: AsyncSession, ctx: Ctx, lang: Language, key_text: str, data: ObligationResolve
) -> ObligationResolutionRead:
    """§8.2: resolve an open obligation with a reason. The caller must see the youth (else 404)
    and be among its responsible departments or people, or an admin (else 403); the obligation
    must be on the youth's worklist today (else 404) and not resolved already (409). Audited,
    and a change event; it then leaves the worklist and shows in the youth's overview."""
    key = rules.parse_key(key_text)
    if key is None or key.kind not in SOURCES:
        raise ObligationNotFound()
    youth = await writable_youth(session, ctx, key.youth_id)
    r = ObligationResolution
    existing = await session.execute(
        select(r.id).where(
            r.youth_id == key.youth_id,
            r.kind == key.kind,
            r.subject_id == key.subject_id,
            r.due_on == key.due_on,
        )
    )
    if existing.first() is not None:
        raise ObligationAlreadyResolved()
    policy = await get_policy(session)
    query = worklist_query(
        ctx.principal,
        ctx.today,
        policy,
        (key.kind,),
        rows=ONE_YOUTH_ROWS,
        department=None,
        responsible=None,
        due_before=None,
        youth_id=key.youth_id,
        after=None,
    )
    found = [
        row
        for row in (await session.execute(query)).mappings()
        if (row["subject_id"] or "") == key.subject_id and row["due_on"] == key.due_on
    ]
    if not found:
        raise ObligationNotFound()
    row = found[0]
    if not rules.may_resolve(ctx.principal, departments=row["departments"] or [], subs=row["subs"] or []):
        raise NotResponsible()
    inserted = await session.execute(
        insert(r)
        .values(
            municipality_code=youth.municipality_code,
            kind=key.kind,
            youth_id=key.youth_id,
            subject_type=row["subject_type"],
            subject_id=key.subject_id,
            due_on=key.due_on,
            reason=data.reason,
            note=data.note,
            resolved_by_sub=ctx.principal.sub,
            resolved_by_name=ctx.principal.name,
            resolved_by_department=ctx.principal.primary_department,
            resolved_on=ctx.today,
        )
        .on_conflict_do_nothing(index_elements=["youth_id", "kind", "subject_id", "due_on"])
        .returning(r)
    )
    resolution = inserted.scalar_one_or_none()
    if resolution is None:  # resolved concurrently by another request
        raise ObligationAlreadyResolved()
    detail = {"kind": key.kind, "due_on": key.due_on.isoformat(), "reason": data.reason}
    await audit.record(
        session,
        ctx,
        action="resolve",
        resource_type=RESOLUTION,
        resource_id=resolution.id,
        youth_id=key.youth_id,
        detail=detail,
    )
    await events.record(
        session,
        ctx,
        action="created",
        resource_type=RESOLUTION,
        resource_id=resolution.id,
        youth_id=key.youth_id,
        version=1,
    )
    return resolution_read(resolution, lang)


async def resolutions_of(
    session: AsyncSession, lang: Language, youth_id: uuid.UUID, *, limit: int
) -> list[ObligationResolutionRead]:
    """A youth's resolved obligations, newest first (the caller has checked the youth is visible)."""
    r = ObligationResolution
    rows = await session.execute(
        select(r).where(r.youth_id == youth_id).order_by(r.resolved_at.desc(), r.id.desc()).limit(limit)
    )
    return [resolution_read(row, lang) for row in rows.scalars()]


async def missed_counts(session: AsyncSession, ctx: Ctx, *, today: date) -> dict[str, dict[str, int]]:
    """§8.2 for statistics, per kind, over the whole municipality: `open_overdue` (on the worklist
    on `today`, past due, not resolved), `resolved_in_time` and `resolved_late` (resolutions
    made on or before `today`), `closed_late` (R11 windows an update closed after their end,
    unless resolved)."""
    policy = await get_policy(session)
    p = ctx.principal
    # Aggregate figures cover the municipality, not the caller's scope (as the other figures).
    everyone = Principal(sub=p.sub, name=p.name, municipality=p.municipality, roles=MUNICIPALITY_WIDE_ROLES)
    combined = union_all(*(source(everyone, today, policy) for source in SOURCES.values())).subquery(
        "obligation"
    )
    o = combined.c
    counts: dict[str, dict[str, int]] = {}

    def add(kind: str, figure: str, count: int) -> None:
        counts.setdefault(kind, {})[figure] = count

    for kind, count in await session.execute(
        select(o.kind, func.count()).where(o.due_on < today, unresolved(combined)).group_by(o.kind)
    ):
        add(kind, "open_overdue", count)
    r = ObligationResolution
    late = r.resolved_on > r.due_on
    for kind, in_time, too_late in await session.execute(
        select(r.kind, func.count().filter(~late), func.count().filter(late))
        .where(r.resolved_on <= today)
        .group_by(r.kind)
    ):
        add(kind, "resolved_in_time", in_time)
        add(kind, "resolved_late", too_late)
    closed = transition_obligations.closed_late(today, policy).subquery("closed_late")
    resolved = exists(
        select(r.id).where(
            r.youth_id == closed.c.youth_id,
            r.kind == transition_obligations.UPDATE_DUE,
            r.subject_id == cast_(closed.c.form_id, String),
            r.due_on == closed.c.due_on,
        )
    )
    count = (await session.execute(select(func.count()).select_from(closed).where(~resolved))).scalar_one()
    add(transition_obligations.UPDATE_DUE, "closed_late", int(count))
    return counts

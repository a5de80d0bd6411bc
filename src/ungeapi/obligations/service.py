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
from typing import Any

from sqlalchemy import Select, any_, func, literal, select, tuple_, union_all
from sqlalchemy.ext.asyncio import AsyncSession

from ungeapi.absence import obligations as absence_obligations
from ungeapi.concerns import obligations as concern_obligations
from ungeapi.core import audit, templates
from ungeapi.core.clock import start_of_day
from ungeapi.core.context import Ctx
from ungeapi.core.messages import Language, obligation_title
from ungeapi.core.pagination import InvalidCursor, decode_cursor, encode_cursor
from ungeapi.core.security import Principal
from ungeapi.guides import obligations as guide_obligations
from ungeapi.municipality.policy import Policy
from ungeapi.municipality.service import get_policy
from ungeapi.obligations.narrowing import NARROWED
from ungeapi.obligations.schemas import ObligationRead, ObligationSubject
from ungeapi.placements import obligations as placement_obligations
from ungeapi.plans import obligations as plan_obligations
from ungeapi.referrals import obligations as referral_obligations
from ungeapi.teams import obligations as team_obligations
from ungeapi.transitions import obligations as transition_obligations

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


# Placeholders for the worklist's own values in its compiled statements (core/templates.py has the
# caller's). None can be real: text never holds NUL, year 1 is no one's due date or as_of (the
# route allows 1900-2200), UUIDs 2 and 3 are no one's id, and a page is at most MAX_LIMIT + 1 rows.
RESPONSIBLE = "\x00responsible"
DEPARTMENT = "\x00filter_department"
DUE_BEFORE = date(1, 1, 5)
YOUTH = uuid.UUID(int=2)
AFTER = (date(1, 1, 6), "\x00after_kind", uuid.UUID(int=3), "\x00after_subject")
ROWS = 1_000_011
PLACEHOLDERS = templates.PLACEHOLDERS | {RESPONSIBLE, DEPARTMENT, DUE_BEFORE, YOUTH, *AFTER, ROWS}

After = tuple[date, str, uuid.UUID, str]


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
    query = select(combined)
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
TEMPLATES = templates.Templates(placeholders=PLACEHOLDERS, inline_constants=True)


async def fetch(session: AsyncSession, sql: str, args: list[Any]) -> list[Any]:
    """Runs compiled SQL on the session's own connection, inside the request's transaction (so
    under its tenant setting). Through the driver-level call, not the ORM: nothing is compiled,
    and the driver adapter keeps the statement prepared per connection, so PostgreSQL can keep
    one plan for it (a statement this size takes longer to plan than to run)."""
    connection = await session.connection()
    return list((await connection.exec_driver_sql(sql, tuple(args))).mappings())


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
    variant = Variant(
        today=today,
        policy_key=policy.model_dump_json(),
        kinds=selected,
        department=department is not None,
        responsible=responsible is not None,
        due_before=due_before is not None,
        youth_id=youth_id is not None,
        after=after is not None,
        policy=policy,
    )
    template = TEMPLATES.for_caller(ctx.principal, variant, lambda c: _template_query(c, variant))
    rows: list[Any]
    if template is None:  # a caller of a shape not kept compiled (see templates.shape)
        query = worklist_query(
            ctx.principal,
            today,
            policy,
            selected,
            rows=limit + 1,
            department=department,
            responsible=responsible,
            due_before=due_before,
            youth_id=youth_id,
            after=after,
        )
        rows = list((await session.execute(query)).mappings())
    else:
        values = templates.values_of(ctx)
        values[ROWS] = limit + 1
        values[RESPONSIBLE] = responsible
        values[DEPARTMENT] = department
        values[DUE_BEFORE] = due_before
        values[YOUTH] = youth_id
        if after is not None:
            values.update(zip(AFTER, after, strict=True))
        rows = await fetch(session, template.sql, template.bind(values))
    next_cursor = None
    if len(rows) > limit:
        rows = rows[:limit]
        last = rows[-1]
        next_cursor = encode_cursor(
            [last["due_on"].isoformat(), last["kind"], str(last["youth_id"]), last["subject_id"] or ""]
        )
    moments = await due_moments(session, rows)
    moment = judged_at(ctx, today)
    items = [
        ObligationRead(
            kind=row["kind"],
            youth_id=row["youth_id"],
            due_on=row["due_on"],
            due_at=(due_at := moments.get((row["kind"], str(row["subject_id"])))),
            overdue=is_overdue(row["due_on"], due_at, today, moment),
            title=obligation_title(row["kind"], lang),
            responsible_departments=sorted(row["departments"] or []),
            responsible_subs=sorted(row["subs"] or []),
            subject=(
                ObligationSubject(type=row["subject_type"], id=str(row["subject_id"]))
                if row["subject_type"]
                else None
            ),
        )
        for row in rows
    ]
    youth_ids = sorted({item.youth_id for item in items})
    await audit.record_many(
        session, ctx, action="search", resource_type="obligation", subjects=[(None, y) for y in youth_ids]
    )
    return items, next_cursor

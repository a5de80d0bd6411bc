"""Every query of the worklist: the rules' set-based SELECTs combined into one statement (compiled
once per caller shape and variant), and the resolutions that take an obligation off it.

Each rule contributes one set-based SELECT with the same columns (kind, youth_id, due_on,
departments, subs, subject_type, subject_id); they are combined with UNION ALL and filtered,
ordered and paginated in the database, so a whole municipality is one query.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import (
    ColumnElement,
    RowMapping,
    Select,
    String,
    Subquery,
    any_,
    cast,
    exists,
    func,
    literal,
    select,
    tuple_,
    union_all,
)
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from ungeapi.absence import obligations as absence_obligations
from ungeapi.assessments import obligations as assessments
from ungeapi.concerns import obligations as concern_obligations
from ungeapi.core import statements
from ungeapi.core.context import Ctx
from ungeapi.core.db import fetch, use_generic_plans
from ungeapi.core.security import Principal
from ungeapi.documents import obligations as document_obligations
from ungeapi.education_orders import obligations as education_order_obligations
from ungeapi.guides import obligations as guide_obligations
from ungeapi.models import ObligationResolution
from ungeapi.municipality.policy import Policy
from ungeapi.obligations import youth_statements as statement_obligations
from ungeapi.obligations.narrowing import FOR_YOUTH, NARROWED
from ungeapi.obligations.rules import ObligationKey
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
    plan_obligations.DUTY_UNSTATED: plan_obligations.duty_unstated,
    plan_obligations.UNGEYDELSE_WARNING: plan_obligations.ungeydelse_warning_due,
    concern_obligations.ASSESSMENT_DUE: concern_obligations.assessment_due,
    concern_obligations.ACKNOWLEDGEMENT_DUE: concern_obligations.acknowledgement_due,
    referral_obligations.KIND: referral_obligations.referral_missing,
    absence_obligations.KIND: absence_obligations.follow_up_due,
    transition_obligations.UPDATE_DUE: transition_obligations.update_due,
    team_obligations.FIRST_MEETING_DUE: team_obligations.first_meeting_due,
    transition_obligations.FORM_DUE: transition_obligations.form_due,
    placement_obligations.YOUTH_PLAN_DUE: placement_obligations.youth_plan_due,
    placement_obligations.AFTERCARE_DECISION_DUE: placement_obligations.aftercare_decision_due,
    document_obligations.DECISION_UNJOURNALIZED: document_obligations.decision_unjournalized,
    # R6, R21 and the absence path after the notification (R22/R23, Helsingør's trigger).
    assessments.TARGET_GROUP_DUE: assessments.target_group_assessment_due,
    assessments.DISABILITY_START_DUE: assessments.disability_transition_start_due,
    assessments.DISABILITY_COMPLETION_DUE: assessments.disability_transition_completion_due,
    absence_obligations.HEARING_DUE: absence_obligations.hearing_due,
    absence_obligations.RETURN_DUE: absence_obligations.return_follow_up_due,
    absence_obligations.GUIDE_PROMPT_DUE: absence_obligations.guide_prompt_due,
    education_order_obligations.ASSESSMENT_DUE: education_order_obligations.assessment_due,
    education_order_obligations.PROPOSAL_DUE: education_order_obligations.proposal_due,
    education_order_obligations.APPLICATION_DUE: education_order_obligations.application_due,
    statement_obligations.RESPONSE_DUE: statement_obligations.response_due,
}


def register(kind: str, source: Source) -> None:
    """Lets a domain add its rule's query to the worklist."""
    SOURCES[kind] = source


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
        FOR_YOUTH[kind](principal, today, policy, youth_id, responsible)
        if youth_id is not None and kind in FOR_YOUTH
        else NARROWED[kind](principal, today, policy, responsible)
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
    await use_generic_plans(session)
    return await fetch(session, template.sql, template.bind(values))


async def youth_worklist(
    session: AsyncSession, ctx: Ctx, policy: Policy, kind: str, youth_id: uuid.UUID, *, rows: int
) -> Sequence[RowMapping]:
    """The youth's unresolved obligations of `kind` on the caller's worklist today."""
    query = worklist_query(
        ctx.principal,
        ctx.today,
        policy,
        (kind,),
        rows=rows,
        department=None,
        responsible=None,
        due_before=None,
        youth_id=youth_id,
        after=None,
    )
    found: Sequence[RowMapping] = (await session.execute(query)).mappings().all()
    return found


async def is_resolved(session: AsyncSession, key: ObligationKey) -> bool:
    r = ObligationResolution
    existing = await session.execute(
        select(r.id).where(
            r.youth_id == key.youth_id,
            r.kind == key.kind,
            r.subject_id == key.subject_id,
            r.due_on == key.due_on,
        )
    )
    return existing.first() is not None


async def add_resolution(session: AsyncSession, values: dict[str, Any]) -> ObligationResolution | None:
    """The resolution written, or None when the obligation was resolved already (by its unique key,
    so also by a concurrent request)."""
    r = ObligationResolution
    inserted = await session.execute(
        insert(r)
        .values(**values)
        .on_conflict_do_nothing(
            index_elements=["youth_id", "kind", "subject_id", "due_on", "municipality_code"]
        )
        .returning(r)
    )
    return inserted.scalar_one_or_none()


async def resolutions_of_youth(
    session: AsyncSession, youth_id: uuid.UUID, *, limit: int
) -> list[ObligationResolution]:
    """Newest first."""
    r = ObligationResolution
    rows = await session.execute(
        select(r).where(r.youth_id == youth_id).order_by(r.resolved_at.desc(), r.id.desc()).limit(limit)
    )
    return list(rows.scalars())


async def open_overdue_by_kind(
    session: AsyncSession, principal: Principal, today: date, policy: Policy
) -> list[tuple[str, int]]:
    """(kind, count) of the unresolved obligations every rule finds for `principal`, due before
    `today`."""
    combined = union_all(*(source(principal, today, policy) for source in SOURCES.values())).subquery(
        "obligation"
    )
    o = combined.c
    query = select(o.kind, func.count()).where(o.due_on < today, unresolved(combined)).group_by(o.kind)
    return [(kind, count) for kind, count in await session.execute(query)]


async def resolutions_by_kind(session: AsyncSession, today: date) -> list[tuple[str, int, int]]:
    """(kind, resolved in time, resolved late) of the resolutions made on or before `today`."""
    r = ObligationResolution
    late = r.resolved_on > r.due_on
    query = (
        select(r.kind, func.count().filter(~late), func.count().filter(late))
        .where(r.resolved_on <= today)
        .group_by(r.kind)
    )
    return [(kind, in_time, too_late) for kind, in_time, too_late in await session.execute(query)]


async def closed_late_unresolved(session: AsyncSession, today: date, policy: Policy) -> int:
    """R11 update windows an update closed after their end, without a resolution."""
    r = ObligationResolution
    closed = transition_obligations.closed_late(today, policy).subquery("closed_late")
    resolved = exists(
        select(r.id).where(
            r.youth_id == closed.c.youth_id,
            r.kind == transition_obligations.UPDATE_DUE,
            r.subject_id == cast(closed.c.form_id, String),
            r.due_on == closed.c.due_on,
        )
    )
    count = (await session.execute(select(func.count()).select_from(closed).where(~resolved))).scalar_one()
    return int(count)

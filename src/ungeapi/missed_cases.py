"""§8.2 in SQL for the duties that hold while a youth has certain open cases (R8, R10, R13).

`missed_case_duties` is ungeapi.missed.missed_case_duties as one set-based subquery: per youth,
the last days on which such a duty held before it stopped (a case closed and the cases left no
longer sufficed, or the youth reached the end of the age range), and the duty's due day as it
stood on that day. Every last day lies before the worklist's day, and only duties due on or
before their last day are kept, so every row is a missed, overdue obligation. The rule's own
query adds what satisfies it (a guide offered, a referral sent, a form made).

Responsible: the departments and caseworkers of the cases open on the last day (closed since,
or still open when the age range ended), as while the duty held. Visibility is not widened: the
rule's query keeps `youth_visible`, so a department whose case closed sees the obligation only
while it still sees the youth another way (as R19/R20 do, placements/obligations.py).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from sqlalchemy import (
    Date,
    Select,
    String,
    Subquery,
    and_,
    cast,
    distinct,
    false,
    func,
    literal,
    null,
    or_,
    select,
    true,
    union_all,
)
from sqlalchemy.dialects.postgresql import ARRAY, aggregate_order_by
from sqlalchemy.orm import aliased
from sqlalchemy.sql.elements import ColumnElement

from ungeapi.models import Youth, YouthCase

# Which cases give the duty, over a given alias of youth_case.
Qualifies = Callable[[type[YouthCase]], ColumnElement[bool]]

# Made once (aliased() per call is costly); each role its own alias, so no subquery correlates
# with another's youth_case. Shared by the rules' queries: each is its own scope.
_CLOSING, _AT_AGE, _HELD, _NEXT, _SUBS, _MINE, _FEW = (aliased(YouthCase) for _ in range(7))
_BORN, _AGED = aliased(Youth), aliased(Youth)
# For the duties that hold today: the responsible caseworker's own open cases, and the youth.
_OWN, _NOW = aliased(YouthCase), aliased(Youth)


def _open_on(c: type[YouthCase], day: ColumnElement[date]) -> ColumnElement[bool]:
    return and_(c.opened_on <= day, or_(c.closed_on.is_(None), c.closed_on > day))


def missed_case_duties(
    qualifies: Qualifies,
    *,
    today: date,
    from_age: int,
    until_age: int,
    departments: int = 1,
    responsible: str | None = None,
    youth: Any = None,
    name: str,
    roughly: Qualifies | None = None,
) -> Subquery:
    """Columns: youth_id, last_day, due_on, departments, subs. `qualifies` says which cases give
    the duty; at least `departments` distinct departments must hold such a case open; due on
    the `from_age` birthday or the day the `departments`-th department's first such case opened
    (among those open on the last day), the later. With `responsible`, only youth of whom that
    caseworker ever held such a case (a superset of the rows naming them; ix_youth_case_caseworker).
    With `youth` (an id or its placeholder), only that youth's cases: one youth's obligations (the
    overview) without computing the municipality's.
    `roughly`, when given, is a cheaper superset of `qualifies` for finding the candidate last
    days over the municipality's cases (each is then judged by `qualifies` itself)."""
    rough = roughly or qualifies
    closing, at_age, held, nxt, subs_case, mine, few = _CLOSING, _AT_AGE, _HELD, _NEXT, _SUBS, _MINE, _FEW
    born, aged = _BORN, _AGED

    def narrowed(c: type[YouthCase]) -> ColumnElement[bool]:
        conditions = []
        if responsible is not None:
            mine_held = select(mine.youth_id).where(mine.caseworker_sub == responsible, qualifies(mine))
            conditions.append(c.youth_id.in_(mine_held))
        if youth is not None:
            conditions.append(c.youth_id == youth)
        return and_(true(), *conditions)

    # Only youth who ever held such cases in enough departments can have had the duty: a cheap
    # filter (once, hashed) before the per-day work, for rules that need several departments.
    # Narrowed like the cases it filters (a youth's pairs are kept or dropped whole), so one
    # caseworker's list does not count the departments of every youth of the municipality.
    pairs = (
        select(few.youth_id, few.department_code)
        .where(rough(few), narrowed(few))
        .distinct()
        .subquery(f"{name}_pairs")
    )
    several = (
        select(pairs.c.youth_id)
        .group_by(pairs.c.youth_id)
        .having(func.count() >= departments)
        .cte(f"{name}_several")
    )

    def candidates(c: type[YouthCase]) -> ColumnElement[bool]:
        return true() if departments <= 1 else c.youth_id.in_(select(several.c.youth_id))

    # The last days: a qualifying case's last open day (closed on or before today), and the day
    # before the birthday that ends the range while such a case was open.
    by_closing = select(
        closing.youth_id.label("youth_id"),
        cast(closing.closed_on - 1, Date).label("last_day"),
        false().label("by_age"),
    ).where(
        rough(closing),
        closing.closed_on <= today,
        closing.closed_on > closing.opened_on,
        narrowed(closing),
        candidates(closing),
    )
    # The birth date per case by its primary key, behind OFFSET 0 so PostgreSQL keeps it a
    # lookup per qualifying case instead of hashing every youth of the municipality.
    with_birth = (
        select(
            at_age.youth_id,
            at_age.opened_on,
            at_age.closed_on,
            select(aged.birth_date).where(aged.id == at_age.youth_id).scalar_subquery().label("birth_date"),
        )
        .where(
            rough(at_age),
            or_(at_age.closed_on.is_(None), at_age.closed_on > at_age.opened_on),
            narrowed(at_age),
            candidates(at_age),
        )
        .offset(0)
        .subquery(f"{name}_aged")
    )
    end = func.ungeapi_date_turning(with_birth.c.birth_date, until_age)
    by_age = select(
        with_birth.c.youth_id.label("youth_id"),
        cast(end - 1, Date).label("last_day"),
        true().label("by_age"),
    ).where(
        end <= today,
        with_birth.c.opened_on < end,
        or_(with_birth.c.closed_on.is_(None), with_birth.c.closed_on >= end),
    )
    both = union_all(by_closing, by_age).subquery(f"{name}_stops")
    stops = (
        select(
            both.c.youth_id,
            both.c.last_day,
            func.bool_or(both.c.by_age).label("by_age"),
        )
        .group_by(both.c.youth_id, both.c.last_day)
        .subquery(f"{name}_stop")
    )
    # Per last day: each department holding a qualifying case open that day, and its first.
    per_department = (
        select(held.department_code.label("department"), func.min(held.opened_on).label("first_opened"))
        .where(held.youth_id == stops.c.youth_id, qualifies(held), _open_on(held, stops.c.last_day))
        .group_by(held.department_code)
        .lateral(f"{name}_held")
    )
    next_day = cast(stops.c.last_day + 1, Date)
    still_held = (
        select(func.count(distinct(nxt.department_code)))
        .where(nxt.youth_id == stops.c.youth_id, qualifies(nxt), _open_on(nxt, next_day))
        .scalar_subquery()
    )
    caseworkers = func.array_remove(
        func.array(
            select(distinct(subs_case.caseworker_sub))
            .where(
                subs_case.youth_id == stops.c.youth_id,
                qualifies(subs_case),
                _open_on(subs_case, stops.c.last_day),
            )
            .scalar_subquery()
        ),
        null(),
        type_=ARRAY(String),
    )
    nth = func.array_agg(
        aggregate_order_by(per_department.c.first_opened, per_department.c.first_opened), type_=ARRAY(Date)
    )[departments]
    due_on = func.greatest(func.ungeapi_date_turning(born.birth_date, from_age), nth)
    return (
        select(
            stops.c.youth_id,
            stops.c.last_day,
            due_on.label("due_on"),
            func.array_agg(
                aggregate_order_by(per_department.c.department, per_department.c.department),
                type_=ARRAY(String),
            ).label("departments"),
            func.coalesce(caseworkers, cast(literal([], ARRAY(String)), ARRAY(String))).label("subs"),
        )
        .select_from(stops)
        .join(per_department, true())
        .join(born, born.id == stops.c.youth_id)
        .where(
            # A closing after the range ended ended nothing; one the next day still held did not.
            or_(
                stops.c.by_age,
                and_(
                    stops.c.last_day < func.ungeapi_date_turning(born.birth_date, until_age),
                    still_held < departments,
                ),
            )
        )
        .group_by(stops.c.youth_id, stops.c.last_day, born.birth_date)
        .having(func.count() >= departments, due_on <= stops.c.last_day)
        .subquery(name)
    )


def held_by(responsible: str, today: date) -> ColumnElement[bool]:
    """YouthCase's youth has a case of the caseworker `responsible` open on `today`: a rule's
    `responsible` narrowing, found through ix_youth_case_caseworker instead of aggregating the
    whole municipality's open cases."""
    own = _OWN
    return YouthCase.youth_id.in_(
        select(own.youth_id).where(
            own.caseworker_sub == responsible,
            own.opened_on <= today,
            own.closed_on.is_(None) | (own.closed_on > today),
        )
    )


def case_duties_today(
    which: ColumnElement[bool],
    *,
    from_age: int,
    born_on_or_before: date,
    born_after: date,
    name: str,
) -> Select[Any]:
    """The duties that hold today for the youth born within the bounds with cases (YouthCase)
    that `which` lets through: due on the `from_age` birthday or the first such case's opening,
    the later; responsible: those cases' departments and caseworkers.

    Columns: youth_id, due_on, departments, subs (the `current` of youth_duty_rows)."""
    c = YouthCase
    cases = (
        select(
            c.youth_id,
            func.min(c.opened_on).label("first_opened"),
            func.array_agg(distinct(c.department_code), type_=ARRAY(String)).label("departments"),
            func.array_remove(
                func.array_agg(distinct(c.caseworker_sub), type_=ARRAY(String)), null(), type_=ARRAY(String)
            ).label("subs"),
        )
        .where(which)
        .group_by(c.youth_id)
        .subquery(name)
    )
    now = _NOW
    return (
        select(
            now.id.label("youth_id"),
            func.greatest(func.ungeapi_date_turning(now.birth_date, from_age), cases.c.first_opened).label(
                "due_on"
            ),
            cases.c.departments.label("departments"),
            func.coalesce(cases.c.subs, cast(literal([], ARRAY(String)), ARRAY(String))).label("subs"),
        )
        .join(cases, cases.c.youth_id == now.id)
        .where(now.birth_date <= born_on_or_before, now.birth_date > born_after)
    )


def youth_duty_rows(
    kind: str,
    current: Select[Any],
    missed: Subquery,
    *,
    name: str,
    where: Sequence[ColumnElement[bool]],
    missed_where: Sequence[ColumnElement[bool]] = (),
) -> Select[tuple[object, ...]]:
    """The worklist's rows of a youth-level duty (no subject): the duties that hold today
    (`current`: youth_id, due_on, departments, subs) and those missed before they stopped
    (`missed`, from missed_case_duties, kept where `missed_where`), of youth not archived that
    `where` (what satisfies the duty, visibility) still lets through.

    Columns: kind, youth_id, due_on, departments, subs, subject_type, subject_id."""
    duties = union_all(
        current,
        select(missed.c.youth_id, missed.c.due_on, missed.c.departments, missed.c.subs).where(*missed_where),
    ).subquery(name)
    return (
        select(
            literal(kind, String).label("kind"),
            Youth.id.label("youth_id"),
            duties.c.due_on.label("due_on"),
            duties.c.departments.label("departments"),
            duties.c.subs.label("subs"),
            null().label("subject_type"),
            null().label("subject_id"),
        )
        .join(duties, duties.c.youth_id == Youth.id)
        .where(Youth.archived_at.is_(None), *where)
    )

"""R19 and R20 as set-based queries over placed youth (a case of kind `placement`)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import (
    Date,
    Select,
    String,
    Subquery,
    all_,
    case,
    cast,
    distinct,
    exists,
    func,
    literal,
    null,
    select,
)
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import aliased
from sqlalchemy.sql.elements import ColumnElement

from ungeapi.access import case_open_on, youth_visible
from ungeapi.core.security import Principal
from ungeapi.models import AftercareDecision, Department, Youth, YouthCase, YouthPlan
from ungeapi.municipality.policy import Policy
from ungeapi.placements import rules
from ungeapi.youth.rules import latest_birth_date_for_age

YOUTH_PLAN_DUE = "youth_plan.due"
AFTERCARE_DECISION_DUE = "aftercare.decision_due"


# The youth whose birthdays bound the duties, inside the per-case subquery (made once: aliased()
# per call is costly; aliased so it does not correlate with the outer query's youth).
_BORN = aliased(Youth)
# The adult area's cases of the youth (aliased: youth_visible's clauses read youth_case too).
_ADULT_CASE = aliased(YouthCase)
# The responsible caseworker's cases, open or closed (`responsible=`).
_EVER_HELD = aliased(YouthCase)


def _duties(
    today: date, *, from_age: int, due_of: ColumnElement[date], responsible: str | None = None
) -> Subquery:
    """Per youth: the earliest due date its placement cases give the duty (rules._due_on), and
    the departments and caseworkers of those cases (who own the case).

    A placement case open on `today`, while the youth is between `from_age` and 18, gives the
    duty; so does one that was still open on its own due date, when that day lay before the
    18th birthday and has passed (§8.2: a missed deadline stays after 18 and after the placement
    ended). `due_of` is the per-case due date over YouthCase and _BORN.

    With `responsible`, only youth of whom that caseworker holds or held a case (R19 and R20
    stay with the placement's caseworker after it ended, §8.2): found through
    ix_youth_case_caseworker before aggregating, instead of every placement of the municipality.
    A superset of the rows naming them (the worklist filters `subs` exactly on top)."""
    c, born = YouthCase, _BORN
    held = _EVER_HELD
    narrowed = (
        [c.youth_id.in_(select(held.youth_id).where(held.caseworker_sub == responsible))]
        if responsible is not None
        else []
    )
    adult = func.ungeapi_date_turning(born.birth_date, rules.ADULT_AGE)
    return (
        select(
            c.youth_id,
            func.min(due_of).label("due_on"),
            func.array_agg(distinct(c.department_code), type_=ARRAY(String)).label("departments"),
            func.array_remove(
                func.array_agg(distinct(c.caseworker_sub), type_=ARRAY(String)), null(), type_=ARRAY(String)
            ).label("subs"),
        )
        .join(born, born.id == c.youth_id)
        .where(
            c.kind == rules.PLACEMENT_KIND,
            (
                case_open_on(today)
                & (born.birth_date <= latest_birth_date_for_age(today, from_age))
                & (born.birth_date > latest_birth_date_for_age(today, rules.ADULT_AGE))
            )
            | ((due_of < today) & (due_of < adult) & (c.closed_on.is_(None) | (c.closed_on > due_of))),
            *narrowed,
        )
        .group_by(c.youth_id)
        .subquery("placed")
    )


def _responsible_departments(placed: Subquery, today: date) -> ColumnElement[list[str]]:
    """rules.responsible_departments: the placement cases' departments, and from the 18th
    birthday also the adult area that takes over (departments of a kind in
    rules.ADULT_AREA_KINDS holding a case of the youth open on `today`). A correlated subquery
    per obligation, not an aggregate over the municipality's cases."""
    a = _ADULT_CASE
    adult_area = (
        select(distinct(a.department_code))
        .where(
            a.youth_id == Youth.id,
            a.opened_on <= today,
            a.closed_on.is_(None) | (a.closed_on > today),
            a.department_code.in_(select(Department.code).where(Department.kind.in_(rules.ADULT_AREA_KINDS))),
            a.department_code != all_(placed.c.departments),
        )
        .scalar_subquery()
    )
    return case(
        (
            Youth.birth_date <= latest_birth_date_for_age(today, rules.ADULT_AGE),
            func.array_cat(placed.c.departments, func.array(adult_area), type_=ARRAY(String)),
        ),
        else_=placed.c.departments,
    )


def _add_months(day: ColumnElement[date], months: int) -> ColumnElement[date]:
    """rules.add_months in SQL: PostgreSQL clamps the day to the month's end the same way."""
    return cast(day + func.make_interval(0, months), Date)


def youth_plan_due(
    principal: Principal, today: date, policy: Policy, *, responsible: str | None = None
) -> Select[tuple[object, ...]]:
    """R19 (rules.youth_plan_due_on): a placed youth from the 16th birthday until the 18th with
    no recorded youth plan; due 3 months after the 16th birthday or the placement's opening,
    the later; once missed it stays, overdue, after 18 (§8.2). Responsible: see _duties.

    Columns: kind, youth_id, due_on, departments, subs, subject_type, subject_id."""
    starts = func.greatest(
        func.ungeapi_date_turning(_BORN.birth_date, rules.YOUTH_PLAN_AGE), YouthCase.opened_on
    )
    placed = _duties(
        today,
        from_age=rules.YOUTH_PLAN_AGE,
        due_of=_add_months(starts, rules.YOUTH_PLAN_MONTHS),
        responsible=responsible,
    )
    return _select(YOUTH_PLAN_DUE, placed, satisfied_by=YouthPlan, principal=principal, today=today)


def aftercare_decision_due(
    principal: Principal, today: date, policy: Policy, *, responsible: str | None = None
) -> Select[tuple[object, ...]]:
    """R20 (rules.aftercare_decision_due_on): a placed youth from the 17th birthday until the
    18th with no recorded decision on support after 18; due 6 months before the 18th birthday
    or on the placement's opening, the later; once missed it stays, overdue, after 18 (§8.2).
    Responsible: see _duties.

    Columns: kind, youth_id, due_on, departments, subs, subject_type, subject_id."""
    deadline = _add_months(
        func.ungeapi_date_turning(_BORN.birth_date, rules.ADULT_AGE), -rules.AFTERCARE_MONTHS_BEFORE_18
    )
    placed = _duties(
        today,
        from_age=rules.AFTERCARE_NOTICE_AGE,
        due_of=func.greatest(deadline, YouthCase.opened_on),
        responsible=responsible,
    )
    return _select(
        AFTERCARE_DECISION_DUE, placed, satisfied_by=AftercareDecision, principal=principal, today=today
    )


def _select(
    kind: str,
    placed: Subquery,
    *,
    satisfied_by: type[YouthPlan] | type[AftercareDecision],
    principal: Principal,
    today: date,
) -> Select[tuple[object, ...]]:
    """The worklist's rows of the placed youth in `placed` who have no `satisfied_by` record."""
    unless = exists(select(satisfied_by.id).where(satisfied_by.youth_id == Youth.id))
    return (
        select(
            literal(kind, String).label("kind"),
            Youth.id.label("youth_id"),
            placed.c.due_on.label("due_on"),
            _responsible_departments(placed, today).label("departments"),
            func.coalesce(placed.c.subs, cast(literal([], ARRAY(String)), ARRAY(String))).label("subs"),
            null().label("subject_type"),
            null().label("subject_id"),
        )
        .join(placed, placed.c.youth_id == Youth.id)
        .where(Youth.archived_at.is_(None), ~unless, youth_visible(principal, today))
    )

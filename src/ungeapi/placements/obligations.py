"""R19 and R20 as set-based queries over placed youth (an open case of kind `placement`)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import (
    Date,
    Exists,
    Select,
    String,
    Subquery,
    cast,
    distinct,
    exists,
    func,
    literal,
    null,
    select,
)
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.sql.elements import ColumnElement

from ungeapi.access import case_open_on, youth_visible
from ungeapi.core.security import Principal
from ungeapi.models import AftercareDecision, Youth, YouthCase, YouthPlan
from ungeapi.municipality.policy import Policy
from ungeapi.placements import rules
from ungeapi.youth.rules import latest_birth_date_for_age

YOUTH_PLAN_DUE = "youth_plan.due"
AFTERCARE_DECISION_DUE = "aftercare.decision_due"


def _placements(today: date) -> Subquery:
    """Per youth placed on `today`: the earliest open placement's opening, its departments and
    caseworkers (who are responsible for R19 and R20)."""
    c = YouthCase
    return (
        select(
            c.youth_id,
            func.min(c.opened_on).label("placed_on"),
            func.array_agg(distinct(c.department_code), type_=ARRAY(String)).label("departments"),
            func.array_remove(
                func.array_agg(distinct(c.caseworker_sub), type_=ARRAY(String)), null(), type_=ARRAY(String)
            ).label("subs"),
        )
        .where(c.kind == rules.PLACEMENT_KIND, case_open_on(today))
        .group_by(c.youth_id)
        .subquery("placed")
    )


def _add_months(day: ColumnElement[date], months: int) -> ColumnElement[date]:
    """rules.add_months in SQL: PostgreSQL clamps the day to the month's end the same way."""
    return cast(day + func.make_interval(0, months), Date)


def youth_plan_due(principal: Principal, today: date, policy: Policy) -> Select[tuple[object, ...]]:
    """R19 (rules.youth_plan_due_on): a placed youth from the 16th birthday until the 18th with
    no recorded youth plan; due 3 months after the 16th birthday or the placement's opening,
    the later; responsible: the placement cases' departments and caseworkers.

    Columns: kind, youth_id, due_on, departments, subs, subject_type, subject_id."""
    placed = _placements(today)
    starts = func.greatest(
        func.ungeapi_date_turning(Youth.birth_date, rules.YOUTH_PLAN_AGE), placed.c.placed_on
    )
    return _select(
        YOUTH_PLAN_DUE,
        placed,
        _add_months(starts, rules.YOUTH_PLAN_MONTHS),
        from_age=rules.YOUTH_PLAN_AGE,
        today=today,
        principal=principal,
        unless=exists(select(YouthPlan.id).where(YouthPlan.youth_id == Youth.id)),
    )


def aftercare_decision_due(principal: Principal, today: date, policy: Policy) -> Select[tuple[object, ...]]:
    """R20 (rules.aftercare_decision_due_on): a placed youth from the 17th birthday until the
    18th with no recorded decision on support after 18; due 6 months before the 18th birthday
    or on the placement's opening, the later; responsible: the placement cases' departments
    and caseworkers.

    Columns: kind, youth_id, due_on, departments, subs, subject_type, subject_id."""
    placed = _placements(today)
    deadline = _add_months(
        func.ungeapi_date_turning(Youth.birth_date, rules.ADULT_AGE), -rules.AFTERCARE_MONTHS_BEFORE_18
    )
    return _select(
        AFTERCARE_DECISION_DUE,
        placed,
        func.greatest(deadline, placed.c.placed_on),
        from_age=rules.AFTERCARE_NOTICE_AGE,
        today=today,
        principal=principal,
        unless=exists(select(AftercareDecision.id).where(AftercareDecision.youth_id == Youth.id)),
    )


def _select(
    kind: str,
    placed: Subquery,
    due_on: ColumnElement[date],
    *,
    from_age: int,
    today: date,
    principal: Principal,
    unless: Exists,
) -> Select[tuple[object, ...]]:
    return (
        select(
            literal(kind, String).label("kind"),
            Youth.id.label("youth_id"),
            due_on.label("due_on"),
            placed.c.departments.label("departments"),
            func.coalesce(placed.c.subs, cast(literal([], ARRAY(String)), ARRAY(String))).label("subs"),
            null().label("subject_type"),
            null().label("subject_id"),
        )
        .join(placed, placed.c.youth_id == Youth.id)
        .where(
            Youth.archived_at.is_(None),
            Youth.birth_date <= latest_birth_date_for_age(today, from_age),
            Youth.birth_date > latest_birth_date_for_age(today, rules.ADULT_AGE),
            ~unless,
            youth_visible(principal, today),
        )
    )

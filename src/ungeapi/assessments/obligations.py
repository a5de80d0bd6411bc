"""R6 and R21 as set-based queries for the worklist (/v1/obligations).

Each returns the worklist's columns: kind, youth_id, due_on, departments, subs, subject_type,
subject_id, and mirrors its pure rule in rules.py (the unit tests pin the rule, the HTTP tests
the query).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import (
    Date,
    Select,
    String,
    Subquery,
    cast,
    exists,
    func,
    literal,
    null,
    select,
    union_all,
)
from sqlalchemy.dialects.postgresql import ARRAY, array
from sqlalchemy.sql.elements import ColumnElement

from ungeapi.access import youth_visible
from ungeapi.assessments import rules
from ungeapi.core.security import Principal
from ungeapi.models import DisabilityTransitionAssessment, Plan, TargetGroupAssessment, Youth, YouthCase
from ungeapi.municipality.policy import Policy
from ungeapi.placements.obligations import BORN as _BORN
from ungeapi.placements.obligations import case_duties

TARGET_GROUP_DUE = "target_group_assessment.due"
DISABILITY_START_DUE = "disability_transition.start_due"
DISABILITY_COMPLETION_DUE = "disability_transition.completion_due"

EMPTY = cast(literal([], ARRAY(String)), ARRAY(String))


def _departments(*columns: Any) -> Any:
    return cast(func.array_remove(array(list(columns)), null()), ARRAY(String))


def _turning(birth: Any, age: int) -> ColumnElement[date]:
    return func.ungeapi_date_turning(birth, age)


def _rows(
    record: Any,
    due_on: Any,
    department: Any,
    sub: Any,
    subject: str,
    *held: Any,
    principal: Principal,
    today: date,
) -> Select[Any]:
    """R6's rows of `record` (a plan or a referral) where the duty is `held`, of youth not archived
    that the caller may see; `department` and `sub` are responsible."""
    return (
        select(
            literal(TARGET_GROUP_DUE, String).label("kind"),
            record.youth_id.label("youth_id"),
            due_on.label("due_on"),
            _departments(department).label("departments"),
            cast(array([sub]), ARRAY(String)).label("subs"),
            literal(subject, String).label("subject_type"),
            cast(record.id, String).label("subject_id"),
        )
        .join(Youth, Youth.id == record.youth_id)
        .where(*held, Youth.archived_at.is_(None), youth_visible(principal, today))
    )


def _after_activity(principal: Principal, today: date, policy: Policy) -> Select[Any]:
    """rules.after_activity_due_on: the plan's latest interruption, aged 15-17, with no assessment
    made since; the plan's coordinating caseworker is responsible."""
    due = Plan.interrupted_on + policy.target_group_assessment_days
    assessed = exists(
        select(TargetGroupAssessment.id).where(
            TargetGroupAssessment.youth_id == Plan.youth_id,
            TargetGroupAssessment.assessed_on >= Plan.interrupted_on,
        )
    )
    return _rows(
        Plan,
        due,
        Plan.coordinating_department,
        Plan.coordinating_sub,
        "plan",
        Plan.interrupted_on <= today,
        Plan.interrupted_on >= _turning(Youth.birth_date, rules.TARGET_GROUP_AGE_MIN),
        Plan.interrupted_on < _turning(Youth.birth_date, rules.TARGET_GROUP_AGE_MAX + 1),
        ~assessed,
        Plan.resumed_on.is_(None) | (Plan.resumed_on > func.least(due, today)),
        principal=principal,
        today=today,
    )


def _after_referral(principal: Principal, today: date, policy: Policy) -> Select[Any]:
    """rules.referral_due_on: a referral to FGU recorded and not yet assessed; who recorded it is
    responsible."""
    t = TargetGroupAssessment
    return _rows(
        t,
        t.referred_on + policy.target_group_assessment_days,
        t.author_department,
        t.author_sub,
        "target_group_assessment",
        t.referred_on <= today,
        t.assessed_on.is_(None),
        principal=principal,
        today=today,
    )


def target_group_assessment_due(principal: Principal, today: date, policy: Policy) -> Select[Any]:
    """R6: a 15-17-year-old whose activity ended (the plan interrupted), due
    `target_group_assessment_days` after it ended, or a youth referred to FGU, due as many days
    after the referral; satisfied by an assessment made (rules.after_activity_due_on,
    rules.referral_due_on). §8.2: a plan resumed after the due day keeps it."""
    both = union_all(_after_activity(principal, today, policy), _after_referral(principal, today, policy))
    return select(*both.subquery("target_group").c)


def _marked_cases(today: date, *, from_age: int, due_of: ColumnElement[date]) -> Subquery:
    """Per youth: the earliest due date its disability cases marked substantial and permanent
    give (rules._duty_due_on), with their departments and caseworkers, as R19/R20 for placements."""
    marked = (YouthCase.kind == rules.DISABILITY_KIND) & YouthCase.substantial_permanent_disability.is_(True)
    return case_duties(today, from_age=from_age, due_of=due_of, cases=marked, name="marked")


def _disability_rows(
    kind: str, marked: Subquery, done: ColumnElement[bool], principal: Principal, today: date
) -> Select[Any]:
    d = DisabilityTransitionAssessment
    satisfied = exists(select(d.id).where(d.youth_id == Youth.id, done))
    return (
        select(
            literal(kind, String).label("kind"),
            Youth.id.label("youth_id"),
            marked.c.due_on.label("due_on"),
            marked.c.departments.label("departments"),
            func.coalesce(marked.c.subs, EMPTY).label("subs"),
            null().label("subject_type"),
            null().label("subject_id"),
        )
        .join(marked, marked.c.youth_id == Youth.id)
        .where(Youth.archived_at.is_(None), ~satisfied, youth_visible(principal, today))
    )


def disability_transition_start_due(principal: Principal, today: date, policy: Policy) -> Select[Any]:
    """R21 (rules.start_due_on): from the 16th birthday, due `disability_transition_start_days`
    after it (or after the case's opening, when later), until an assessment is started; the
    marked cases' caseworkers and departments are responsible."""
    starts = func.greatest(_turning(_BORN.birth_date, rules.DISABILITY_START_AGE), YouthCase.opened_on)
    due = cast(starts + policy.disability_transition_start_days, Date)
    marked = _marked_cases(today, from_age=rules.DISABILITY_START_AGE, due_of=due)
    return _disability_rows(
        DISABILITY_START_DUE, marked, DisabilityTransitionAssessment.id.is_not(None), principal, today
    )


def disability_transition_completion_due(principal: Principal, today: date, policy: Policy) -> Select[Any]:
    """R21 (rules.completion_due_on): from the 17th birthday, due
    `disability_transition_decision_months` before the 18th birthday (or on the case's opening,
    when later), until an assessment is completed."""
    adult = _turning(_BORN.birth_date, rules.ADULT_AGE)
    deadline = cast(adult - func.make_interval(0, policy.disability_transition_decision_months), Date)
    marked = _marked_cases(
        today,
        from_age=rules.DISABILITY_COMPLETION_NOTICE_AGE,
        due_of=func.greatest(deadline, YouthCase.opened_on),
    )
    completed = DisabilityTransitionAssessment.completed_on.is_not(None)
    return _disability_rows(DISABILITY_COMPLETION_DUE, marked, completed, principal, today)

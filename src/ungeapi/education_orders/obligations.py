"""R24 as set-based queries for the worklist (/v1/obligations): the assessment of an education
order on a qualifying jobcentre case, and the order's deadlines to propose and to apply.

Columns: kind, youth_id, due_on, departments, subs, subject_type, subject_id (as every rule's).
The assessment is the case's (its department and caseworker); the deadlines are the order's
(whoever recorded it, and their department).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Date, Select, String, cast, exists, func, literal, null, select
from sqlalchemy.dialects.postgresql import ARRAY, array
from sqlalchemy.orm import aliased

from ungeapi.access import youth_visible
from ungeapi.core.security import Principal
from ungeapi.education_orders import rules
from ungeapi.models import Department, EducationOrder, Youth, YouthCase
from ungeapi.municipality.policy import Policy

ASSESSMENT_DUE = "education_order.assessment_due"
PROPOSAL_DUE = "education_order.proposal_due"
APPLICATION_DUE = "education_order.application_due"
# The jobcentre's departments are those of this kind.
JOBCENTRE_KIND = "employment"

# The case the assessment is owed for (aliased: youth_visible's clauses read youth_case too).
CASE = aliased(YouthCase)


def _day(value: date) -> ColumnElement[Any]:
    return cast(literal(value), Date)


def _rows(kind: str, row: Any, due_on: Any, department: Any, sub: Any, subject_type: str) -> Select[Any]:
    """The worklist's columns for `row` (a case or an order) of a youth not archived; the caller
    adds the rule's conditions and the read scope."""
    query: Select[Any] = select(
        literal(kind, String).label("kind"),
        row.youth_id.label("youth_id"),
        due_on.label("due_on"),
        cast(func.array_remove(array([department]), null()), ARRAY(String)).label("departments"),
        cast(func.array_remove(array([sub]), null()), ARRAY(String)).label("subs"),
        literal(subject_type, String).label("subject_type"),
        cast(row.id, String).label("subject_id"),
    ).join(Youth, Youth.id == row.youth_id)
    return query.where(Youth.archived_at.is_(None))


def assessment_due(principal: Principal, today: date, policy: Policy) -> Select[Any]:
    """R24 (rules.assessment_listed): an open jobcentre case of a youth under 25 on a benefit the
    rule names, not known to have a vocational education or custody of children, without an
    assessment: listed from the case's opening (or the rule's first day in force), due
    `education_order_assessment_days` later. Satisfied: an assessment of the case is recorded.
    §8.2: once due while the duty held, it stays after the case closed, the youth turned 25 or the
    rule went out of force."""
    c = CASE
    valid_from, valid_to = policy.education_order_valid_from, policy.education_order_valid_to
    first = c.opened_on if valid_from is None else func.greatest(c.opened_on, _day(valid_from))
    due_on = first + policy.education_order_assessment_days
    ends = [func.ungeapi_date_turning(Youth.birth_date, rules.AGE_LIMIT), c.closed_on]
    if valid_to is not None:
        ends.append(_day(valid_to + timedelta(days=1)))
    lapses = func.least(*ends)  # LEAST skips NULL: an open case does not end the duty
    jobcentre = select(Department.code).where(Department.kind == JOBCENTRE_KIND)
    assessed = exists(select(EducationOrder.id).where(EducationOrder.case_id == c.id))
    return _rows(ASSESSMENT_DUE, c, due_on, c.department_code, c.caseworker_sub, "case").where(
        c.department_code.in_(jobcentre),
        c.benefit_type.in_(sorted(rules.BENEFITS)),
        c.has_vocational_education.is_not(True),
        c.has_custody_of_children.is_not(True),
        ~assessed,
        first <= today,
        first < lapses,
        (lapses > today) | (due_on < lapses),
        youth_visible(principal, today),
    )


def _deadline(kind: str, due_on: Any, done_on: Any, principal: Principal, today: date) -> Select[Any]:
    """rules.deadline_listed: an order's deadline from the day of the order until the youth's
    answer is recorded; overdue after it, and it stays until then (§8.2)."""
    o = EducationOrder
    return _rows(kind, o, due_on, o.author_department, o.author_sub, "education_order").where(
        o.outcome == "ordered", done_on.is_(None), o.ordered_on <= today, youth_visible(principal, today)
    )


def proposal_due(principal: Principal, today: date, policy: Policy) -> Select[Any]:
    """R24: the youth proposes an education by the order's deadline; satisfied by proposed_on."""
    o = EducationOrder
    return _deadline(PROPOSAL_DUE, o.proposal_due_on, o.proposed_on, principal, today)


def application_due(principal: Principal, today: date, policy: Policy) -> Select[Any]:
    """R24: the youth applies for the education by the order's deadline; satisfied by applied_on."""
    o = EducationOrder
    return _deadline(APPLICATION_DUE, o.application_due_on, o.applied_on, principal, today)

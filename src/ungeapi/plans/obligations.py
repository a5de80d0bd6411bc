"""R5 and the plan's follow-up as set-based queries for the worklist (/v1/obligations).

Each returns the worklist's columns: kind, youth_id, due_on, departments, subs, subject_type,
subject_id. The coordinating caseworker (and their department) is responsible. They disappear
by themselves: the dropout items when the plan is no longer `interrupted` (or, for the contact,
when the contact is recorded), the follow-up item when the follow-up date moves.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Select, String, and_, cast, func, literal, null, select
from sqlalchemy.dialects.postgresql import ARRAY, array

from ungeapi.access import youth_visible
from ungeapi.core.security import Principal
from ungeapi.models import Plan, Youth
from ungeapi.models.plan import FINISHED_STATUSES
from ungeapi.municipality.policy import Policy
from ungeapi.plans import rules

DROPOUT_CONTACT = "plan.dropout_contact_due"
NEW_ACTIVITY = "plan.new_activity_due"
FOLLOW_UP = "plan.follow_up_overdue"


def _columns(kind: str, due_on: ColumnElement[Any]) -> list[ColumnElement[Any]]:
    """The worklist's columns; the coordinating caseworker and their department are responsible."""
    departments = cast(func.array_remove(array([Plan.coordinating_department]), null()), ARRAY(String))
    return [
        literal(kind, String).label("kind"),
        Plan.youth_id.label("youth_id"),
        due_on.label("due_on"),
        departments.label("departments"),
        cast(array([Plan.coordinating_sub]), ARRAY(String)).label("subs"),
        literal("plan", String).label("subject_type"),
        cast(Plan.id, String).label("subject_id"),
    ]


def _dropped_out_15_to_17() -> ColumnElement[bool]:
    """R5: the plan is interrupted and the youth was 15-17 on the day they left it."""
    return and_(
        Plan.status == "interrupted",
        Plan.interrupted_on >= func.ungeapi_date_turning(Youth.birth_date, rules.DUTY_AGE_MIN),
        Plan.interrupted_on < func.ungeapi_date_turning(Youth.birth_date, rules.DUTY_AGE_MAX + 1),
    )


def dropout_contact_due(principal: Principal, today: date, policy: Policy) -> Select[Any]:
    """R5: contact within 5 weekdays of the interruption, until the contact is recorded."""
    due_on = func.ungeapi_add_weekdays(Plan.interrupted_on, rules.DROPOUT_CONTACT_WEEKDAYS)
    return (
        select(*_columns(DROPOUT_CONTACT, due_on))
        .join(Youth, Youth.id == Plan.youth_id)
        .where(
            _dropped_out_15_to_17(),
            Plan.dropout_contact_on.is_(None),
            Youth.archived_at.is_(None),
            youth_visible(principal, today),
        )
    )


def new_activity_due(principal: Principal, today: date, policy: Policy) -> Select[Any]:
    """R5: a new activity within 30 calendar days of the interruption, until the plan is active again."""
    due_on = Plan.interrupted_on + rules.NEW_ACTIVITY_DAYS
    return (
        select(*_columns(NEW_ACTIVITY, due_on))
        .join(Youth, Youth.id == Plan.youth_id)
        .where(_dropped_out_15_to_17(), Youth.archived_at.is_(None), youth_visible(principal, today))
    )


def follow_up_overdue(principal: Principal, today: date, policy: Policy) -> Select[Any]:
    """A current plan whose next follow-up date has passed; due on that date."""
    return (
        select(*_columns(FOLLOW_UP, Plan.next_follow_up_on.expression))
        .join(Youth, Youth.id == Plan.youth_id)
        .where(
            Plan.status.not_in(FINISHED_STATUSES),
            Plan.next_follow_up_on < today,
            Youth.archived_at.is_(None),
            youth_visible(principal, today),
        )
    )

"""The one access scope: which youth a caller may see. Every domain's queries use it.

A caseworker or guide sees a youth when
- their department registered the youth, or
- their department has an open case for the youth (open on `today`), or
- they are the youth's offered, accepted or active guide.
Roles in MUNICIPALITY_WIDE_ROLES (admin, dpo, integration) see the whole municipality.
Anything else is answered 404 by the callers. Row-level security keeps every query inside the
caller's municipality anyway.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import ColumnElement, exists, false, or_, select, true

from ungeapi.core.permissions import sees_whole_municipality
from ungeapi.core.security import Principal
from ungeapi.models import GuideAssignment, Youth, YouthCase
from ungeapi.models.guide import PENDING_OR_ACTIVE


def case_open_on(today: date) -> ColumnElement[bool]:
    return (YouthCase.opened_on <= today) & (YouthCase.closed_on.is_(None) | (YouthCase.closed_on > today))


def youth_visible(principal: Principal, today: date) -> ColumnElement[bool]:
    if sees_whole_municipality(principal):
        return true()
    clauses: list[ColumnElement[bool]] = []
    if principal.departments:
        clauses.append(Youth.registered_by_department.in_(principal.departments))
        clauses.append(
            exists(
                select(YouthCase.id).where(
                    YouthCase.youth_id == Youth.id,
                    YouthCase.department_code.in_(principal.departments),
                    case_open_on(today),
                )
            )
        )
    clauses.append(
        exists(
            select(GuideAssignment.id).where(
                GuideAssignment.youth_id == Youth.id,
                GuideAssignment.guide_sub == principal.sub,
                GuideAssignment.state.in_(PENDING_OR_ACTIVE),
            )
        )
    )
    return or_(*clauses) if clauses else false()


def visible_youth_ids(principal: Principal, today: date) -> ColumnElement[bool]:
    """For tables with a `youth_id`: `X.youth_id.in_(...)` over the visible youth."""
    return select(Youth.id).where(youth_visible(principal, today)).scalar_subquery()  # type: ignore[return-value]

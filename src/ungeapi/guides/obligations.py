"""R8 as a set-based query: every youth of the municipality for whom a guide offer is due."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, Select, String, and_, cast, distinct, exists, func, literal, null, select
from sqlalchemy.dialects.postgresql import ARRAY, aggregate_order_by
from sqlalchemy.orm import aliased

from ungeapi.access import case_open_on, youth_visible
from ungeapi.core.security import Principal
from ungeapi.guides.rules import offer_due_bounds
from ungeapi.models import Department, GuideAssignment, Youth, YouthCase
from ungeapi.models.guide import PENDING_OR_ACTIVE
from ungeapi.municipality.policy import Policy

KIND = "guide.offer_due"


# The responsible caseworker's own cases (made once: aliased() per call is costly).
_HELD = aliased(YouthCase)


def offer_due(
    principal: Principal, today: date, policy: Policy, *, responsible: str | None = None
) -> Select[tuple[object, ...]]:
    """Columns: kind, youth_id, due_on, departments, subs, subject_type, subject_id.

    With `responsible`, only youth with an open case of that caseworker are considered (the
    responsible are the open authority cases' caseworkers): the cases are found through
    ix_youth_case_caseworker instead of aggregating the whole municipality's open cases."""
    bounds = offer_due_bounds(today, policy)
    authority = and_(Department.authority_unit.is_(True), case_open_on(today))
    if responsible is not None:
        held = _HELD
        authority = and_(
            authority,
            YouthCase.youth_id.in_(
                select(held.youth_id).where(
                    held.caseworker_sub == responsible,
                    held.opened_on <= today,
                    held.closed_on.is_(None) | (held.closed_on > today),
                )
            ),
        )
    open_authority_cases = (
        select(YouthCase.youth_id, YouthCase.department_code, YouthCase.caseworker_sub, YouthCase.opened_on)
        .join(
            Department,
            and_(
                Department.municipality_code == YouthCase.municipality_code,
                Department.code == YouthCase.department_code,
            ),
        )
        .where(authority)
        .subquery("open_authority_cases")
    )
    per_department = (
        select(
            open_authority_cases.c.youth_id,
            open_authority_cases.c.department_code,
            func.min(open_authority_cases.c.opened_on).label("first_opened"),
        )
        .group_by(open_authority_cases.c.youth_id, open_authority_cases.c.department_code)
        .subquery("per_department")
    )
    per_youth = (
        select(
            per_department.c.youth_id,
            func.array_agg(
                aggregate_order_by(per_department.c.department_code, per_department.c.department_code),
                type_=ARRAY(String),
            ).label("departments"),
            func.array_agg(
                aggregate_order_by(per_department.c.first_opened, per_department.c.first_opened),
                type_=ARRAY(Date),
            ).label("opened"),
        )
        .group_by(per_department.c.youth_id)
        .having(func.count() >= policy.guide_min_authorities)
        .subquery("per_youth")
    )
    subs = (
        select(func.array_agg(distinct(open_authority_cases.c.caseworker_sub)))
        .where(
            open_authority_cases.c.youth_id == per_youth.c.youth_id,
            open_authority_cases.c.caseworker_sub.is_not(None),
        )
        .scalar_subquery()
    )
    nth_opened = per_youth.c.opened[policy.guide_min_authorities]
    return (
        select(
            literal(KIND, String).label("kind"),
            Youth.id.label("youth_id"),
            func.greatest(
                func.ungeapi_date_turning(Youth.birth_date, policy.guide_age_min), nth_opened
            ).label("due_on"),
            per_youth.c.departments.label("departments"),
            func.coalesce(subs, cast(literal([], ARRAY(String)), ARRAY(String))).label("subs"),
            null().label("subject_type"),
            null().label("subject_id"),
        )
        .join(per_youth, per_youth.c.youth_id == Youth.id)
        .where(
            Youth.archived_at.is_(None),
            Youth.birth_date <= bounds.born_on_or_before,
            Youth.birth_date > bounds.born_after,
            ~exists(
                select(GuideAssignment.id).where(
                    GuideAssignment.youth_id == Youth.id, GuideAssignment.state.in_(PENDING_OR_ACTIVE)
                )
            ),
            ~exists(
                select(GuideAssignment.id).where(
                    GuideAssignment.youth_id == Youth.id,
                    GuideAssignment.state == "declined",
                    GuideAssignment.responded_on >= bounds.declines_quiet_from,
                )
            ),
            youth_visible(principal, today),
        )
    )

"""R8 as a set-based query: every youth of the municipality for whom a guide offer is due."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Date,
    Select,
    String,
    and_,
    cast,
    distinct,
    exists,
    func,
    literal,
    or_,
    select,
)
from sqlalchemy.dialects.postgresql import ARRAY, aggregate_order_by

from ungeapi.access import case_open_on, youth_visible
from ungeapi.core.security import Principal
from ungeapi.guides.rules import offer_due_bounds
from ungeapi.missed_cases import held_by, missed_case_duties, youth_duty_rows
from ungeapi.models import Department, GuideAssignment, Youth, YouthCase
from ungeapi.models.guide import PENDING_OR_ACTIVE
from ungeapi.municipality.policy import Policy

KIND = "guide.offer_due"


def offer_due(
    principal: Principal, today: date, policy: Policy, *, responsible: str | None = None, youth: Any = None
) -> Select[tuple[object, ...]]:
    """R8 (rules.guide_offer_due, rules.offer_due_on): a youth aged guide_age_min..guide_age_max
    with open cases in at least guide_min_authorities distinct authority units, no pending or
    active guide and no decline within guide_decline_quiet_months; due on the guide_age_min
    birthday or the day the Nth authority's first open case opened, the later; responsible:
    the open authority cases' departments and caseworkers.

    §8.2: once due, the offer stays owed, overdue, after the authority cases closed (fewer than
    N units left) and after the youth passed guide_age_max (ungeapi.missed.missed_case_duties:
    the duty as it stood on its last day, responsible the authority cases open that day), until
    it is satisfied or resolved. Satisfied: a guide was offered on or after the due day, in any
    state since (a declined or ended offer was still made; a late one closes it late). Not due
    on its last day at all, so not missed: a guide offered before the due day was still pending
    or active that day, or the youth had declined within the quiet months before it. A duty that
    ended before it fell due leaves with it. Visibility is not widened: a department whose case
    closed sees it only while it still sees the youth.

    With `responsible`, only youth with an open case of that caseworker (or, for the missed
    ones, an authority case they ever held) are considered (the responsible are the authority
    cases' caseworkers): the cases are found through ix_youth_case_caseworker instead of
    aggregating the whole municipality's open cases.

    Columns: kind, youth_id, due_on, departments, subs, subject_type, subject_id."""
    bounds = offer_due_bounds(today, policy)
    authority = and_(Department.authority_unit.is_(True), case_open_on(today))
    if responsible is not None:
        authority = and_(authority, held_by(responsible, today))
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
    now = Youth
    current = (
        select(
            now.id.label("youth_id"),
            func.greatest(func.ungeapi_date_turning(now.birth_date, policy.guide_age_min), nth_opened).label(
                "due_on"
            ),
            per_youth.c.departments.label("departments"),
            func.coalesce(subs, cast(literal([], ARRAY(String)), ARRAY(String))).label("subs"),
        )
        .join(per_youth, per_youth.c.youth_id == now.id)
        .where(
            now.birth_date <= bounds.born_on_or_before,
            now.birth_date > bounds.born_after,
            ~exists(
                select(GuideAssignment.id).where(
                    GuideAssignment.youth_id == now.id, GuideAssignment.state.in_(PENDING_OR_ACTIVE)
                )
            ),
            ~exists(
                select(GuideAssignment.id).where(
                    GuideAssignment.youth_id == now.id,
                    GuideAssignment.state == "declined",
                    GuideAssignment.responded_on >= bounds.declines_quiet_from,
                )
            ),
        )
    )
    missed = missed_case_duties(
        _authority_case,
        today=today,
        from_age=policy.guide_age_min,
        until_age=policy.guide_age_max + 1,
        departments=policy.guide_min_authorities,
        responsible=responsible,
        youth=youth,
        name="guide_missed",
    )
    g, last_day = GuideAssignment, missed.c.last_day
    ended_on = func.coalesce(g.ended_on, g.started_on, g.responded_on, g.offered_on)
    quiet_from = cast(last_day - func.make_interval(0, policy.guide_decline_quiet_months), Date)
    not_due = exists(
        select(g.id).where(
            g.youth_id == missed.c.youth_id,
            or_(
                # an offer since the due day satisfies it
                g.offered_on >= missed.c.due_on,
                # pending or active on the last day
                and_(
                    g.offered_on <= last_day,
                    or_(
                        g.state.in_(PENDING_OR_ACTIVE),
                        and_(g.state == "declined", g.responded_on > last_day),
                        and_(g.state == "ended", ended_on > last_day),
                    ),
                ),
                # declined within the quiet months before the last day
                and_(g.state == "declined", g.responded_on >= quiet_from, g.responded_on <= last_day),
            ),
        )
    )
    return youth_duty_rows(
        KIND,
        current,
        missed,
        name="guide_duties",
        where=(youth_visible(principal, today),),
        missed_where=(~not_due,),
    )


def _authority_case(c: type[YouthCase]) -> ColumnElement[bool]:
    """R8: a case held by an authority unit (myndighedsenhed)."""
    return exists(
        select(Department.code).where(
            Department.municipality_code == c.municipality_code,
            Department.code == c.department_code,
            Department.authority_unit.is_(True),
        )
    )

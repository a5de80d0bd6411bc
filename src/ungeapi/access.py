"""The one access scope: which youth a caller may see. Every domain's queries use it.

A caseworker or guide sees a youth when
- their department registered the youth, or
- their department has an open case for the youth (open on `today`), or
- they are the youth's offered, accepted or active guide, or
- their department received an open concern (underretning) about the youth: a concern often
  arrives before any case, and the receiving department must be able to act on it.
- they are the coordinating caseworker of the youth's current plan, or their department holds a
  planned or active measure (indsats) in it: the plan is one effort across departments (R2).
Departments of kind `external_partner` (e.g. a voluntary counselling service) open nothing by
themselves: a token whose departments are external partners sees no youth (a consent naming
them will, see below).
- A consent in force on `today` (complete, not revoked, within its period) naming one of the
  caller's departments as recipient opens exactly the resources its categories open
  (`consents.rules.categories_opening`): callers pass `resource=` to ask for that widening;
  without it, consents open nothing.
- They are an active member (left_on empty or later than `today`) of the youth's active
  coordinating team (Det Koordinerende Team, R16): the team coordinates across departments.
- They have the role `coordinator` (the forum's chair and fixed participants) and the youth has
  a referral to a forum that was sent and not taken back or refused (any state but draft,
  withdrawn, rejected): the forum must read the case it discusses and decides on. Kept simple:
  any coordinator of the municipality, whichever forum the referral is to.
Roles in MUNICIPALITY_WIDE_ROLES (admin, dpo, integration) see the whole municipality.
Anything else is answered 404 by the callers. Row-level security keeps every query inside the
caller's municipality anyway.
"""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import ColumnElement, Select, exists, false, or_, select, true
from sqlalchemy.orm import InstrumentedAttribute, aliased

from ungeapi.consents.rules import categories_opening
from ungeapi.core.permissions import sees_whole_municipality
from ungeapi.core.security import Principal
from ungeapi.models import (
    Concern,
    Consent,
    CoordinatingTeam,
    Department,
    GuideAssignment,
    Plan,
    PlanMeasure,
    Referral,
    TeamMember,
    Youth,
    YouthCase,
)
from ungeapi.models.guide import PENDING_OR_ACTIVE
from ungeapi.models.plan import FINISHED_STATUSES
from ungeapi.models.referral import NOT_REFERRED_STATES


def case_open_on(today: date) -> ColumnElement[bool]:
    return (YouthCase.opened_on <= today) & (YouthCase.closed_on.is_(None) | (YouthCase.closed_on > today))


EXTERNAL_PARTNER = "external_partner"
# Who sees every concern of the municipality; everyone else only their department's (see concern_visible).
CONCERN_WIDE_ROLES = frozenset({"admin", "dpo"})
# The forums' chair and members: they see the youth referred to the forums.
FORUM_ROLE = "coordinator"


def in_own_departments(
    column: ColumnElement[str] | InstrumentedAttribute[str] | InstrumentedAttribute[str | None],
    principal: Principal,
) -> ColumnElement[bool]:
    """`column` is one of the caller's departments, and not one registered as an external partner.

    (A department code the municipality has not registered still counts, as it always has.)
    """
    external = select(Department.code).where(
        Department.code.in_(principal.departments), Department.kind == EXTERNAL_PARTNER
    )
    return column.in_(principal.departments) & column.not_in(external)


def concern_visible(principal: Principal) -> ColumnElement[bool]:
    """A concern is seen only by its receiving department (and admin/dpo), never by the other
    departments that may see the youth: that the municipality was notified is itself sensitive."""
    if principal.roles & CONCERN_WIDE_ROLES:
        return true()
    if not principal.departments:
        return false()
    return in_own_departments(Concern.receiving_department_code, principal)


def consent_in_force(principal: Principal, today: date, resource: str) -> ColumnElement[bool] | None:
    """A consent in force today names one of the caller's departments and a category opening `resource`."""
    categories = categories_opening(resource)
    if not categories or not principal.departments:
        return None
    return exists(
        select(Consent.id).where(
            Consent.youth_id == Youth.id,
            Consent.complete.is_(True),
            Consent.revoked_at.is_(None),
            Consent.valid_from <= today,
            Consent.valid_until >= today,
            Consent.recipient_departments.overlap(list(principal.departments)),
            Consent.categories.overlap(sorted(categories)),
        )
    )


# The aliases youth_visible's EXISTS clauses use (so a rule's own query over these tables does
# not correlate with them). Made once: a fresh aliased() per call re-adapts every column it
# touches, which cost the worklist ~100 ms of Python per request at 14 rules (bench/obligations.py).
_PLAN, _MEASURE, _COORDINATED = aliased(Plan), aliased(PlanMeasure), aliased(Plan)
_TEAM, _MEMBER, _REFERRAL = aliased(CoordinatingTeam), aliased(TeamMember), aliased(Referral)


def youth_visible(principal: Principal, today: date, resource: str | None = None) -> ColumnElement[bool]:
    if sees_whole_municipality(principal):
        return true()
    clauses: list[ColumnElement[bool]] = []
    if resource is not None:
        consented = consent_in_force(principal, today, resource)
        if consented is not None:
            clauses.append(consented)
    if principal.departments:
        clauses.append(in_own_departments(Youth.registered_by_department, principal))
        clauses.append(
            exists(
                select(YouthCase.id).where(
                    YouthCase.youth_id == Youth.id,
                    in_own_departments(YouthCase.department_code, principal),
                    case_open_on(today),
                )
            )
        )
        clauses.append(
            exists(
                select(Concern.id).where(
                    Concern.youth_id == Youth.id,
                    Concern.closed_at.is_(None),
                    in_own_departments(Concern.receiving_department_code, principal),
                )
            )
        )
        # Aliased: the plans' own queries select from plan and must not correlate with these.
        plan, measure = _PLAN, _MEASURE
        clauses.append(
            exists(
                select(measure.id)
                .join(plan, plan.id == measure.plan_id)
                .where(
                    plan.youth_id == Youth.id,
                    plan.status.not_in(FINISHED_STATUSES),
                    measure.status.in_(("planned", "active")),
                    in_own_departments(measure.department_code, principal),
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
    coordinated = _COORDINATED
    clauses.append(
        exists(
            select(coordinated.id).where(
                coordinated.youth_id == Youth.id,
                coordinated.coordinating_sub == principal.sub,
                coordinated.status.not_in(FINISHED_STATUSES),
            )
        )
    )
    # Aliased for the same reason as the plan clauses: referral and team queries use these tables.
    team, member = _TEAM, _MEMBER
    clauses.append(
        exists(
            select(member.id)
            .join(team, team.id == member.team_id)
            .where(
                team.youth_id == Youth.id,
                team.status == "active",
                member.sub == principal.sub,
                member.left_on.is_(None) | (member.left_on > today),
            )
        )
    )
    if FORUM_ROLE in principal.roles:
        referral = _REFERRAL
        clauses.append(
            exists(
                select(referral.id).where(
                    referral.youth_id == Youth.id, referral.state.not_in(NOT_REFERRED_STATES)
                )
            )
        )
    return or_(*clauses) if clauses else false()


def visible_youth_ids(principal: Principal, today: date, resource: str | None = None) -> ColumnElement[bool]:
    """For tables with a `youth_id`: `X.youth_id.in_(...)` over the visible youth."""
    return select(Youth.id).where(youth_visible(principal, today, resource)).scalar_subquery()  # type: ignore[return-value]


# --- Reads of protected parts (R9, disclosure/screen.py) --------------------------------------
def consents_in_force_for(
    principal: Principal, today: date, youth_ids: list[uuid.UUID]
) -> Select[uuid.UUID, list[str]]:
    """(youth_id, categories) of the consents in force today naming one of the caller's departments:
    the same test as consent_in_force, for the youth of already loaded records (one statement)."""
    return select(Consent.youth_id, Consent.categories).where(
        Consent.youth_id.in_(youth_ids),
        Consent.complete.is_(True),
        Consent.revoked_at.is_(None),
        Consent.valid_from <= today,
        Consent.valid_until >= today,
        Consent.recipient_departments.overlap(list(principal.departments)),
    )


def seen_without_consent(principal: Principal, today: date, youth_id: uuid.UUID) -> Select[bool]:
    """Whether the caller sees the youth by their own standing, a consent left aside: a reader who
    sees the youth only through a consent reads only what its categories open (the overview)."""
    return select(youth_visible(principal, today)).where(Youth.id == youth_id)

"""R13 as a set-based query: every youth of the municipality whose referral is missing."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, exists, func, or_, select
from sqlalchemy.orm import aliased

from ungeapi.access import case_open_on, youth_visible
from ungeapi.core.security import Principal
from ungeapi.missed_cases import case_duties_today, held_by, missed_case_duties, youth_duty_rows
from ungeapi.models import Referral, Youth, YouthCase
from ungeapi.models.referral import NOT_REFERRED_STATES
from ungeapi.municipality.policy import Policy
from ungeapi.referrals.rules import ADULT_AGE, DISABILITY_KIND, PREVENTIVE_KIND, missing_bounds

KIND = "referral.missing"


# The case's youth, for the birthday a preventive measure is compared with.
_BORN = aliased(Youth)


def _counts(c: type[YouthCase], policy: Policy) -> ColumnElement[bool]:
    """rules.counts_for_referral over `c`: a kind in referral_case_kinds; a preventive measure
    only from the referral_age birthday, a disability case only when support after 18 is expected."""
    born = _BORN
    return and_(
        c.kind.in_(policy.referral_case_kinds),
        or_(
            c.kind != PREVENTIVE_KIND,
            c.opened_on
            >= select(func.ungeapi_date_turning(born.birth_date, policy.referral_age))
            .where(born.id == c.youth_id)
            .scalar_subquery(),
        ),
        or_(c.kind != DISABILITY_KIND, c.support_after_18_expected.is_(True)),
    )


def referral_missing(
    principal: Principal, today: date, policy: Policy, *, responsible: str | None = None, youth: Any = None
) -> Select[tuple[object, ...]]:
    """R13 ("the forgotten case", S4): a youth who has turned referral_age and is not yet 18,
    with an open case that counts (rules.counts_for_referral: a kind in referral_case_kinds; a
    preventive measure only from the referral_age birthday, a disability case only when support
    expected after 18), and no referral to the coordination meeting that was sent (drafts,
    withdrawn and rejected referrals do not count). Due on the referral_age birthday or the
    first such case's opening, the later; responsible: those cases' departments and caseworkers.

    §8.2: once due, a missing referral stays, overdue, after the counting cases closed and after
    the 18th birthday (ungeapi.missed.missed_case_duties: the duty as it stood on its last day,
    responsible the cases open that day), until it is satisfied or resolved. Satisfied: a
    referral to the coordination meeting was sent (any state but draft, withdrawn, rejected),
    whenever (a late referral closes it late). A duty that ended before it fell due (the case
    closed, or the youth turned 18, first) leaves with it. Visibility is not widened: a
    department whose case closed sees it only while it still sees the youth.

    With `responsible`, only youth with an open case of that caseworker (or, for the missed
    ones, a counting case they ever held) are considered (found through
    ix_youth_case_caseworker, not by aggregating the whole municipality's cases).

    Columns: kind, youth_id, due_on, departments, subs, subject_type, subject_id."""
    bounds = missing_bounds(today, policy)
    which = and_(case_open_on(today), _counts(YouthCase, policy))
    if responsible is not None:
        which = and_(which, held_by(responsible, today))
    current = case_duties_today(
        which,
        from_age=policy.referral_age,
        born_on_or_before=bounds.born_on_or_before,
        born_after=bounds.born_after,
        name="referral_cases",
    )
    missed = missed_case_duties(
        lambda c: _counts(c, policy),
        # Without the preventive measure's birthday (a lookup per case) when finding candidates.
        roughly=lambda c: and_(
            c.kind.in_(policy.referral_case_kinds),
            or_(c.kind != DISABILITY_KIND, c.support_after_18_expected.is_(True)),
        ),
        today=today,
        from_age=policy.referral_age,
        until_age=ADULT_AGE,
        responsible=responsible,
        youth=youth,
        name="referral_missed",
    )
    referred = exists(
        select(Referral.id).where(
            Referral.youth_id == Youth.id,
            Referral.forum == "coordination",
            Referral.state.not_in(NOT_REFERRED_STATES),
        )
    )
    return youth_duty_rows(
        KIND, current, missed, name="referral_duties", where=(~referred, youth_visible(principal, today))
    )

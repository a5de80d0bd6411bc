"""Pure rules about guides (ungeguide/kontaktperson), R7 and R8 of domain.md."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from ungeapi.municipality.policy import Policy
from ungeapi.youth.rules import age_on, date_turning, latest_birth_date_for_age

PENDING_OR_ACTIVE = frozenset({"offered", "accepted", "active"})

# action -> (allowed from states, resulting state)
TRANSITIONS: dict[str, tuple[frozenset[str], str]] = {
    "accept": (frozenset({"offered"}), "accepted"),
    "decline": (frozenset({"offered"}), "declined"),
    "activate": (frozenset({"accepted"}), "active"),
    "end": (frozenset({"accepted", "active"}), "ended"),
}


def next_state(state: str, action: str) -> str | None:
    """The state after `action`, or None when the move is not allowed."""
    allowed, target = TRANSITIONS.get(action, (frozenset(), ""))
    return target if state in allowed else None


class GuideDates(Protocol):
    offered_on: date
    responded_on: date | None
    started_on: date | None


def answered_on(guide: GuideDates, action: str) -> date:
    """The day of the step an action answers (§8.1): an accept or decline answers the offer,
    the start answers the acceptance, the end the start (or the acceptance, if never started)."""
    if action in ("accept", "decline"):
        return guide.offered_on
    if action == "activate":
        return guide.responded_on or guide.offered_on
    return guide.started_on or guide.responded_on or guide.offered_on


def months_before(day: date, months: int) -> date:
    """The same day `months` earlier; the month's last day when it is shorter."""
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


@dataclass(frozen=True)
class OfferDueBounds:
    """R8 as ranges a query can use: born in (born_after, born_on_or_before], no decline on or
    after `declines_quiet_from`."""

    born_on_or_before: date
    born_after: date
    declines_quiet_from: date


def offer_due_bounds(today: date, policy: Policy) -> OfferDueBounds:
    return OfferDueBounds(
        born_on_or_before=latest_birth_date_for_age(today, policy.guide_age_min),
        born_after=latest_birth_date_for_age(today, policy.guide_age_max + 1),
        declines_quiet_from=months_before(today, policy.guide_decline_quiet_months),
    )


def guide_offer_due(
    *,
    birth_date: date,
    today: date,
    open_authority_departments: set[str],
    has_pending_or_active_guide: bool,
    last_declined_on: date | None,
    policy: Policy,
) -> bool:
    """R8 (Viborg, S3): a youth aged guide_age_min..guide_age_max with open cases in at least
    guide_min_authorities distinct authority units must be offered a guide, unless one is
    pending or active, or the youth declined within the last guide_decline_quiet_months."""
    age = age_on(birth_date, today)
    if not policy.guide_age_min <= age <= policy.guide_age_max:
        return False
    if len(open_authority_departments) < policy.guide_min_authorities:
        return False
    if has_pending_or_active_guide:
        return False
    quiet_from = months_before(today, policy.guide_decline_quiet_months)
    return last_declined_on is None or last_declined_on < quiet_from


def offer_due_on(birth_date: date, authority_first_opened: list[date], policy: Policy) -> date:
    """The day the offer became due: when the youth reached the age and the Nth authority."""
    nth = sorted(authority_first_opened)[policy.guide_min_authorities - 1]
    return max(nth, date_turning(birth_date, policy.guide_age_min))

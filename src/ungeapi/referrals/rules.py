"""Pure rules about referrals (indstillinger) to the coordination forums: R12-R15, R18."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from ungeapi.municipality.policy import Policy
from ungeapi.youth.rules import age_on, date_turning, latest_birth_date_for_age

# R14: action -> (allowed from states, resulting state). `concluded` is reached only by
# recording the forum's decision (meetings), never by an action of its own.
TRANSITIONS: dict[str, tuple[frozenset[str], str]] = {
    "submit": (frozenset({"draft", "documentation_requested"}), "submitted"),
    "schedule": (frozenset({"submitted"}), "scheduled"),
    "unschedule": (frozenset({"scheduled"}), "submitted"),
    "discuss": (frozenset({"scheduled"}), "discussed"),
    "request_documentation": (frozenset({"scheduled", "discussed"}), "documentation_requested"),
    "reject": (frozenset({"submitted", "scheduled", "discussed"}), "rejected"),
    "withdraw": (frozenset({"draft", "submitted", "scheduled", "documentation_requested"}), "withdrawn"),
}
# What recording a decision does: from the agenda to concluded, or back to the referrer.
DECISION_FROM = frozenset({"scheduled", "discussed"})

# The referrer's own moves need referrals:write; the forum's (the chair's) need meetings:write.
ACTION_PERMISSION: dict[str, str] = {
    "submit": "referrals:write",
    "withdraw": "referrals:write",
    "schedule": "meetings:write",
    "unschedule": "meetings:write",
    "discuss": "meetings:write",
    "request_documentation": "meetings:write",
    "reject": "meetings:write",
}
REASON_REQUIRED = frozenset({"withdraw", "reject", "request_documentation"})
EDITABLE_STATES = frozenset({"draft", "documentation_requested"})
ON_AGENDA_STATES = frozenset({"scheduled", "discussed"})


def next_state(state: str, action: str) -> str | None:
    """R14: the state after `action`, or None when the move is not allowed."""
    allowed, target = TRANSITIONS.get(action, (frozenset(), ""))
    return target if state in allowed else None


def slot_minutes(*, complex_case: bool, professionals: int, policy: Policy) -> int:
    """R15 (S4): a case takes `slot_minutes` (15); `complex_slot_minutes` (30) when it is
    complex or when the referrer brings other professionals to the meeting ("flere
    fagprofessionelle": any professional besides the referrer counts)."""
    return policy.complex_slot_minutes if complex_case or professionals > 0 else policy.slot_minutes


def conference_refusal(
    *, birth_date: date, today: date, plan_status: str | None, policy: Policy
) -> str | None:
    """R18: the phase-2 conference takes youth aged conference_age_min (about 7th grade)
    to conference_age_max whose plan is stuck. Returns the refusal code, or None."""
    age = age_on(birth_date, today)
    if not policy.conference_age_min <= age <= policy.conference_age_max:
        return "referral.outside_forum_age"
    if plan_status != "stuck":
        return "referral.plan_not_stuck"
    return None


@dataclass(frozen=True)
class MissingBounds:
    """R13 as a birth-date range a query can use: born in (born_after, born_on_or_before]."""

    born_on_or_before: date
    born_after: date


ADULT_AGE = 18


def missing_bounds(today: date, policy: Policy) -> MissingBounds:
    """Youth who have turned `referral_age` but not yet 18: after 18 the transition the
    coordination meeting prepares has happened, so a missing referral is no longer due."""
    return MissingBounds(
        born_on_or_before=latest_birth_date_for_age(today, policy.referral_age),
        born_after=latest_birth_date_for_age(today, ADULT_AGE),
    )


PREVENTIVE_KIND = "preventive"
DISABILITY_KIND = "disability"


@dataclass(frozen=True)
class OpenCase:
    """What R13 reads of a youth's open case."""

    kind: str
    opened_on: date
    support_after_18_expected: bool


def counts_for_referral(case: OpenCase, *, birth_date: date, policy: Policy) -> bool:
    """R13 (S4): an open case of a kind in referral_case_kinds calls for a referral, except a
    preventive measure that started before the referral_age birthday ("forebyggende
    foranstaltning efter 15 år") and a disability case with no support expected after 18
    ("Handicapteamet med forventet støtte efter 18")."""
    if case.kind not in policy.referral_case_kinds:
        return False
    if case.kind == PREVENTIVE_KIND and case.opened_on < date_turning(birth_date, policy.referral_age):
        return False
    return not (case.kind == DISABILITY_KIND and not case.support_after_18_expected)


def referral_missing(
    *,
    birth_date: date,
    today: date,
    open_cases: Iterable[OpenCase],
    has_referral: bool,
    policy: Policy,
) -> bool:
    """R13 (S4, "the forgotten case"): a youth who has turned referral_age (15) and is not
    yet 18, with an open case that counts (counts_for_referral), and no referral to the
    coordination meeting that was sent (a draft, a withdrawn or a rejected one does not count)."""
    if not policy.referral_age <= age_on(birth_date, today) < ADULT_AGE:
        return False
    if not any(counts_for_referral(c, birth_date=birth_date, policy=policy) for c in open_cases):
        return False
    return not has_referral


def missing_due_on(birth_date: date, first_case_opened: date, policy: Policy) -> date:
    """The day the referral became due: the referral_age birthday or the case's opening, the later."""
    return max(date_turning(birth_date, policy.referral_age), first_case_opened)

"""Pure rules about concern notifications (underretninger).

The two deadlines are LAW (they carry on from Serviceloven into Barnets lov, LOV 721/2023,
LBK 282/2025, in force 1 January 2024):

- Assessment within 24 hours: when the municipality receives a concern it must within 24 hours
  assess whether the child's or young person's health or development is in danger and acute
  measures are needed (formerly SEL § 155, stk. 2). In Barnets lov this is in the chapter on the
  municipality's handling of concerns, §§ 136-137 (VEJ 9471/2024, delvejledning 2, kapitel 2);
  § 137 is the re-assessment of an existing case, so the 24-hour rule is § 136 — the exact stk.
  is not confirmed.
- Acknowledgement within 6 weekdays: a professional who notified (fagperson with the sharpened
  duty, BL § 133, formerly SEL § 153) gets a receipt within 6 weekdays (formerly SEL § 155 b).
  The Barnets lov paragraph is not confirmed (the underretningspligt chapter is §§ 132-135 and
  138; § 139 is enforcement of decisions, not the receipt).

Weekdays are Monday to Friday; public holidays are not skipped, so a due date is never later
than the law's.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from ungeapi.concerns.vocabulary import ConcernState

# The receipt's 6 weekdays are counted as the plans' R5 deadlines are (public holidays count).
from ungeapi.plans.rules import add_weekdays

COPENHAGEN = ZoneInfo("Europe/Copenhagen")
ASSESSMENT_WINDOW = timedelta(hours=24)
ACKNOWLEDGEMENT_WEEKDAYS = 6
# A clock a little ahead of ours is not a concern from the future.
CLOCK_SKEW = timedelta(minutes=5)


def assessment_due_at(received_at: datetime) -> datetime:
    """24 elapsed hours after receipt (a DST change does not move it)."""
    return received_at.astimezone(UTC) + ASSESSMENT_WINDOW


def local_date(moment: datetime) -> date:
    """The calendar day of `moment` in Denmark."""
    return moment.astimezone(COPENHAGEN).date()


def acknowledgement_due_on(received_at: datetime, sender_kind: str) -> date | None:
    """A professional sender is owed a receipt within 6 weekdays of the day of receipt; a citizen
    or an anonymous sender is not (the municipality may still acknowledge a citizen)."""
    if sender_kind != "professional":
        return None
    return add_weekdays(local_date(received_at), ACKNOWLEDGEMENT_WEEKDAYS)


def on_scale(level: int, scale: Iterable[int]) -> bool:
    """The level is one of the municipality's concern levels (bekymringsskala, e.g. børnelinealen)."""
    return level in set(scale)


def sender_problem(kind: str, name: str | None, profession: str | None, contact: str | None) -> str | None:
    """A professional names themself and their profession, a citizen their name; an anonymous
    sender names nobody. Returns the refusal's code, or None."""
    has_name = bool((name or "").strip())
    if kind == "professional" and not (has_name and (profession or "").strip()):
        return "concern.sender_incomplete"
    if kind == "citizen" and not has_name:
        return "concern.sender_incomplete"
    if kind == "anonymous" and (has_name or (profession or "").strip() or (contact or "").strip()):
        return "concern.anonymous_identified"
    return None


def dialogue_consistent(made_in_dialogue: bool, participants: int) -> bool:
    """A dialogue-based concern (dialogbaseret underretning, S2) names who took part; a concern not
    made in dialogue lists no dialogue participants."""
    return participants > 0 if made_in_dialogue else participants == 0


def worries_given(worries: str | None) -> bool:
    """A concern says what worries (the first part of the three-part frame is required)."""
    return bool((worries or "").strip())


def in_future(moment: datetime, now: datetime) -> bool:
    return moment > now + CLOCK_SKEW


def assessment_overdue(
    due_at: datetime, assessed_at: datetime | None, closed_at: datetime | None, now: datetime
) -> bool:
    """The 24 hours have run out without an assessment: overdue the minute the deadline passes
    (a moment, not a day: 6 hours late is late even on the deadline's own day)."""
    return assessed_at is None and closed_at is None and now > due_at


def acknowledgement_overdue(due_on: date | None, acknowledged_at: datetime | None, today: date) -> bool:
    """The receipt owed to a professional sender was not sent by the end of its due day."""
    return due_on is not None and acknowledged_at is None and due_on < today


def state_of(assessed_at: datetime | None, closed_at: datetime | None) -> ConcernState:
    if closed_at is not None:
        return "closed"
    return "assessed" if assessed_at is not None else "received"


def action_allowed(action: str, state: str, *, acknowledged: bool, sender_kind: str) -> bool:
    """received --assess--> assessed --close--> closed; `acknowledge` once, at any state, when
    there is a sender to acknowledge (not an anonymous one)."""
    if action == "assess":
        return state == "received"
    if action == "close":
        return state == "assessed"
    if action == "acknowledge":
        return not acknowledged and sender_kind != "anonymous"
    return False

"""R22/R23 as a set-based query for the worklist: absence over the municipality's shares.

`absence.follow_up_due` is open while a record's unlawful share is at or over the warning share
and the step its level requires is not recorded: the parents' warning (warning share), or the
municipality's notification (notification share). The subject is the absence record, whose
`level` says which (`warning` / `notification`). The recording department is responsible.

§8.2: once due, it stays until satisfied (the step its level requires is recorded) or resolved.
Nothing in time ends it: the record's period and shares are facts about a past period, with no
age or case condition, so the youth's birthdays and case closings leave it alone. What does
remove it is a correction of the record (shares lowered under the warning share) or of the
municipality's shares: those say the period never crossed the line, not that a duty ended. A
record whose share rises from the warning to the notification level keeps its item (same
subject and due day) and then owes the notification. Visibility is not widened: the recording
department sees it while it sees the youth (`visible_youth_ids`, consents included).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import Date, Select, String, and_, cast, false, func, literal, null, or_, select, true
from sqlalchemy.dialects.postgresql import ARRAY, array

from ungeapi.absence.rules import CHILD_HEARING_AGE
from ungeapi.access import visible_youth_ids
from ungeapi.core.security import Principal
from ungeapi.models import AbsenceRecord, GuideAssignment, Youth
from ungeapi.municipality.policy import Policy

KIND = "absence.follow_up_due"


def follow_up_due(principal: Principal, today: date, policy: Policy) -> Select[Any]:
    """R22/R23: due on the period's last day or the day the record was made, the earlier.

    Columns: kind, youth_id, due_on, departments, subs, subject_type, subject_id."""
    a = AbsenceRecord
    recorded_on = cast(func.timezone("Europe/Copenhagen", a.created_at), Date)
    departments = cast(func.array_remove(array([a.recorded_by_department]), null()), ARRAY(String))
    return select(
        literal(KIND, String).label("kind"),
        a.youth_id.label("youth_id"),
        func.least(a.period_to, recorded_on).label("due_on"),
        departments.label("departments"),
        cast(literal([], ARRAY(String)), ARRAY(String)).label("subs"),
        literal("absence", String).label("subject_type"),
        cast(a.id, String).label("subject_id"),
    ).where(
        a.unlawful_pct >= policy.absence_warning_pct,
        or_(
            and_(a.unlawful_pct < policy.absence_notify_pct, a.parents_warned_on.is_(None)),
            and_(a.unlawful_pct >= policy.absence_notify_pct, a.municipality_notified_on.is_(None)),
        ),
        a.youth_id.in_(visible_youth_ids(principal, today, "absence")),
    )


# --- R22's follow-up after the notification, and Helsingør's trigger ------------------------

HEARING_DUE = "absence.hearing_due"
RETURN_DUE = "absence.return_follow_up_due"
GUIDE_PROMPT_DUE = "absence.guide_prompt_due"


def _follow_up(kind: str, due_on: Any, *conditions: Any, principal: Principal, today: date) -> Select[Any]:
    """The rows of the records whose follow-up is open (rules.follow_up_open) and owes a step:
    the absence team it was routed to and the recording department are responsible."""
    a = AbsenceRecord
    departments = cast(
        func.array_remove(array([a.absence_team_department, a.recorded_by_department]), null()), ARRAY(String)
    )
    return select(
        literal(kind, String).label("kind"),
        a.youth_id.label("youth_id"),
        due_on.label("due_on"),
        departments.label("departments"),
        cast(literal([], ARRAY(String)), ARRAY(String)).label("subs"),
        literal("absence", String).label("subject_type"),
        cast(a.id, String).label("subject_id"),
    ).where(*conditions, a.youth_id.in_(visible_youth_ids(principal, today, "absence")))


def _opened(policy: Policy, today: date) -> tuple[Any, ...]:
    a = AbsenceRecord
    return (
        a.unlawful_pct >= policy.absence_notify_pct,
        a.municipality_notified_on.is_not(None),
        a.municipality_notified_on <= today,
    )


def hearing_due(principal: Principal, today: date, policy: Policy) -> Select[Any]:
    """R22 (rules.hearing_done, rules.hearing_due_on): after the notification, the parents are
    heard, and the child when 12 or older on the notification day; due `absence_hearing_days`
    after it, on the worklist from the notification day. §8.2: stays until both are recorded."""
    a = AbsenceRecord
    child_needed = a.municipality_notified_on >= func.ungeapi_date_turning(
        Youth.birth_date, CHILD_HEARING_AGE
    )
    child = select(Youth.id).where(Youth.id == a.youth_id, child_needed).exists()
    not_heard = or_(a.parents_heard_on.is_(None), and_(child, a.child_heard_on.is_(None)))
    due_on = a.municipality_notified_on + policy.absence_hearing_days
    return _follow_up(
        HEARING_DUE, due_on, *_opened(policy, today), not_heard, principal=principal, today=today
    )


def return_follow_up_due(principal: Principal, today: date, policy: Policy) -> Select[Any]:
    """R22/R23 (rules.return_follow_up_due): the follow-up's next date has come and the youth is
    not recorded back at school; due that day. A new date is another obligation; the day back
    at school satisfies it."""
    a = AbsenceRecord
    return _follow_up(
        RETURN_DUE,
        a.next_follow_up_on,
        *_opened(policy, today),
        a.back_at_school_on.is_(None),
        a.next_follow_up_on <= today,
        principal=principal,
        today=today,
    )


def guide_prompt_due(principal: Principal, today: date, policy: Policy) -> Select[Any]:
    """Helsingør (S1, rules.guide_prompted): with `absence_guide_prompt` on, a record at or over
    the warning share, or with a wellbeing signal, of a youth with an active guide prompts the
    guide (the contact person); due the day the record shows it (as follow_up_due); satisfied
    when the guide's contact is recorded (`guide_contacted_on`). Off: no rows."""
    a, g = AbsenceRecord, GuideAssignment
    recorded_on = cast(func.timezone("Europe/Copenhagen", a.created_at), Date)
    prompted = or_(a.unlawful_pct >= policy.absence_warning_pct, a.wellbeing_signal.is_(True))
    return (
        select(
            literal(GUIDE_PROMPT_DUE, String).label("kind"),
            a.youth_id.label("youth_id"),
            func.least(a.period_to, recorded_on).label("due_on"),
            cast(func.array_remove(array([g.guide_department]), null()), ARRAY(String)).label("departments"),
            cast(array([g.guide_sub]), ARRAY(String)).label("subs"),
            literal("absence", String).label("subject_type"),
            cast(a.id, String).label("subject_id"),
        )
        .join(g, and_(g.youth_id == a.youth_id, g.state == "active"))
        .where(
            true() if policy.absence_guide_prompt else false(),
            prompted,
            a.guide_contacted_on.is_(None),
            func.least(a.period_to, recorded_on) <= today,
            a.youth_id.in_(visible_youth_ids(principal, today, "absence")),
        )
    )

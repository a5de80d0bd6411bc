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

from sqlalchemy import Date, Select, String, and_, cast, func, literal, null, or_, select
from sqlalchemy.dialects.postgresql import ARRAY, array

from ungeapi.access import visible_youth_ids
from ungeapi.core.security import Principal
from ungeapi.models import AbsenceRecord
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

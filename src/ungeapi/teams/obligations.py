"""R16 as a set-based query: active teams whose first meeting has not been held."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import Select, String, cast, exists, func, literal, null, or_, select
from sqlalchemy.dialects.postgresql import ARRAY, array

from ungeapi.access import youth_visible
from ungeapi.core.security import Principal
from ungeapi.models import CoordinatingTeam, TeamMeeting, Youth
from ungeapi.municipality.policy import Policy
from ungeapi.teams.rules import FIRST_MEETING_NOTICE_DAYS

FIRST_MEETING_DUE = "team.first_meeting_due"


def first_meeting_due(principal: Principal, today: date, policy: Policy) -> Select[tuple[object, ...]]:
    """R16: from 30 days before the first-meeting deadline (due on it, overdue after it) until a
    team meeting is held (rules.first_meeting_obligation); responsible: the lead.

    §8.2 (rules.first_meeting_listed): satisfied by any held team meeting (a late one closes it
    late). Nothing about the youth ends it: not the 17th or 18th birthday, nor the cases. An
    active team holds the duty; a closed team's deadline that has passed without a meeting stays,
    overdue, until resolved: no door closes a team and a closing is not dated, so it cannot be
    told to have come before the deadline (before the deadline, a closed team owes nothing).
    Visibility is not widened (the lead sees it while they see the youth).

    Columns: kind, youth_id, due_on, departments, subs, subject_type, subject_id."""
    t = CoordinatingTeam
    return (
        select(
            literal(FIRST_MEETING_DUE, String).label("kind"),
            t.youth_id.label("youth_id"),
            func.least(t.first_meeting_deadline).label("due_on"),
            func.array_remove(array([t.lead_department]), null(), type_=ARRAY(String)).label("departments"),
            func.array_remove(array([t.lead_sub]), null(), type_=ARRAY(String)).label("subs"),
            literal("team", String).label("subject_type"),
            cast(t.id, String).label("subject_id"),
        )
        .join(Youth, Youth.id == t.youth_id)
        .where(
            or_(t.status == "active", t.first_meeting_deadline < today),
            t.first_meeting_deadline <= today + timedelta(days=FIRST_MEETING_NOTICE_DAYS),
            ~exists(select(TeamMeeting.id).where(TeamMeeting.team_id == t.id)),
            Youth.archived_at.is_(None),
            youth_visible(principal, today),
        )
    )

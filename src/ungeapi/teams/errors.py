from ungeapi.core.errors import Conflict, Invalid, NotFound


class LeadRequired(Invalid):
    code = "team.lead_required"


class FirstMeetingAfter17(Invalid):
    code = "team.first_meeting_after_17"


class FirstMeetingBeforeDecision(Invalid):
    code = "team.first_meeting_before_decision"


class TeamAlreadyActive(Conflict):
    code = "team.already_active"


class TeamNotFound(NotFound):
    code = "team.not_found"


class MemberNotFound(NotFound):
    code = "team.member_not_found"


class InvalidPeriod(Invalid):
    code = "team.invalid_period"


class GoalNotInPlan(Invalid):
    code = "team.goal_not_in_plan"


class GoalHorizonMismatch(Invalid):
    code = "team.goal_horizon_mismatch"

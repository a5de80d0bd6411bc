from ungeapi.core.errors import Conflict, DomainError, NotFound


class LeadRequired(DomainError):
    status = 422
    code = "team.lead_required"


class FirstMeetingAfter17(DomainError):
    status = 422
    code = "team.first_meeting_after_17"


class FirstMeetingBeforeDecision(DomainError):
    status = 422
    code = "team.first_meeting_before_decision"


class TeamAlreadyActive(Conflict):
    code = "team.already_active"


class TeamNotFound(NotFound):
    code = "team.not_found"


class MemberNotFound(NotFound):
    code = "team.member_not_found"


class InvalidPeriod(DomainError):
    status = 422
    code = "team.invalid_period"


class GoalNotInPlan(DomainError):
    status = 422
    code = "team.goal_not_in_plan"


class GoalHorizonMismatch(DomainError):
    status = 422
    code = "team.goal_horizon_mismatch"

from ungeapi.core.errors import Conflict, DomainError


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

from ungeapi.core.errors import DomainError, NotFound


class NetworkMeetingNotFound(NotFound):
    code = "network_meeting.not_found"


class FrameEmpty(DomainError):
    status = 422
    code = "network_meeting.frame_empty"


class PlanNotForYouth(DomainError):
    status = 422
    code = "network_meeting.plan_not_for_youth"

from ungeapi.core.errors import Invalid, NotFound


class NetworkMeetingNotFound(NotFound):
    code = "network_meeting.not_found"


class FrameEmpty(Invalid):
    code = "network_meeting.frame_empty"


class PlanNotForYouth(Invalid):
    code = "network_meeting.plan_not_for_youth"

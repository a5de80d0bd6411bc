from ungeapi.core.errors import Conflict, Invalid, NotFound


class ConcernNotFound(NotFound):
    code = "concern.not_found"


class ConcernRefused(Invalid):
    """A broken rule about a concern's content; the code names the rule."""

    code = "concern.sender_incomplete"


class LevelNotOnScale(Invalid):
    code = "concern.level_not_on_scale"


class NoReceivingDepartment(Invalid):
    code = "concern.no_receiving_department"


class UnknownDepartment(Invalid):
    code = "concern.unknown_department"


class InvalidAction(Conflict):
    code = "concern.invalid_action"

from ungeapi.core.errors import DomainError, NotFound


class ConcernNotFound(NotFound):
    code = "concern.not_found"


class ConcernRefused(DomainError):
    """A broken rule about a concern's content; the code names the rule."""

    status = 422
    code = "concern.sender_incomplete"


class LevelNotOnScale(DomainError):
    status = 422
    code = "concern.level_not_on_scale"


class NoReceivingDepartment(DomainError):
    status = 422
    code = "concern.no_receiving_department"


class UnknownDepartment(DomainError):
    status = 422
    code = "concern.unknown_department"


class InvalidAction(DomainError):
    status = 409
    code = "concern.invalid_action"

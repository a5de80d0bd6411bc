from ungeapi.core.errors import Conflict, Invalid, NotFound


class PlanNotFound(NotFound):
    code = "progression.plan_not_found"


class PlanFinished(Conflict):
    code = "progression.plan_finished"


class UnknownPhase(Invalid):
    code = "progression.unknown_phase"


class ScaleInvalid(Invalid):
    code = "progression.scale_invalid"

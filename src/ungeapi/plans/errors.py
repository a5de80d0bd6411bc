from ungeapi.core.errors import Conflict, Denied, Invalid, NotFound


class PlanNotFound(NotFound):
    code = "plan.not_found"


class PlanNotYetMade(NotFound):
    code = "plan.not_yet_made"


class RevisionNotFound(NotFound):
    code = "plan.revision_not_found"


class GoalNotFound(NotFound):
    code = "plan.goal_not_found"


class MeasureNotFound(NotFound):
    code = "plan.measure_not_found"


class ActivePlanExists(Conflict):
    code = "plan.active_exists"


class PlanFinished(Conflict):
    code = "plan.finished"


class ReasonRequired(Invalid):
    code = "plan.reason_required"


class UnknownDepartment(Invalid):
    code = "plan.unknown_department"


class MeasureDatesOutOfOrder(Invalid):
    code = "plan.measure_ends_before_start"


class MeasureNotYours(Denied):
    code = "plan.measure_department_not_yours"


class InvalidDropoutDates(Invalid):
    code = "plan.invalid_dropout_dates"


class UnknownOffer(Invalid):
    code = "plan.unknown_offer"


class ExemptionReasonRequired(Invalid):
    code = "plan.exemption_reason_required"


class ExemptionEndsBeforeStart(Invalid):
    code = "plan.exemption_ends_before_start"

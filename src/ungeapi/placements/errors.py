from ungeapi.core.errors import DomainError, NotFound


class YouthPlanNotFound(NotFound):
    code = "youth_plan.not_found"


class AftercareDecisionNotFound(NotFound):
    code = "aftercare_decision.not_found"


class CaseNotOfYouth(DomainError):
    status = 422
    code = "placement.case_not_of_youth"


class SupportUntilInvalid(DomainError):
    status = 422
    code = "aftercare_decision.support_until_invalid"

from ungeapi.core.errors import Invalid, NotFound


class YouthPlanNotFound(NotFound):
    code = "youth_plan.not_found"


class AftercareDecisionNotFound(NotFound):
    code = "aftercare_decision.not_found"


class CaseNotOfYouth(Invalid):
    code = "placement.case_not_of_youth"


class SupportUntilInvalid(Invalid):
    code = "aftercare_decision.support_until_invalid"

from ungeapi.core.errors import Invalid, NotFound


class EducationOrderNotFound(NotFound):
    code = "education_order.not_found"


class RuleNotInForce(Invalid):
    code = "education_order.not_in_force"


class InvalidDeadlines(Invalid):
    code = "education_order.invalid_deadlines"


class CaseNotOfYouth(Invalid):
    code = "education_order.case_not_of_youth"

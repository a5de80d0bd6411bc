from ungeapi.core.errors import Conflict, DomainError, NotFound


class CaseNotFound(NotFound):
    code = "case.not_found"


class ClosedBeforeOpened(DomainError):
    status = 422
    code = "case.closed_before_opened"


class UnknownDepartment(DomainError):
    status = 422
    code = "case.unknown_department"


class NotYourDepartment(DomainError):
    status = 403
    code = "case.department_not_yours"


class SupportHoursWithoutExpectation(DomainError):
    status = 422
    code = "case.support_hours_without_expectation"


class ExternalRefOtherYouth(Conflict):
    """A journal system's case (system, id) stays with its youth: an upsert never moves it."""

    code = "case.external_ref_other_youth"

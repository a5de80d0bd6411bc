from ungeapi.core.errors import Conflict, Denied, Invalid, NotFound


class CaseNotFound(NotFound):
    code = "case.not_found"


class ClosedBeforeOpened(Invalid):
    code = "case.closed_before_opened"


class UnknownDepartment(Invalid):
    code = "case.unknown_department"


class NotYourDepartment(Denied):
    code = "case.department_not_yours"


class SupportHoursWithoutExpectation(Invalid):
    code = "case.support_hours_without_expectation"


class ExternalRefOtherYouth(Conflict):
    """A journal system's case (system, id) stays with its youth: an upsert never moves it."""

    code = "case.external_ref_other_youth"

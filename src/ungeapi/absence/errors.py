from ungeapi.core.errors import Conflict, DomainError, NotFound


class AbsenceNotFound(NotFound):
    code = "absence.not_found"


class InvalidAbsencePeriod(DomainError):
    status = 422
    code = "absence.period_invalid"


class SharesExceedTotal(DomainError):
    status = 422
    code = "absence.shares_exceed_total"


class AbsenceExists(Conflict):
    code = "absence.exists"

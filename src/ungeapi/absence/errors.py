from ungeapi.core.errors import Conflict, Invalid, NotFound


class AbsenceNotFound(NotFound):
    code = "absence.not_found"


class InvalidAbsencePeriod(Invalid):
    code = "absence.period_invalid"


class SharesExceedTotal(Invalid):
    code = "absence.shares_exceed_total"


class AbsenceExists(Conflict):
    code = "absence.exists"

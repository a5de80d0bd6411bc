from ungeapi.core.errors import Conflict, Invalid, NotFound


class AbsenceNotFound(NotFound):
    code = "absence.not_found"


class InvalidAbsencePeriod(Invalid):
    code = "absence.period_invalid"


class SharesExceedTotal(Invalid):
    code = "absence.shares_exceed_total"


class AbsenceExists(Conflict):
    code = "absence.exists"


class ExternalRefOtherYouth(Conflict):
    """A source system's record (system, id) stays with its youth: an upsert never moves it."""

    code = "absence.external_ref_other_youth"


class FollowUpNotOpen(Conflict):
    """R22: the follow-up's steps wait for a notification over the share."""

    code = "absence.follow_up_not_open"


class ChildBenefitIncomplete(Invalid):
    code = "absence.child_benefit_incomplete"


class NotAnAbsenceTeam(Invalid):
    code = "absence.team_unknown"

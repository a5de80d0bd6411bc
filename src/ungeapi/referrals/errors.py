from ungeapi.core.errors import Conflict, DomainError, NotFound


class ReferralNotFound(NotFound):
    code = "referral.not_found"


class InvalidTransition(Conflict):
    code = "referral.invalid_transition"


class OpenReferralExists(Conflict):
    code = "referral.open_exists"


class NotEditable(Conflict):
    code = "referral.not_editable"


class ReasonRequired(DomainError):
    status = 422
    code = "referral.reason_required"


class OutsideForumAge(DomainError):
    status = 422
    code = "referral.outside_forum_age"


class PlanNotStuck(DomainError):
    status = 422
    code = "referral.plan_not_stuck"

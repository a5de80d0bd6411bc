from ungeapi.core.errors import Conflict, Invalid, NotFound


class ReferralNotFound(NotFound):
    code = "referral.not_found"


class InvalidTransition(Conflict):
    code = "referral.invalid_transition"


class OpenReferralExists(Conflict):
    code = "referral.open_exists"


class NotEditable(Conflict):
    code = "referral.not_editable"


class ReasonRequired(Invalid):
    code = "referral.reason_required"


class OutsideForumAge(Invalid):
    code = "referral.outside_forum_age"


class PlanNotStuck(Invalid):
    code = "referral.plan_not_stuck"

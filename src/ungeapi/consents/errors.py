from ungeapi.core.errors import Conflict, Denied, Invalid, NotFound


class ConsentNotFound(NotFound):
    code = "consent.not_found"


class ConsentRuleBroken(Invalid):
    """A consent rule (consents/rules.py) refused; the code names the rule."""

    code = "consent.invalid"


class ConsentRevoked(Conflict):
    code = "consent.revoked"


class UnknownDepartment(Invalid):
    code = "consent.unknown_department"


class NotGiverSide(Denied):
    """Only the giver's side records a revocation or another giver: the owning department, the
    dpo or admin; a recipient department reads the consent (its basis) but cannot act on it."""

    code = "consent.not_giver_side"

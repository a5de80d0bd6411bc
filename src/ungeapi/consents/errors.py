from ungeapi.core.errors import DomainError, NotFound


class ConsentNotFound(NotFound):
    code = "consent.not_found"


class ConsentRuleBroken(DomainError):
    """A consent rule (consents/rules.py) refused; the code names the rule."""

    status = 422
    code = "consent.invalid"


class ConsentRevoked(DomainError):
    status = 409
    code = "consent.revoked"


class UnknownDepartment(DomainError):
    status = 422
    code = "consent.unknown_department"


class NotGiverSide(DomainError):
    """Only the giver's side records a revocation or another giver: the owning department, the
    dpo or admin; a recipient department reads the consent (its basis) but cannot act on it."""

    status = 403
    code = "consent.not_giver_side"

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

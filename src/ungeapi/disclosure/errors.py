from ungeapi.core.errors import DomainError, NotFound


class RecordNotFound(NotFound):
    code = "disclosure.record_not_found"


class NotOwner(DomainError):
    """R9: only the owning department (or the record's own caseworker) discloses its protected part."""

    status = 403
    code = "disclosure.not_owner"


class ClassNotOwner(DomainError):
    """R9: only the owning department (or the record's own author) sets or changes its class."""

    status = 403
    code = "disclosure.class_not_owner"


class NothingProtected(DomainError):
    """R9: an essential record has no protected part to disclose."""

    status = 422
    code = "disclosure.nothing_protected"


class RecipientOwns(DomainError):
    status = 422
    code = "disclosure.recipient_owns"


class UnknownRecipient(DomainError):
    status = 422
    code = "disclosure.unknown_department"

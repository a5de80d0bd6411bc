from ungeapi.core.errors import Denied, Invalid, NotFound


class RecordNotFound(NotFound):
    code = "disclosure.record_not_found"


class NotOwner(Denied):
    """R9: only the owning department (or the record's own caseworker) discloses its protected part."""

    code = "disclosure.not_owner"


class ClassNotOwner(Denied):
    """R9: only the owning department (or the record's own author) sets or changes its class."""

    code = "disclosure.class_not_owner"


class NothingProtected(Invalid):
    """R9: an essential record has no protected part to disclose."""

    code = "disclosure.nothing_protected"


class RecipientOwns(Invalid):
    code = "disclosure.recipient_owns"


class UnknownRecipient(Invalid):
    code = "disclosure.unknown_department"

from ungeapi.core.errors import Conflict, Denied, NotFound


class ObligationNotFound(NotFound):
    """No open obligation with that key for a youth the caller may see (today)."""

    code = "obligation.not_found"


class ObligationAlreadyResolved(Conflict):
    code = "obligation.already_resolved"


class NotResponsible(Denied):
    code = "obligation.not_responsible"

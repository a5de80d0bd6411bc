from ungeapi.core.errors import Conflict, NotFound


class GuideNotFound(NotFound):
    code = "guide.not_found"


class GuideAlreadyActive(Conflict):
    code = "guide.already_active"


class InvalidTransition(Conflict):
    code = "guide.invalid_transition"

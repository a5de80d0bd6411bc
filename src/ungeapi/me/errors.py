from ungeapi.core.errors import Conflict, NotFound


class NotRegistered(NotFound):
    """The logged-in person has no record in the municipality's youth effort."""

    code = "me.not_registered"


class SubjectNotFound(NotFound):
    """No such plan, meeting or guide of the youth's own."""

    code = "me.subject_not_found"


class MeetingPast(Conflict):
    code = "me.meeting_past"


class NobodyToTalkTo(Conflict):
    code = "me.no_guide"


class StatementNotFound(NotFound):
    code = "me.statement_not_found"


class AlreadyAnswered(Conflict):
    code = "me.already_answered"


class AlreadyWritten(Conflict):
    """Two editions of the same subject written at once: the youth sends it again."""

    code = "me.written_concurrently"

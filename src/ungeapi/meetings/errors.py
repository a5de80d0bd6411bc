from ungeapi.core.errors import Conflict, Invalid, NotFound


class MeetingNotFound(NotFound):
    code = "meeting.not_found"


class AgendaFull(Conflict):
    code = "meeting.agenda_full"


class NoMeetingAvailable(Conflict):
    code = "meeting.none_available"


class AlreadyOnAgenda(Conflict):
    code = "meeting.already_on_agenda"


class WrongForum(Invalid):
    code = "meeting.wrong_forum"


class AlreadyHeld(Invalid):
    code = "meeting.already_held"


class NotOnAgenda(Invalid):
    code = "meeting.not_on_agenda"


class DecisionExists(Conflict):
    code = "decision.exists"


class TeamRequired(Invalid):
    code = "decision.team_required"


class TeamNotAllowed(Invalid):
    code = "decision.team_not_allowed"


class IncomeBasisAbolished(Invalid):
    code = "decision.income_basis_abolished"


class CapacityBelowAgenda(Conflict):
    code = "meeting.capacity_below_agenda"


class MeetingNotHeld(Conflict):
    """A decision for a meeting that is still ahead: 409, because nothing in the request is
    wrong; the meeting's state is, and the same request succeeds once the meeting is held."""

    code = "meeting.not_held"


class MeetingHasDecisions(Conflict):
    code = "meeting.has_decisions"

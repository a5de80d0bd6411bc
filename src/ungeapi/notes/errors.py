from ungeapi.core.errors import Denied, Invalid, NotFound


class NoteNotFound(NotFound):
    code = "note.not_found"


class SubjectNotFound(Invalid):
    code = "note.subject_not_found"


class SubjectIncomplete(Invalid):
    code = "note.subject_incomplete"


class NotAuthorDepartment(Denied):
    code = "note.not_author_department"

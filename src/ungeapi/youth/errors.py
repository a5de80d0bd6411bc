from ungeapi.core.errors import Conflict, Denied, Invalid, NotFound


class YouthNotFound(NotFound):
    code = "youth.not_found"


class CprExists(Conflict):
    code = "youth.cpr_exists"


class ExternalRefTaken(Conflict):
    """An external reference names one youth: it never moves to another."""

    code = "youth.external_ref_taken"


class OutsideAgeWindow(Invalid):
    code = "youth.outside_age_window"


class YouthArchived(Conflict):
    code = "youth.archived"


class RegisteringDepartmentNotYours(Denied):
    """Only the registering department (or admin, integration) hands a youth over, and only to a
    department of the caller's own."""

    code = "youth.registering_department_not_yours"

from ungeapi.core.errors import Conflict, NotFound


class DepartmentNotFound(NotFound):
    code = "department.not_found"


class DepartmentExists(Conflict):
    code = "department.exists"

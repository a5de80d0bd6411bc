"""The one access scope: which youth a caller may see. Every domain's queries use it.

A caseworker sees a youth registered by their department; later resources (cases, guides,
teams, consents) widen this in one place. Roles in MUNICIPALITY_WIDE_ROLES see the whole
municipality. Row-level security keeps every query inside the caller's municipality anyway.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, false, true

from ungeapi.core.permissions import sees_whole_municipality
from ungeapi.core.security import Principal
from ungeapi.models import Youth


def youth_visible(principal: Principal) -> ColumnElement[bool]:
    if sees_whole_municipality(principal):
        return true()
    clauses: list[ColumnElement[bool]] = []
    if principal.departments:
        clauses.append(Youth.registered_by_department.in_(principal.departments))
    if not clauses:
        return false()
    result = clauses[0]
    for clause in clauses[1:]:
        result = result | clause
    return result

"""The caseworker's answer to what the youth wrote through their own door (ungeapi.me), as a
set-based query. Here rather than in `me`, which reads the export and so the worklist: every statement not
answered yet is owed by its responsible caseworker by `respond_by` (me/rules.py), and stays on
the worklist, overdue, until it is answered (§8.2) or resolved with a reason."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Select, String, cast, func, literal, null, select
from sqlalchemy.dialects.postgresql import ARRAY, array

from ungeapi.access import youth_visible
from ungeapi.core.security import Principal
from ungeapi.models import Youth, YouthStatement
from ungeapi.municipality.policy import Policy

RESPONSE_DUE = "me.response_due"


def response_due(principal: Principal, today: date, policy: Policy) -> Select[Any]:
    """Columns: kind, youth_id, due_on, departments, subs, subject_type, subject_id."""
    s = YouthStatement
    columns: list[ColumnElement[Any]] = [
        literal(RESPONSE_DUE, String).label("kind"),
        s.youth_id.label("youth_id"),
        s.respond_by.label("due_on"),
        _present(s.responsible_department).label("departments"),
        _present(s.responsible_sub).label("subs"),
        literal("youth_statement", String).label("subject_type"),
        cast(s.id, String).label("subject_id"),
    ]
    return (
        select(*columns)
        .join(Youth, Youth.id == s.youth_id)
        .where(s.answered_at.is_(None), Youth.archived_at.is_(None), youth_visible(principal, today))
    )


def _present(column: Any) -> ColumnElement[Any]:
    """The column as an array of one, or none when it is null."""
    return cast(func.array_remove(array([column]), null()), ARRAY(String))


def responsible_is(sub: str, today: date) -> ColumnElement[bool]:
    """For the worklist of one person (obligations/narrowing.py)."""
    return YouthStatement.responsible_sub == sub

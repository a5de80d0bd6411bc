"""The two deadlines of a concern as set-based worklist queries (see concerns/rules.py for the law).

Only the receiving department (and admin/dpo) sees them: the worklist must not tell another
department that a concern exists.

§8.2: both already stay once missed, until satisfied or resolved. Nothing about the youth ends
them (no age, no case): the receiving department sees its concerns whatever becomes of the
youth's cases (access.concern_visible). The assessment is satisfied by the recorded assessment;
closing a concern needs it first (the CHECK assessed_before_closed), so a closing never hides a
missed assessment (`closed_at IS NULL` only lets the partial index serve the query). The receipt
is satisfied by the recorded acknowledgement, and a closing does not end it.
"""

from __future__ import annotations

import typing
import uuid
from collections.abc import Collection
from datetime import date, datetime
from typing import Any

from sqlalchemy import Select, String, cast, literal, select
from sqlalchemy.dialects.postgresql import ARRAY, array
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute

from ungeapi.access import concern_visible
from ungeapi.core.security import Principal
from ungeapi.models import Concern, Youth
from ungeapi.municipality.policy import Policy

ASSESSMENT_DUE = "concern.assessment_due"
ACKNOWLEDGEMENT_DUE = "concern.acknowledgement_due"


def _columns(kind: str, due_on: InstrumentedAttribute[Any]) -> Select[tuple[object, ...]]:
    query = select(
        literal(kind, String).label("kind"),
        Concern.youth_id.label("youth_id"),
        due_on.label("due_on"),
        array([Concern.receiving_department_code], type_=String).label("departments"),  # type: ignore[misc]
        cast(literal([], ARRAY(String)), ARRAY(String)).label("subs"),
        literal("concern", String).label("subject_type"),
        cast(Concern.id, String).label("subject_id"),
    ).join(Youth, Youth.id == Concern.youth_id)
    return typing.cast(Select[tuple[object, ...]], query)


def assessment_due(principal: Principal, today: date, policy: Policy) -> Select[tuple[object, ...]]:
    """Every concern not yet assessed: due the day 24 hours after receipt falls on (its moment:
    assessment_deadlines). Satisfied: the assessment is recorded."""
    return _columns(ASSESSMENT_DUE, Concern.assessment_due_on).where(
        Concern.assessed_at.is_(None),
        Concern.closed_at.is_(None),
        Youth.archived_at.is_(None),
        concern_visible(principal),
    )


async def assessment_deadlines(session: AsyncSession, concern_ids: Collection[str]) -> dict[str, datetime]:
    """The assessment deadline is a moment, not a day: each concern's `assessment_due_at`, so the
    worklist can call it overdue the minute it passes (its `due_on` is that moment's day)."""
    if not concern_ids:
        return {}
    query = select(Concern.id, Concern.assessment_due_at).where(
        Concern.id.in_([uuid.UUID(i) for i in concern_ids])
    )
    return {str(row.id): row.assessment_due_at for row in await session.execute(query)}


def acknowledgement_due(principal: Principal, today: date, policy: Policy) -> Select[tuple[object, ...]]:
    """Every concern from a professional whose receipt has not been recorded: 6 weekdays.
    Satisfied: the acknowledgement is recorded; stays after the concern is closed (§8.2)."""
    return _columns(ACKNOWLEDGEMENT_DUE, Concern.acknowledgement_due_on).where(
        Concern.acknowledgement_due_on.is_not(None),
        Concern.acknowledged_at.is_(None),
        Youth.archived_at.is_(None),
        concern_visible(principal),
    )

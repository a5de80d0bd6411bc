"""The worklist: obligations computed from the current data by the rules, at request time.

Each rule contributes one set-based SELECT with the same columns (kind, youth_id, due_on,
departments, subs, subject_type, subject_id); they are combined with UNION ALL and filtered,
ordered and paginated in the database, so a whole municipality is one query.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date
from typing import Any

from sqlalchemy import Select, any_, func, literal, select, tuple_, union_all
from sqlalchemy.ext.asyncio import AsyncSession

from ungeapi.absence import obligations as absence_obligations
from ungeapi.concerns import obligations as concern_obligations
from ungeapi.core import audit
from ungeapi.core.context import Ctx
from ungeapi.core.messages import Language, obligation_title
from ungeapi.core.pagination import InvalidCursor, decode_cursor, encode_cursor
from ungeapi.core.security import Principal
from ungeapi.guides import obligations as guide_obligations
from ungeapi.municipality.policy import Policy
from ungeapi.municipality.service import get_policy
from ungeapi.obligations.narrowing import NARROWED
from ungeapi.obligations.schemas import ObligationRead, ObligationSubject
from ungeapi.placements import obligations as placement_obligations
from ungeapi.plans import obligations as plan_obligations
from ungeapi.referrals import obligations as referral_obligations
from ungeapi.teams import obligations as team_obligations
from ungeapi.transitions import obligations as transition_obligations

Source = Callable[[Principal, date, Policy], Select[Any]]

SOURCES: dict[str, Source] = {
    guide_obligations.KIND: guide_obligations.offer_due,
    plan_obligations.DROPOUT_CONTACT: plan_obligations.dropout_contact_due,
    plan_obligations.NEW_ACTIVITY: plan_obligations.new_activity_due,
    plan_obligations.FOLLOW_UP: plan_obligations.follow_up_overdue,
    concern_obligations.ASSESSMENT_DUE: concern_obligations.assessment_due,
    concern_obligations.ACKNOWLEDGEMENT_DUE: concern_obligations.acknowledgement_due,
    referral_obligations.KIND: referral_obligations.referral_missing,
    absence_obligations.KIND: absence_obligations.follow_up_due,
    transition_obligations.UPDATE_DUE: transition_obligations.update_due,
    team_obligations.FIRST_MEETING_DUE: team_obligations.first_meeting_due,
    transition_obligations.FORM_DUE: transition_obligations.form_due,
    placement_obligations.YOUTH_PLAN_DUE: placement_obligations.youth_plan_due,
    placement_obligations.AFTERCARE_DECISION_DUE: placement_obligations.aftercare_decision_due,
}


def register(kind: str, source: Source) -> None:
    """Lets a domain add its rule's query to the worklist."""
    SOURCES[kind] = source


async def list_obligations(
    session: AsyncSession,
    ctx: Ctx,
    lang: Language,
    *,
    today: date,
    limit: int,
    cursor: str | None,
    kinds: list[str] | None,
    department: str | None,
    responsible: str | None,
    due_before: date | None,
    youth_id: uuid.UUID | None,
) -> tuple[list[ObligationRead], str | None]:
    policy = await get_policy(session)
    selected = [(kind, source) for kind, source in SOURCES.items() if not kinds or kind in kinds]
    if not selected:
        return [], None
    queries = [
        NARROWED[kind](ctx.principal, today, policy, responsible)
        if responsible is not None and kind in NARROWED
        else source(ctx.principal, today, policy)
        for kind, source in selected
    ]
    combined = union_all(*queries).subquery("obligation")
    o = combined.c
    subject_key = func.coalesce(o.subject_id, "")
    query = select(combined)
    if department is not None:
        query = query.where(literal(department) == any_(o.departments))
    if responsible is not None:
        query = query.where(literal(responsible) == any_(o.subs))
    if due_before is not None:
        query = query.where(o.due_on < due_before)
    if youth_id is not None:
        query = query.where(o.youth_id == youth_id)
    after = decode_cursor(cursor, 4)
    if after is not None:
        try:
            key = (date.fromisoformat(str(after[0])), str(after[1]), uuid.UUID(str(after[2])), str(after[3]))
        except ValueError as exc:
            raise InvalidCursor() from exc
        query = query.where(tuple_(o.due_on, o.kind, o.youth_id, subject_key) > tuple_(*key))
    query = query.order_by(o.due_on, o.kind, o.youth_id, subject_key).limit(limit + 1)
    rows = list((await session.execute(query)).mappings())
    next_cursor = None
    if len(rows) > limit:
        rows = rows[:limit]
        last = rows[-1]
        next_cursor = encode_cursor(
            [last["due_on"].isoformat(), last["kind"], str(last["youth_id"]), last["subject_id"] or ""]
        )
    items = [
        ObligationRead(
            kind=row["kind"],
            youth_id=row["youth_id"],
            due_on=row["due_on"],
            overdue=row["due_on"] < today,
            title=obligation_title(row["kind"], lang),
            responsible_departments=sorted(row["departments"] or []),
            responsible_subs=sorted(row["subs"] or []),
            subject=(
                ObligationSubject(type=row["subject_type"], id=str(row["subject_id"]))
                if row["subject_type"]
                else None
            ),
        )
        for row in rows
    ]
    youth_ids = sorted({item.youth_id for item in items})
    await audit.record_many(
        session, ctx, action="search", resource_type="obligation", subjects=[(None, y) for y in youth_ids]
    )
    return items, next_cursor

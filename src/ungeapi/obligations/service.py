"""The worklist: obligations computed from the current data by the rules, at request time.

Each rule contributes one set-based SELECT with the same columns (kind, youth_id, due_on,
departments, subs, subject_type, subject_id); they are combined with UNION ALL and filtered,
ordered and paginated in the database, so a whole municipality is one query.
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable, Collection, Iterable, Mapping
from datetime import date, datetime
from typing import Any, cast

from sqlalchemy.ext.asyncio import AsyncSession

from ungeapi.concerns import obligations as concern_obligations
from ungeapi.core import audit
from ungeapi.core.changes import log_change
from ungeapi.core.clock import start_of_day
from ungeapi.core.context import Ctx
from ungeapi.core.messages import Language
from ungeapi.core.pagination import InvalidCursor, decode_cursor, encode_cursor
from ungeapi.core.permissions import MUNICIPALITY_WIDE_ROLES
from ungeapi.core.schemas import from_row
from ungeapi.core.security import Principal
from ungeapi.models import ObligationResolution
from ungeapi.municipality.service import get_policy
from ungeapi.obligations import messages, repository, rules
from ungeapi.obligations.errors import NotResponsible, ObligationAlreadyResolved, ObligationNotFound
from ungeapi.obligations.repository import SOURCES as SOURCES
from ungeapi.obligations.repository import After
from ungeapi.obligations.repository import worklist_rows as worklist_rows
from ungeapi.obligations.rules import ObligationKey
from ungeapi.obligations.schemas import (
    ObligationRead,
    ObligationResolutionRead,
    ObligationResolve,
    ObligationSubject,
    ResolutionReason,
    Resolver,
)
from ungeapi.transitions import obligations as transition_obligations
from ungeapi.youth.service import writable_youth

# Rules whose deadline is a moment rather than a day: kind -> the deadlines of the listed
# obligations by subject id. Their items carry `due_at` and are overdue the minute it passes.
Moments = Callable[[AsyncSession, Collection[str]], Awaitable[dict[str, datetime]]]
MOMENTS: dict[str, Moments] = {
    concern_obligations.ASSESSMENT_DUE: concern_obligations.assessment_deadlines,
}


def judged_at(ctx: Ctx, today: date) -> datetime:
    """The moment a worklist for `today` is judged at: the request's own moment for today, else the
    first moment of that day (so a deadline of the day before is overdue, as with dates)."""
    return ctx.now if today == ctx.today else start_of_day(today)


async def due_moments(
    session: AsyncSession, rows: Iterable[Mapping[Any, Any]]
) -> dict[tuple[str, str], datetime]:
    """The `due_at` of the listed obligations whose deadline is a moment, by (kind, subject id)."""
    wanted: dict[str, set[str]] = {}
    for row in rows:
        if row["kind"] in MOMENTS and row["subject_id"]:
            wanted.setdefault(row["kind"], set()).add(str(row["subject_id"]))
    found: dict[tuple[str, str], datetime] = {}
    for kind, subjects in wanted.items():
        for subject, moment in (await MOMENTS[kind](session, subjects)).items():
            found[kind, subject] = moment
    return found


def is_overdue(due_on: date, due_at: datetime | None, today: date, moment: datetime) -> bool:
    return moment > due_at if due_at is not None else due_on < today


RESOLUTION = "obligation_resolution"
# A youth's obligations of one kind: a handful (R11 has one per missed window); bounded anyway.
ONE_YOUTH_ROWS = 1000


def to_read(
    row: Mapping[Any, Any],
    today: date,
    lang: Language,
    moments: Mapping[tuple[str, str], datetime],
    moment: datetime,
) -> ObligationRead:
    """One row of the union as the API shows it; `moments` holds the deadlines that are moments
    (due_moments), judged at `moment` (judged_at)."""
    key = ObligationKey(
        kind=row["kind"], youth_id=row["youth_id"], subject_id=row["subject_id"] or "", due_on=row["due_on"]
    )
    due_at = moments.get((row["kind"], str(row["subject_id"])))
    return ObligationRead(
        key=str(key),
        kind=row["kind"],
        youth_id=row["youth_id"],
        due_on=row["due_on"],
        due_at=due_at,
        overdue=is_overdue(row["due_on"], due_at, today, moment),
        title=messages.CATALOGUE.obligation_title(row["kind"], lang),
        responsible_departments=sorted(row["departments"] or []),
        responsible_subs=sorted(row["subs"] or []),
        subject=(
            ObligationSubject(type=row["subject_type"], id=str(row["subject_id"]))
            if row["subject_type"]
            else None
        ),
    )


async def list_obligations(
    session: AsyncSession,
    ctx: Ctx,
    lang: Language,
    *,
    today: date,
    limit: int,
    cursor: str | None = None,
    kinds: list[str] | None = None,
    department: str | None = None,
    responsible: str | None = None,
    due_before: date | None = None,
    youth_id: uuid.UUID | None = None,
) -> tuple[list[ObligationRead], str | None]:
    """A page of the worklist; a filter left out filters nothing."""
    policy = await get_policy(session)
    selected = tuple(kind for kind in SOURCES if not kinds or kind in kinds)
    if not selected:
        return [], None
    after: After | None = None
    decoded = decode_cursor(cursor, 4)
    if decoded is not None:
        try:
            after = (
                date.fromisoformat(str(decoded[0])),
                str(decoded[1]),
                uuid.UUID(str(decoded[2])),
                str(decoded[3]),
            )
        except ValueError as exc:
            raise InvalidCursor() from exc
    rows = await worklist_rows(
        session,
        ctx,
        today=today,
        policy=policy,
        kinds=selected,
        rows=limit + 1,
        department=department,
        responsible=responsible,
        due_before=due_before,
        youth_id=youth_id,
        after=after,
    )
    next_cursor = None
    if len(rows) > limit:
        rows = rows[:limit]
        last = rows[-1]
        next_cursor = encode_cursor(
            [last["due_on"].isoformat(), last["kind"], str(last["youth_id"]), last["subject_id"] or ""]
        )
    moments = await due_moments(session, rows)
    moment = judged_at(ctx, today)
    items = [to_read(row, today, lang, moments, moment) for row in rows]
    youth_ids = sorted({item.youth_id for item in items})
    await audit.record_many(
        session, ctx, action="search", resource_type="obligation", subjects=[(None, y) for y in youth_ids]
    )
    return items, next_cursor


def resolution_read(row: ObligationResolution, lang: Language) -> ObligationResolutionRead:
    key = ObligationKey(kind=row.kind, youth_id=row.youth_id, subject_id=row.subject_id, due_on=row.due_on)
    return from_row(
        ObligationResolutionRead,
        row,
        key=str(key),
        subject=ObligationSubject(type=row.subject_type, id=row.subject_id) if row.subject_type else None,
        title=messages.CATALOGUE.obligation_title(row.kind, lang),
        reason=cast(ResolutionReason, row.reason),
        resolved_by=from_row(Resolver, row, prefix="resolved_by_"),
        missed=rules.missed(row.due_on, row.resolved_on),
    )


async def resolve(
    session: AsyncSession, ctx: Ctx, lang: Language, key_text: str, data: ObligationResolve
) -> ObligationResolutionRead:
    """§8.2: resolve an open obligation with a reason. The caller must see the youth (else 404)
    and be among its responsible departments or people, or an admin (else 403); the obligation
    must be on the youth's worklist today (else 404) and not resolved already (409). Audited,
    and a change event; it then leaves the worklist and shows in the youth's overview."""
    key = rules.parse_key(key_text)
    if key is None or key.kind not in SOURCES:
        raise ObligationNotFound()
    youth = await writable_youth(session, ctx, key.youth_id)
    if await repository.is_resolved(session, key):
        raise ObligationAlreadyResolved()
    policy = await get_policy(session)
    listed = await repository.youth_worklist(
        session, ctx, policy, key.kind, key.youth_id, rows=ONE_YOUTH_ROWS
    )
    found = [
        row for row in listed if (row["subject_id"] or "") == key.subject_id and row["due_on"] == key.due_on
    ]
    if not found:
        raise ObligationNotFound()
    row = found[0]
    if not rules.may_resolve(ctx.principal, departments=row["departments"] or [], subs=row["subs"] or []):
        raise NotResponsible()
    resolution = await repository.add_resolution(
        session,
        {
            "municipality_code": youth.municipality_code,
            "kind": key.kind,
            "youth_id": key.youth_id,
            "subject_type": row["subject_type"],
            "subject_id": key.subject_id,
            "due_on": key.due_on,
            "reason": data.reason,
            "note": data.note,
            **ctx.as_actor("resolved_by"),
            "resolved_on": ctx.today,
        },
    )
    if resolution is None:  # resolved concurrently by another request
        raise ObligationAlreadyResolved()
    await log_change(
        session,
        ctx,
        audit_action="resolve",
        event_action="created",
        resource_type=RESOLUTION,
        resource_id=resolution.id,
        youth_id=key.youth_id,
        version=1,
        detail={"kind": key.kind, "due_on": key.due_on.isoformat(), "reason": data.reason},
    )
    return resolution_read(resolution, lang)


async def resolutions_of(
    session: AsyncSession, lang: Language, youth_id: uuid.UUID, *, limit: int
) -> list[ObligationResolutionRead]:
    """A youth's resolved obligations, newest first (the caller has checked the youth is visible)."""
    rows = await repository.resolutions_of_youth(session, youth_id, limit=limit)
    return [resolution_read(row, lang) for row in rows]


async def missed_counts(session: AsyncSession, ctx: Ctx, *, today: date) -> dict[str, dict[str, int]]:
    """§8.2 for statistics, per kind, over the whole municipality: `open_overdue` (on the worklist
    on `today`, past due, not resolved), `resolved_in_time` and `resolved_late` (resolutions
    made on or before `today`), `closed_late` (R11 windows an update closed after their end,
    unless resolved)."""
    policy = await get_policy(session)
    p = ctx.principal
    # Aggregate figures cover the municipality, not the caller's scope (as the other figures).
    everyone = Principal(sub=p.sub, name=p.name, municipality=p.municipality, roles=MUNICIPALITY_WIDE_ROLES)
    counts: dict[str, dict[str, int]] = {}

    def add(kind: str, figure: str, count: int) -> None:
        counts.setdefault(kind, {})[figure] = count

    for kind, count in await repository.open_overdue_by_kind(session, everyone, today, policy):
        add(kind, "open_overdue", count)
    for kind, in_time, too_late in await repository.resolutions_by_kind(session, today):
        add(kind, "resolved_in_time", in_time)
        add(kind, "resolved_late", too_late)
    closed_late = await repository.closed_late_unresolved(session, today, policy)
    add(transition_obligations.UPDATE_DUE, "closed_late", closed_late)
    return counts

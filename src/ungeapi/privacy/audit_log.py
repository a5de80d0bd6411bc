"""Reading the audit log: the youth's own access log and the dpo's search (domain.md 6.5)."""

from __future__ import annotations

import uuid
from datetime import date, datetime, time, timedelta
from typing import TypedDict, Unpack

from sqlalchemy.ext.asyncio import AsyncSession

from ungeapi.access import DISCLOSE
from ungeapi.core import audit
from ungeapi.core.context import COPENHAGEN, Ctx
from ungeapi.core.errors import DomainError
from ungeapi.core.pagination import InvalidCursor, decode_cursor, encode_cursor
from ungeapi.core.schemas import from_row
from ungeapi.core.scrub import mask_cpr, mask_cpr_in
from ungeapi.models import AuditEvent
from ungeapi.privacy import repository
from ungeapi.privacy.schemas import AccessLogEntry, AuditRead
from ungeapi.youth.service import check_visible

# The role that may see which employee looked (Datatilsynet: normally not shown to the youth).
IDENTITY_ROLE = "dpo"


class PeriodInvalid(DomainError):
    status = 422
    code = "audit.period_invalid"


def period(from_day: date | None, to_day: date | None) -> tuple[datetime | None, datetime | None]:
    """Days in Europe/Copenhagen, both inclusive, as [start, end) instants."""
    if from_day is not None and to_day is not None and from_day > to_day:
        raise PeriodInvalid()
    start = datetime.combine(from_day, time(0), COPENHAGEN) if from_day else None
    end = datetime.combine(to_day + timedelta(days=1), time(0), COPENHAGEN) if to_day else None
    return start, end


def _after(cursor: str | None) -> tuple[datetime, int] | None:
    raw = decode_cursor(cursor, 2)
    if raw is None:
        return None
    try:
        return datetime.fromisoformat(str(raw[0])), int(raw[1])
    except (TypeError, ValueError) as exc:
        raise InvalidCursor() from exc


def _next(rows: list[AuditEvent], limit: int) -> tuple[list[AuditEvent], str | None]:
    if len(rows) <= limit:
        return rows, None
    rows = rows[:limit]
    return rows, encode_cursor([rows[-1].occurred_at.isoformat(), rows[-1].id])


class LogPage(TypedDict):
    """The page of the access log asked for."""

    limit: int
    cursor: str | None
    from_day: date | None
    to_day: date | None


async def access_log(
    session: AsyncSession, ctx: Ctx, youth_id: uuid.UUID, **page: Unpack[LogPage]
) -> tuple[list[AccessLogEntry], str | None]:
    """Every read and write of one youth's data, newest first: when, why and which department.

    The employee is named only to the dpo role (domain.md 6.5).
    """
    await check_visible(session, ctx, youth_id)
    return await log_of(session, ctx, youth_id, with_identity=ctx.principal.has_role(IDENTITY_ROLE), **page)


async def log_of(
    session: AsyncSession, ctx: Ctx, youth_id: uuid.UUID, *, with_identity: bool, **page: Unpack[LogPage]
) -> tuple[list[AccessLogEntry], str | None]:
    """The access log of a youth the caller was let to already (the staff's scope, or the youth
    themselves through /v1/me), read and audited."""
    start, end = period(page["from_day"], page["to_day"])
    limit = page["limit"]
    rows = await repository.audit_page(
        session, limit=limit, after=_after(page["cursor"]), start=start, end=end, youth_id=youth_id
    )
    rows, next_cursor = _next(rows, limit)
    await audit.record(session, ctx, action="read", resource_type="access_log", youth_id=youth_id)
    return [_entry(r, with_identity) for r in rows], next_cursor


def _entry(row: AuditEvent, with_identity: bool) -> AccessLogEntry:
    """One line of the access log; a disclosure (access.record_disclosures) names the receiving
    department and the consent it was made under."""
    disclosed = row.detail if row.action == DISCLOSE and row.detail else {}
    return AccessLogEntry(
        occurred_at=row.occurred_at,
        action=row.action,
        resource_type=row.resource_type,
        purpose=mask_cpr(row.purpose),
        department=disclosed.get("recipient") or row.department,
        consent_id=disclosed.get("consent_id"),
        sub=row.sub if with_identity else None,
    )


async def search_audit(
    session: AsyncSession,
    ctx: Ctx,
    *,
    limit: int,
    cursor: str | None,
    youth_id: uuid.UUID | None,
    sub: str | None,
    action: str | None,
    from_day: date | None,
    to_day: date | None,
) -> tuple[list[AuditRead], str | None]:
    """The municipality's audit log for the dpo, newest first, filtered on indexed columns."""
    start, end = period(from_day, to_day)
    rows = await repository.audit_page(
        session,
        limit=limit,
        after=_after(cursor),
        start=start,
        end=end,
        youth_id=youth_id,
        sub=sub,
        action=action,
    )
    rows, next_cursor = _next(rows, limit)
    await audit.record(
        session,
        ctx,
        action="search",
        resource_type="audit",
        youth_id=youth_id,
        detail={"filters": sorted(k for k, v in {"sub": sub, "action": action}.items() if v)},
    )
    return [
        from_row(
            AuditRead,
            r,
            purpose=mask_cpr(r.purpose),
            request_id=None if r.request_id is None else mask_cpr(r.request_id),
            detail=mask_cpr_in(r.detail),
        )
        for r in rows
    ], next_cursor

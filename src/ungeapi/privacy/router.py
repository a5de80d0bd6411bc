from __future__ import annotations

import uuid
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, Response

from ungeapi.core.context import Ctx, context
from ungeapi.core.crypto import CprVault
from ungeapi.core.db import Session
from ungeapi.core.messages import pick_language
from ungeapi.core.openapi import problems
from ungeapi.core.pagination import Cursor, Limit, Page, link_next
from ungeapi.core.vault import get_vault
from ungeapi.privacy import audit_log, export
from ungeapi.privacy.schemas import AccessLogEntry, AuditRead, ExportDocument

youth_router = APIRouter(prefix="/youth", tags=["privacy"])
audit_router = APIRouter(prefix="/audit", tags=["privacy"])

AccessLogReader = Annotated[Ctx, Depends(context("youth:access_log", purpose="data_subject_access"))]
Exporter = Annotated[Ctx, Depends(context("youth:export", purpose="data_subject_access"))]
AuditReader = Annotated[Ctx, Depends(context("audit:read", purpose="supervision"))]
Vault = Annotated[CprVault, Depends(get_vault)]
FromDay = Annotated[
    date | None, Query(alias="from", description="From this day (fra og med), Copenhagen time.")
]
ToDay = Annotated[date | None, Query(alias="to", description="To this day (til og med), Copenhagen time.")]


@youth_router.get(
    "/{youth_id}/access-log", response_model=Page[AccessLogEntry], responses=problems(400, 401, 403, 404, 422)
)
async def read_access_log(
    youth_id: uuid.UUID,
    request: Request,
    response: Response,
    ctx: AccessLogReader,
    session: Session,
    limit: Limit = 50,
    cursor: Cursor = None,
    from_day: FromDay = None,
    to_day: ToDay = None,
) -> Page[AccessLogEntry]:
    """The youth's access log (indsigt i opslag): when, why and which department, newest first."""
    items, next_cursor = await audit_log.access_log(
        session, ctx, youth_id, limit=limit, cursor=cursor, from_day=from_day, to_day=to_day
    )
    link_next(request, response, next_cursor)
    return Page[AccessLogEntry](items=items, next_cursor=next_cursor)


@youth_router.get("/{youth_id}/export", response_model=ExportDocument, responses=problems(401, 403, 404))
async def export_youth(
    youth_id: uuid.UUID, request: Request, ctx: Exporter, session: Session, vault: Vault
) -> ExportDocument:
    """Everything held on one youth in one document (indsigt, GDPR art. 15); audited as an export."""
    return await export.export_youth(
        session, ctx, youth_id, vault=vault, lang=pick_language(request.headers.get("accept-language"))
    )


@audit_router.get("", response_model=Page[AuditRead], responses=problems(400, 401, 403, 422))
async def search_audit(
    request: Request,
    response: Response,
    ctx: AuditReader,
    session: Session,
    limit: Limit = 50,
    cursor: Cursor = None,
    youth_id: Annotated[uuid.UUID | None, Query(description="Only this youth's data (den unge).")] = None,
    sub: Annotated[str | None, Query(max_length=200, description="Only this user (bruger-id).")] = None,
    action: Annotated[
        str | None, Query(max_length=40, description="Only this action, e.g. read or export (handling).")
    ] = None,
    from_day: FromDay = None,
    to_day: ToDay = None,
) -> Page[AuditRead]:
    """Search the audit log (logningen), newest first; for the data-protection role."""
    items, next_cursor = await audit_log.search_audit(
        session,
        ctx,
        limit=limit,
        cursor=cursor,
        youth_id=youth_id,
        sub=sub,
        action=action,
        from_day=from_day,
        to_day=to_day,
    )
    link_next(request, response, next_cursor)
    return Page[AuditRead](items=items, next_cursor=next_cursor)

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import Field

from ungeapi.core.fields import Day
from ungeapi.core.http import READ_ONE, READ_PAGE, READ_PAGE_OF, Call, call_as
from ungeapi.core.pagination import Page, PageQuery
from ungeapi.core.vault import Vault
from ungeapi.privacy import audit_log, export
from ungeapi.privacy.schemas import AccessLogEntry, AuditRead, ExportDocument

youth_router = APIRouter(prefix="/v1/youth", tags=["privacy"])
audit_router = APIRouter(prefix="/v1/audit", tags=["privacy"])

AccessLogReader = Annotated[Call, call_as("youth:access_log", purpose="data_subject_access")]
Exporter = Annotated[Call, call_as("youth:export", purpose="data_subject_access")]
AuditReader = Annotated[Call, call_as("audit:read", purpose="supervision")]
FromDay = Annotated[
    Day | None, Field(alias="from", description="From this day (fra og med), Copenhagen time.")
]
ToDay = Annotated[Day | None, Field(alias="to", description="To this day (til og med), Copenhagen time.")]


class AccessLogQuery(PageQuery):
    from_day: FromDay = None
    to_day: ToDay = None


class AuditQuery(PageQuery):
    youth_id: uuid.UUID | None = Field(None, description="Only this youth's data (den unge).")
    sub: str | None = Field(None, max_length=200, description="Only this user (bruger-id).")
    action: str | None = Field(
        None, max_length=40, description="Only this action, e.g. read or export (handling)."
    )
    from_day: FromDay = None
    to_day: ToDay = None


@youth_router.get("/{youth_id}/access-log", response_model=Page[AccessLogEntry], responses=READ_PAGE_OF)
async def read_access_log(
    youth_id: uuid.UUID, call: AccessLogReader, query: Annotated[AccessLogQuery, Query()]
) -> Page[AccessLogEntry]:
    """The youth's access log (indsigt i opslag): when, why and which department, newest first."""
    return call.page(AccessLogEntry, await call.run(audit_log.access_log, youth_id, **vars(query)))


@youth_router.get("/{youth_id}/export", response_model=ExportDocument, responses=READ_ONE)
async def export_youth(youth_id: uuid.UUID, call: Exporter, vault: Vault) -> ExportDocument:
    """Everything held on one youth in one document (indsigt, GDPR art. 15); audited as an export."""
    return await call.run(export.export_youth, youth_id, vault=vault, lang=call.language)


@audit_router.get("", response_model=Page[AuditRead], responses=READ_PAGE)
async def search_audit(call: AuditReader, query: Annotated[AuditQuery, Query()]) -> Page[AuditRead]:
    """Search the audit log (logningen), newest first; for the data-protection role."""
    return call.page(AuditRead, await call.run(audit_log.search_audit, **vars(query)))

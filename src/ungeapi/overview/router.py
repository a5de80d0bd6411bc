from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Request

from ungeapi.core.context import Ctx, context
from ungeapi.core.db import Session
from ungeapi.core.messages import pick_language
from ungeapi.core.openapi import problems
from ungeapi.overview import service
from ungeapi.overview.schemas import OverviewRead

router = APIRouter(prefix="/youth", tags=["overview"])

Reader = Annotated[Ctx, Depends(context("youth:read", purpose="casework"))]


@router.get("/{youth_id}/overview", response_model=OverviewRead, responses=problems(401, 403, 404))
async def read_overview(youth_id: uuid.UUID, request: Request, ctx: Reader, session: Session) -> OverviewRead:
    """Read the youth's overview (overblik): cases, guide, plan, referrals, team and obligations."""
    lang = pick_language(request.headers.get("accept-language"))
    return await service.read_overview(session, ctx, lang, youth_id)

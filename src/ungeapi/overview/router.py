from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter

from ungeapi.core.http import READ_ONE, Call, call_as
from ungeapi.overview import service
from ungeapi.overview.schemas import OverviewRead

router = APIRouter(prefix="/v1/youth", tags=["overview"])

Reader = Annotated[Call, call_as("youth:read", purpose="casework")]


@router.get("/{youth_id}/overview", response_model=OverviewRead, responses=READ_ONE)
async def read_overview(youth_id: uuid.UUID, call: Reader) -> OverviewRead:
    """Read the youth's overview (overblik): cases, guide, plan, referrals, team and obligations."""
    return await call.run(service.read_overview, call.language, youth_id)

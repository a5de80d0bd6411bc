"""What every service call needs to know about the request: caller, purpose, request id, day."""

from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from datetime import date, datetime
from typing import Annotated, Any
from zoneinfo import ZoneInfo

from fastapi import Depends, Request

from ungeapi.core.permissions import require
from ungeapi.core.scrub import clean_text
from ungeapi.core.security import Principal

COPENHAGEN = ZoneInfo("Europe/Copenhagen")
MAX_PURPOSE_LENGTH = 200


def today_in_copenhagen() -> date:
    return datetime.now(COPENHAGEN).date()


@dataclass(frozen=True)
class Ctx:
    principal: Principal
    purpose: str
    request_id: str | None
    today: date


def context(permission: str, *, purpose: str) -> Callable[..., Coroutine[Any, Any, Ctx]]:
    """Checks `permission` and gathers the request's audit context.

    The purpose is the caller's `X-Purpose` header (CPR-shaped values masked), or the route's default.
    """
    check = require(permission)

    async def dependency(request: Request, principal: Annotated[Principal, Depends(check)]) -> Ctx:
        given = clean_text(request.headers.get("x-purpose"), MAX_PURPOSE_LENGTH)
        return Ctx(
            principal=principal,
            purpose=given or purpose,
            request_id=getattr(request.state, "request_id", None),
            today=today_in_copenhagen(),
        )

    dependency.__name__ = f"context_{permission.replace(':', '_')}"
    return dependency

"""What every service call needs to know about the request: caller, purpose, request id, moment, day."""

from collections.abc import Callable, Coroutine
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Annotated, Any

from fastapi import Depends, Request

from ungeapi.core.clock import COPENHAGEN, local_day, today_in_copenhagen, utc_now
from ungeapi.core.permissions import PERMISSIONS, Forbidden, authenticated
from ungeapi.core.scrub import clean_text
from ungeapi.core.security import Principal

__all__ = ["COPENHAGEN", "MAX_PURPOSE_LENGTH", "Ctx", "context", "request_ctx", "today_in_copenhagen"]

MAX_PURPOSE_LENGTH = 200


@dataclass(frozen=True)
class Ctx:
    """`now` is the request's moment (aware, UTC) and `today` its day in Europe/Copenhagen, both
    read once from the app's clock (core/clock.py) by `request_ctx`: every rule compares with
    these, never with the database's clock. A command may run the rules for another day
    (`today` given, e.g. `ungeapi retention --today`); `now` then stays the real moment."""

    principal: Principal
    purpose: str
    request_id: str | None
    today: date
    now: datetime = field(default_factory=utc_now)


def request_ctx(principal: Principal, purpose: str, request_id: str | None) -> Ctx:
    """A context for this moment: `now` from the app's clock, `today` its Copenhagen day."""
    now = utc_now()
    return Ctx(principal=principal, purpose=purpose, request_id=request_id, today=local_day(now), now=now)


def context(permission: str, *, purpose: str) -> Callable[..., Coroutine[Any, Any, Ctx]]:
    """Checks `permission` and gathers the request's audit context.

    The purpose is the caller's `X-Purpose` header (CPR-shaped values masked), or the route's default.
    """
    allowed = PERMISSIONS[permission]

    # The permission is checked here rather than by a `require` dependency: one level of
    # dependencies less for every request to solve.
    async def dependency(request: Request, principal: Annotated[Principal, Depends(authenticated)]) -> Ctx:
        if not principal.roles & allowed:
            raise Forbidden(permission=permission)
        given = clean_text(request.headers.get("x-purpose"), MAX_PURPOSE_LENGTH)
        return request_ctx(principal, given or purpose, getattr(request.state, "request_id", None))

    dependency.__name__ = f"context_{permission.replace(':', '_')}"
    return dependency

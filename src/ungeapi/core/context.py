"""What every service call needs to know about the request: caller, purpose, request id, moment, day."""

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from fastapi import Request

from ungeapi.core.clock import COPENHAGEN, local_day, today_in_copenhagen, utc_now
from ungeapi.core.scrub import clean_text
from ungeapi.core.security import Principal

__all__ = ["COPENHAGEN", "MAX_PURPOSE_LENGTH", "Ctx", "request_context", "request_ctx", "today_in_copenhagen"]

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

    def as_actor(self, role: str) -> dict[str, Any]:
        """The caller as a row records who acted in `role`: `<role>_sub`, `<role>_name` and
        `<role>_department` (their primary department)."""
        p = self.principal
        return {f"{role}_sub": p.sub, f"{role}_name": p.name, f"{role}_department": p.primary_department}


def request_ctx(principal: Principal, purpose: str, request_id: str | None) -> Ctx:
    """A context for this moment: `now` from the app's clock, `today` its Copenhagen day."""
    now = utc_now()
    return Ctx(principal=principal, purpose=purpose, request_id=request_id, today=local_day(now), now=now)


def request_context(request: Request, principal: Principal, purpose: str) -> Ctx:
    """The context of a request by `principal`, for the caller's `X-Purpose` header (CPR-shaped
    values masked) or else `purpose`."""
    given = clean_text(request.headers.get("x-purpose"), MAX_PURPOSE_LENGTH)
    return request_ctx(principal, given or purpose, getattr(request.state, "request_id", None))

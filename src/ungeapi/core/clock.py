"""The app's one clock.

Every business use of the current time goes through `utc_now` — in a request through `Ctx.now`
and `Ctx.today` (core/context.py), which are read from it once per request — never through
PostgreSQL's `now()`/`CURRENT_DATE`: the database's clock may differ from the app's, and the
tests move the app's clock (tests/conftest.py). Times a rule or a day filter reads are stamped
from it too (audit rows, plan revisions, absence records' creation, concern actions); purely
technical timestamps (a row's `created_at`/`updated_at`, change events, import job progress) may
stay on the database's clock. One reader of those is left: retention counts inactivity in years
from the rows' `updated_at`, where a clock difference of minutes does not matter.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

COPENHAGEN = ZoneInfo("Europe/Copenhagen")


def utc_now() -> datetime:
    """The current instant, timezone-aware, in UTC."""
    return datetime.now(UTC)


def local_day(moment: datetime) -> date:
    """The calendar day of `moment` in Denmark."""
    return moment.astimezone(COPENHAGEN).date()


def start_of_day(day: date) -> datetime:
    """The first instant of `day` in Denmark, in UTC."""
    return datetime.combine(day, time(0), COPENHAGEN).astimezone(UTC)


def today_in_copenhagen() -> date:
    return local_day(utc_now())

"""The test session's clock: the app's day is `UNGEAPI_TEST_TODAY` (ISO date, default
2026-12-05), and the session starts at 10:00 that day in Europe/Copenhagen.

tests/conftest.py starts a time-machine traveller at that instant in `pytest_configure`, before
any test module is collected, so the app, its settings and tokens, and every read of the clock
in the tests (`datetime.now`, `date.today`, `time.time`) see it; time then ticks on from there.

In a test, take the day from here, never from the real clock:

    from tests.clock import TODAY          # the app's day (a date)
    from tests.clock import NOW, now       # the session's first instant; the clock's moment now
"""

from __future__ import annotations

import os
import sys
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

COPENHAGEN = ZoneInfo("Europe/Copenhagen")
DEFAULT_TODAY = "2026-12-05"
START_TIME = time(10, 0)

TODAY: date = date.fromisoformat(os.environ.get("UNGEAPI_TEST_TODAY") or DEFAULT_TODAY)
NOW: datetime = datetime.combine(TODAY, START_TIME, COPENHAGEN).astimezone(UTC)


def now() -> datetime:
    """The (travelled) clock's moment, aware, in UTC: NOW plus the time the session has run."""
    return datetime.now(UTC)


def today() -> date:
    """The app's day now (Europe/Copenhagen); TODAY unless a session runs past midnight."""
    return now().astimezone(COPENHAGEN).date()


# A child process does not inherit the traveller: it runs the CLI under a clock of its own, started
# at the parent's moment (and ticking), so it sees the same day as the app in the tests.
_CLI_UNDER_CLOCK = (
    "import sys, time_machine; time_machine.travel(float(sys.argv[1]), tick=True).start(); "
    "from ungeapi.cli import main; raise SystemExit(main(sys.argv[2:]))"
)


def cli_command(*args: str) -> list[str]:
    """argv for `ungeapi *args` in a subprocess, on the tests' clock."""
    return [sys.executable, "-c", _CLI_UNDER_CLOCK, repr(now().timestamp()), *args]


def years_ago(years: int, days: int = 0) -> date:
    """The birth date of someone `years` old and `days` days past that birthday on TODAY (a
    29 February that day is taken as the 28th, so the birthday exists every year)."""
    day = TODAY - timedelta(days=days)
    if day.month == 2 and day.day == 29:
        day -= timedelta(days=1)
    return day.replace(year=day.year - years)

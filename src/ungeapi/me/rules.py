"""The rules of the youth's own door, as pure functions over plain data."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from ungeapi.plans.rules import add_weekdays


@dataclass(frozen=True)
class Person:
    """An employee as a row names them: who, what name, which department."""

    sub: str
    name: str
    department: str | None


def respond_by(written_on: date, weekdays: int) -> date:
    """The day the responsible caseworker must have answered what the youth wrote: `weekdays`
    weekdays after the day it was written (the setting `citizen_reply_weekdays`)."""
    return add_weekdays(written_on, weekdays)


def next_edition(latest: int | None) -> int:
    """The youth's words are never changed: a new view of the same subject is the next edition."""
    return 1 if latest is None else latest + 1


def may_reply(starts_at: datetime, now: datetime) -> bool:
    """An invitation is answered before the meeting begins."""
    return now < starts_at


def responsible(kind: str, *, coordinator: Person | None, guide: Person | None) -> Person | None:
    """Who answers the youth: a request to talk goes to the guide, anything else to the
    coordinating caseworker of the plan; each falls back on the other."""
    first, second = (guide, coordinator) if kind == "talk_request" else (coordinator, guide)
    return first or second

"""Event dates (§8.1 "Every door"): a date that records when something happened — a case opened,
a guide offered or declined, a network meeting held, a transition form updated — is never later
than the request's day, and never before the event it answers (a decline before its offer).

One pure rule and one refusal, shared by every domain that records such a date, so every door
answers with the same codes (`date.in_future`, `date.before_event`) and `errors[].loc` names the
field. Planned dates (a follow-up, a measure's end, an offer's last day) are not event dates.
"""

from __future__ import annotations

from datetime import date

from ungeapi.core.errors import DomainError, FieldError

IN_FUTURE = "date.in_future"
BEFORE_EVENT = "date.before_event"


def event_date_problem(day: date, *, today: date, not_before: date | None = None) -> str | None:
    """The refusal code for an event date, or None when it may be recorded: `day` is at the
    latest `today` and, when it answers an earlier event, at the earliest `not_before`."""
    if day > today:
        return IN_FUTURE
    if not_before is not None and day < not_before:
        return BEFORE_EVENT
    return None


class EventDateRefused(DomainError):
    status = 422
    code = IN_FUTURE


def refusal(field: str, day: date, *, today: date, not_before: date | None = None) -> EventDateRefused | None:
    """The refusal for `field` holding `day`, or None; `errors[].loc` is `["body", field]`."""
    code = event_date_problem(day, today=today, not_before=not_before)
    if code is None:
        return None
    return EventDateRefused(
        code,
        errors=[FieldError(loc=["body", field], code=code, message="")],
        day=day.isoformat(),
        today=today.isoformat(),
        earliest=not_before.isoformat() if not_before is not None else None,
    )


def check_event_date(field: str, day: date | None, *, today: date, not_before: date | None = None) -> None:
    """Raise the refusal for `field` when `day` is given and may not be recorded."""
    if day is None:
        return
    refused = refusal(field, day, today=today, not_before=not_before)
    if refused is not None:
        raise refused

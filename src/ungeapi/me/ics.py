"""The youth's own meetings as an iCalendar document, for the citizen portal to offer to the
youth's calendar: the meeting, its time and place; no one else's case."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from ungeapi.me.schemas import MyMeeting
from ungeapi.meetings.ics import new_calendar, new_event


def render(meetings: Sequence[MyMeeting], *, now: datetime) -> bytes:
    calendar = new_calendar("Mine møder")
    for meeting in meetings:
        # Not the meeting's own UID: the youth's copy of it is another calendar entry.
        event = new_event(f"me-{meeting.id}", now, meeting.starts_at, meeting.ends_at, meeting.title)
        if meeting.location:
            event.add("location", meeting.location)
        calendar.add_component(event)
    return bytes(calendar.to_ical())

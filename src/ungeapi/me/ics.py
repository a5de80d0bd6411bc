"""The youth's own meetings as an iCalendar document, for the citizen portal to offer to the
youth's calendar: the meeting, its time and place; no one else's case."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from icalendar import Event

from ungeapi.me.schemas import MyMeeting
from ungeapi.meetings.ics import UID_DOMAIN, new_calendar


def render(meetings: Sequence[MyMeeting], *, now: datetime) -> bytes:
    calendar = new_calendar("Mine møder")
    for meeting in meetings:
        event = Event()
        # Not the meeting's own UID: the youth's copy of it is another calendar entry.
        event.add("uid", f"me-{meeting.id}@{UID_DOMAIN}")
        event.add("dtstamp", now)
        event.add("dtstart", meeting.starts_at)
        event.add("dtend", meeting.ends_at)
        event.add("summary", meeting.title)
        if meeting.location:
            event.add("location", meeting.location)
        calendar.add_component(event)
    return bytes(calendar.to_ical())

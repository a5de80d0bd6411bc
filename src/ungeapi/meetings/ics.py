"""The meetings as an iCalendar feed (RFC 5545) for the participants' calendars.

Calendar invitations travel widely (shared calendars, phones, mail servers), so the feed holds
only the forum, the time, the place, the chair and the agenda's size: never a youth's name,
CPR number or any other detail of a case.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from icalendar import Calendar, Event

from ungeapi.meetings.schemas import MeetingRead
from ungeapi.referrals.vocabulary import FORUM

PRODUCT = "-//ungeapi//Ungekoordineringens møder//DA"


# The right-hand side of every event's UID: the same whatever address the feed is read at, so a
# calendar that reads it under another name (a proxy, a new domain) sees the same events.
UID_DOMAIN = "ungeapi.dk"


def new_calendar(name: str) -> Calendar:
    """An empty calendar named `name`, in Copenhagen time; the youth's own (me/ics.py) too."""
    calendar = Calendar()
    calendar.add("prodid", PRODUCT)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/Copenhagen")
    return calendar


def new_event(uid: str, now: datetime, starts_at: datetime, ends_at: datetime, summary: str) -> Event:
    """An event whose UID is `uid` at UID_DOMAIN."""
    event = Event()
    event.add("uid", f"{uid}@{UID_DOMAIN}")
    event.add("dtstamp", now)
    event.add("dtstart", starts_at)
    event.add("dtend", ends_at)
    event.add("summary", summary)
    return event


def render(meetings: Sequence[MeetingRead], *, now: datetime, forum: str | None) -> bytes:
    calendar = new_calendar(FORUM.label(forum, "da") if forum else "Ungekoordineringens møder")
    for meeting in meetings:
        event = new_event(
            f"{meeting.id}", now, meeting.starts_at, meeting.ends_at, FORUM.label(meeting.forum, "da")
        )
        event.add("sequence", meeting.version - 1)
        event.add(
            "description",
            f"Sager på dagsordenen: {meeting.agenda_size} ({meeting.used_minutes} af "
            f"{meeting.capacity_minutes} minutter).\nMødeleder: {meeting.chair.name}",
        )
        if meeting.location:
            event.add("location", meeting.location)
        event.add("categories", [FORUM.label(meeting.forum, "da")])
        calendar.add_component(event)
    return bytes(calendar.to_ical())

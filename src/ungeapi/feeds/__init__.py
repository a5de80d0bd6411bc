"""Calendar feed tokens (kalender-tokens): the meetings' iCalendar feed for calendars that cannot
send a bearer token."""

"""A jury session as an iCalendar event, for members' diaries."""

import datetime

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event

SESSION_LENGTH = datetime.timedelta(hours=3)


def session_ics(session, agenda):
    """The session as an .ics file (bytes); ``agenda`` lists the items' titles."""
    calendar = Calendar()
    calendar.add("prodid", "-//Tremplin//Séances du jury//FR")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    event = Event()
    event.add("uid", f"seance-{session.pk}@{settings.SITE_URL.split('://')[-1]}")
    event.add("dtstamp", timezone.now())
    event.add("dtstart", session.starts_at)
    event.add("dtend", session.starts_at + SESSION_LENGTH)
    event.add("summary", session.title)
    if session.place:
        event.add("location", session.place)
    event.add("description", "\n".join(agenda))
    calendar.add_component(event)
    return calendar.to_ical()

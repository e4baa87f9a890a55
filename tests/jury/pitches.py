"""What the pitch tests share: the 15 March session with two pitches, and the diary event
of a mail."""

import datetime
import zoneinfo

from icalendar import Calendar

from tests.jury.factories import (
    ReviewItemFactory,
    SelectionItemFactory,
    SessionFactory,
)

PARIS = zoneinfo.ZoneInfo("Europe/Paris")


def session_with_pitches():
    """The 15 March session at the Cité numérique: two pitches, at 14:00 and 14:30, then
    a phase review at 15:00."""
    session = SessionFactory(title="Jury du 15 mars", place="Cité numérique")
    first = SelectionItemFactory(
        session=session,
        application__title="Ruches de l'estuaire",
        scheduled_time=datetime.time(14, 0),
    )
    SelectionItemFactory(
        session=session,
        application__title="Rencontres étudiantes",
        scheduled_time=datetime.time(14, 30),
    )
    ReviewItemFactory(session=session, scheduled_time=datetime.time(15, 0))
    return session, first


def event_of(message):
    (attachment,) = message.attachments
    filename, content, mimetype = attachment
    assert (filename, mimetype) == ("passage-jury.ics", "text/calendar")
    calendar = Calendar.from_ical(content)
    (event,) = calendar.walk("VEVENT")
    return calendar, event

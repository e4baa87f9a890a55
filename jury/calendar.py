"""A jury session as an iCalendar event, for members' diaries, and the agenda a member
is convened to: each item's planned time and the link to its file. The sessions on the
editions' calendar (``editions.calendar``)."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from editions.calendar import CalendarEvent
from jury.models import AgendaItem, Session

SESSION_LENGTH = datetime.timedelta(hours=3)


@dataclass(frozen=True)
class AgendaLine:
    """One item as the convocation gives it: its planned time (wall time in Paris, as
    ``AgendaItem.scheduled_time`` holds it; ``None`` if none is planned), its position,
    its subject and the absolute address of the page where the member reads its file."""

    time: datetime.time | None
    position: int
    subject: str
    url: str

    def __str__(self):
        heading = f"{self.position}. {self.subject}"
        return f"{self.time:%H:%M} — {heading}" if self.time else heading


def agenda_lines(session, items):
    """The convocation's agenda: ``items`` (those the member may see, in running order,
    subjects fetched) as lines with their planned time and absolute link."""
    return [
        AgendaLine(
            time=item.scheduled_time,
            position=item.position,
            subject=str(item.subject),
            url=settings.SITE_URL + reverse("jury:item", args=[session.pk, item.pk]),
        )
        for item in items
    ]


def session_ics(session, agenda):
    """The session as an .ics file (bytes); ``agenda``: its ``AgendaLine``s, each with its
    planned time (Paris) and the link to its file, in the event's description."""
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
    event.add("url", settings.SITE_URL + reverse("jury:session", args=[session.pk]))
    if session.place:
        event.add("location", session.place)
    event.add("description", "\n".join(f"{line}\n{line.url}" for line in agenda))
    calendar.add_component(event)
    return calendar.to_ical()


def session_events(edition):
    """Every session (of the whole programme: one may hear teams of several editions);
    for one edition, those with an item about one of its applications or projects."""
    sessions = Session.objects.order_by("starts_at")
    if edition is not None:
        about = Q(application__call__edition=edition) | Q(
            project__application__call__edition=edition
        )
        items = AgendaItem.objects.filter(about, session=OuterRef("pk"))
        sessions = sessions.filter(Exists(items))
    return [
        CalendarEvent(
            f"seance-{session.pk}",
            _("Séance du jury"),
            session.title,
            session.starts_at,
            url=reverse("admin:jury_session_change", args=[session.pk]),
            ends=session.starts_at + SESSION_LENGTH,
        )
        for session in sessions
    ]

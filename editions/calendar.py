"""The round at a glance: every dated step of the editions in one chronological list
(calls opening and closing, screening published, jury sessions, phase ends), for the
staff's calendar screen and its iCalendar download.

``editions`` cannot read screening or sessions (``projects`` and ``jury`` sit above it):
each app registers a source with ``register_source`` (in its ``AppConfig.ready``). A
source is one query, whatever the number of rows: the screen costs the same number of
queries for one edition or fifty.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from editions.models import Call


@dataclass(frozen=True)
class CalendarEvent:
    """One dated step. ``starts``: an aware datetime, or a date for a whole day (a phase
    end); ``ends`` for a step that lasts (a session). ``title`` names what the step is
    about, ``edition`` the edition's name ("" for a step of the whole programme),
    ``url`` the admin page where staff handle it, ``uid`` stays the same from one
    download to the next so a calendar updates the event rather than adding one."""

    uid: str
    label: str
    title: str
    starts: datetime.datetime | datetime.date
    edition: str = ""
    url: str = ""
    ends: datetime.datetime | None = None

    @property
    def is_all_day(self):
        return not isinstance(self.starts, datetime.datetime)

    @property
    def moment(self):
        """When it starts, as an aware datetime (a whole day from midnight in Paris)."""
        if self.is_all_day:
            return timezone.make_aware(datetime.datetime.combine(self.starts, datetime.time()))
        return self.starts


_sources = []


def register_source(source):
    """``source(edition)`` returns the ``CalendarEvent``s of ``edition`` (of every
    edition when ``None``), in one query."""
    if source not in _sources:
        _sources.append(source)


def events(edition=None):
    """Every step of ``edition`` (of all editions when ``None``), soonest first."""
    found = [event for source in _sources for event in source(edition)]
    return sorted(found, key=lambda event: (event.moment, event.label, event.title))


def call_events(edition):
    """The opening and the closing of each call."""
    calls = Call.objects.select_related("edition").order_by("opens_at")
    if edition is not None:
        calls = calls.filter(edition=edition)
    found = []
    for call in calls:
        url = reverse("admin:editions_call_change", args=[call.pk])
        found += [
            CalendarEvent(
                f"appel-{call.pk}-ouverture",
                _("Ouverture de l'appel"),
                call.title,
                call.opens_at,
                call.edition.name,
                url,
            ),
            CalendarEvent(
                f"appel-{call.pk}-cloture",
                _("Clôture de l'appel"),
                call.title,
                call.closes_at,
                call.edition.name,
                url,
            ),
        ]
    return found


def to_ics(found, *, name):
    """``found`` as an iCalendar file (bytes) named ``name``, times in Paris."""
    calendar = Calendar()
    calendar.add("prodid", "-//Tremplin//Calendrier des éditions//FR")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    host = settings.SITE_URL.split("://")[-1]
    stamp = timezone.now()
    for event in found:
        entry = Event()
        entry.add("uid", f"{event.uid}@{host}")
        entry.add("dtstamp", stamp)
        starts = event.starts if event.is_all_day else timezone.localtime(event.starts)
        entry.add("dtstart", starts)
        if event.ends is not None:
            entry.add("dtend", timezone.localtime(event.ends))
        summary = f"{event.label} — {event.title}"
        entry.add("summary", f"{summary} ({event.edition})" if event.edition else summary)
        if event.url:
            entry.add("url", settings.SITE_URL + event.url)
        calendar.add_component(entry)
    calendar.add_missing_timezones()
    return calendar.to_ical()

"""A jury session as an iCalendar event, for members' diaries, and the agenda a member
is convened to: each item's planned time and the link to its file; a shortlisted team's
pitch slot, taken from its item's planned time, as an event for the team's diaries. The
sessions on the editions' calendar (``editions.calendar``)."""

import datetime
import zoneinfo
from dataclasses import asdict, dataclass

from django.conf import settings
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from editions.calendar import CalendarEvent
from jury.models import AgendaItem, Session

SESSION_LENGTH = datetime.timedelta(hours=3)
# A pitch's slot ends at the next item's planned time; the last one lasts this long.
PITCH_LENGTH = datetime.timedelta(minutes=20)
PARIS = zoneinfo.ZoneInfo("Europe/Paris")


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
    return _ics(
        "-//Tremplin//Séances du jury//FR",
        uid=f"seance-{session.pk}",
        start=session.starts_at,
        end=session.starts_at + SESSION_LENGTH,
        summary=session.title,
        url=settings.SITE_URL + reverse("jury:session", args=[session.pk]),
        location=session.place,
        description="\n".join(f"{line}\n{line.url}" for line in agenda),
    )


@dataclass(frozen=True)
class PitchSlot:
    """When a shortlisted team pitches: from its item's planned time to the next item's
    (or ``PITCH_LENGTH`` later for the last one), on the session's day, in Paris."""

    item: object
    start: datetime.datetime
    end: datetime.datetime


def pitch_slots(session, items):
    """The slot of each of ``items`` (the session's items on the agenda, in running
    order, each with a planned time) that is a pitch for selection."""
    day = timezone.localtime(session.starts_at, PARIS).date()
    starts = [datetime.datetime.combine(day, item.scheduled_time, PARIS) for item in items]
    slots = []
    for index, item in enumerate(items):
        later = [start for start in starts[index + 1 :] if start > starts[index]]
        end = later[0] if later else starts[index] + PITCH_LENGTH
        slots.append(PitchSlot(item=item, start=starts[index], end=end))
    return slots


@dataclass(frozen=True)
class TeamPitch:
    """A pitch as its team was told it: enough to word a mail and to write the diary
    event even once the item itself is gone (deleted from a planned agenda), so its
    fields travel as a mail task's arguments."""

    item_id: int
    application_id: int
    sequence: int
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    place: str
    session_title: str
    position: int

    def as_task_arguments(self):
        return asdict(self) | {
            "starts_at": self.starts_at.isoformat(),
            "ends_at": self.ends_at.isoformat(),
        }

    @classmethod
    def from_task_arguments(cls, arguments):
        return cls(
            **arguments
            | {
                "starts_at": datetime.datetime.fromisoformat(arguments["starts_at"]),
                "ends_at": datetime.datetime.fromisoformat(arguments["ends_at"]),
            }
        )


def pitch_ics(invitation):
    """A team's pitch invitation (``TeamInvitation``) as an .ics file (bytes): always the
    same UID for the item, and the invitation's SEQUENCE, so that a diary replaces the
    event it holds when the slot changes. Times in Europe/Paris, with its VTIMEZONE."""
    return _pitch_event(told_pitch(invitation), invitation.item.application.title, method="PUBLISH")


def told_pitch(invitation):
    """The ``TeamPitch`` that ``invitation`` (a ``TeamInvitation``) told its team."""
    item = invitation.item
    return TeamPitch(
        item_id=item.pk,
        application_id=item.application_id,
        sequence=invitation.sequence,
        starts_at=invitation.starts_at,
        ends_at=invitation.ends_at,
        place=invitation.place,
        session_title=item.session.title,
        position=item.position,
    )


def pitch_cancellation_ics(pitch, title):
    """The cancellation of ``pitch`` (a ``TeamPitch`` with the next sequence) as an .ics
    file (bytes): the invitation's UID, ``METHOD:CANCEL`` and ``STATUS:CANCELLED``, so
    that a diary removes the event it holds."""
    return _pitch_event(pitch, title, method="CANCEL")


def _pitch_event(pitch, title, *, method):
    return _ics(
        "-//Tremplin//Passages devant le jury//FR",
        uid=f"passage-{pitch.item_id}",
        sequence=pitch.sequence,
        start=pitch.starts_at.astimezone(PARIS),
        end=pitch.ends_at.astimezone(PARIS),
        summary=_("Présentation devant le jury : %(title)s") % {"title": title},
        location=pitch.place,
        description=_("Séance « %(session)s », point n° %(position)d de l'ordre du jour.")
        % {"session": pitch.session_title, "position": pitch.position},
        method=method,
    )


def _ics(
    prodid,
    *,
    uid,
    start,
    end,
    summary,
    location,
    description,
    url=None,
    sequence=None,
    method="PUBLISH",
):
    calendar = Calendar()
    calendar.add("prodid", prodid)
    calendar.add("version", "2.0")
    calendar.add("method", method)
    event = Event()
    event.add("uid", f"{uid}@{settings.SITE_URL.split('://')[-1]}")
    event.add("dtstamp", timezone.now())
    if sequence is not None:
        event.add("sequence", sequence)
    if method == "CANCEL":
        event.add("status", "CANCELLED")
    event.add("dtstart", start)
    event.add("dtend", end)
    event.add("summary", summary)
    if url:
        event.add("url", url)
    if location:
        event.add("location", location)
    event.add("description", description)
    calendar.add_component(event)
    calendar.add_missing_timezones()
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

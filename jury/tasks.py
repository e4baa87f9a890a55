"""Background e-mail of the jury."""

from django.urls import reverse
from django_tasks import task

from jury.calendar import (
    PARIS,
    TeamPitch,
    agenda_lines,
    pitch_cancellation_ics,
    pitch_ics,
    session_ics,
)
from jury.models import AgendaItem, Convocation, TeamInvitation
from programme.mail import send_templated_mail
from projects.models import Application


@task()
def send_session_invitation(convocation_id):
    """The convocation of one member: the agenda they may see (not the items they
    withdrew from, nor those withdrawn from the agenda), each item with its planned time
    and the link to its file, and the session as an iCalendar attachment."""
    convocation = Convocation.objects.select_related("session", "member__user").get(
        pk=convocation_id
    )
    session = convocation.session
    items = (
        AgendaItem.objects.visible_to(convocation.member.user)
        .on_agenda()
        .filter(session=session)
        .select_related("application", "project")
        .order_by("position")
    )
    agenda = agenda_lines(session, items)
    return send_templated_mail(
        "jury/email/invitation",
        {
            "session": session,
            "member": convocation.member,
            "agenda": agenda,
            "session_path": reverse("jury:session", args=[session.pk]),
        },
        [convocation.member.user.email],
        attachments=[("seance.ics", session_ics(session, agenda), "text/calendar")],
    )


@task()
def send_pitch_invitation(invitation_id):
    """A shortlisted team's invitation to pitch: its slot (Paris time) and place, to
    each member of the team (the lead included), with the slot as an iCalendar
    attachment that replaces the one a diary holds from an earlier invitation."""
    invitation = TeamInvitation.objects.select_related(
        "item__session", "item__application__call__edition"
    ).get(pk=invitation_id)
    application = invitation.item.application
    return send_templated_mail(
        "jury/email/pitch_invitation",
        {
            "invitation": invitation,
            "session": invitation.item.session,
            "application": application,
            "starts_at": invitation.starts_at.astimezone(PARIS),
            "ends_at": invitation.ends_at.astimezone(PARIS),
            "updated": invitation.sequence > 0,
        },
        application.team_members.values_list("email", flat=True),
        attachments=[("passage-jury.ics", pitch_ics(invitation), "text/calendar")],
    )


@task()
def send_pitch_cancellation(pitch):
    """The cancellation of a pitch a team was invited to (``pitch``: a ``TeamPitch`` as
    task arguments, its sequence the next one), to each member of the team, with the
    diary event cancelled. The item may be gone: the pitch carries what the mail says."""
    pitch = TeamPitch.from_task_arguments(pitch)
    application = Application.objects.get(pk=pitch.application_id)
    return send_templated_mail(
        "jury/email/pitch_cancellation",
        {
            "pitch": pitch,
            "application": application,
            "starts_at": pitch.starts_at.astimezone(PARIS),
            "ends_at": pitch.ends_at.astimezone(PARIS),
        },
        application.team_members.values_list("email", flat=True),
        attachments=[
            ("passage-jury.ics", pitch_cancellation_ics(pitch, application.title), "text/calendar")
        ],
    )

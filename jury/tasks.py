"""Background e-mail of the jury."""

from django.urls import reverse
from django_tasks import task

from jury.calendar import agenda_lines, session_ics
from jury.models import AgendaItem, Convocation
from programme.mail import send_templated_mail


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

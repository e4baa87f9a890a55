"""Background e-mail of the jury."""

from django.urls import reverse
from django_tasks import task

from jury.calendar import session_ics
from jury.models import Convocation
from programme.mail import send_templated_mail


@task()
def send_session_invitation(convocation_id):
    convocation = Convocation.objects.select_related("session", "member__user").get(
        pk=convocation_id
    )
    session = convocation.session
    items = list(session.items.select_related("application", "project"))
    agenda = [f"{item.position}. {item.subject}" for item in items]
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

"""Background e-mail about moves of applications and projects.

The services queue these after their transaction commits. Decisions of the jury are not
mailed here: they reach teams when staff publish them.
"""

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from programme.mail import send_templated_mail
from programme.roles import staff_emails
from projects.applications.manager_links import manager_token
from projects.enums import ManagerResponse, MemberRole
from projects.letters import letter_content
from projects.models import (
    ApplicationTransition,
    DecisionLetter,
    PhaseReport,
    ProjectTransition,
    TeamMember,
)


def _letter(**history):
    """The decision letter of a published move, as a mail attachment (none if the move
    was told without one: a team's own move, or one told at once)."""
    letter = DecisionLetter.objects.filter(**history).first()
    if letter is None:
        return None, []
    return letter, [(letter.filename, letter_content(letter), "application/pdf")]


@task()
def notify_application_transition(transition_id):
    history = ApplicationTransition.objects.select_related("application__call__edition").get(
        pk=transition_id
    )
    application = history.application
    letter, attachments = _letter(application_transition=history)
    return send_templated_mail(
        f"projects/email/application_{history.to_status}",
        {"application": application, "history": history, "letter": letter},
        application.team_members.values_list("email", flat=True),
        attachments=attachments,
    )


@task()
def notify_project_transition(transition_id):
    history = ProjectTransition.objects.select_related("project__application", "opened_period").get(
        pk=transition_id
    )
    project = history.project
    recipients = list(project.application.team_members.values_list("email", flat=True))
    if history.closed_period:
        recipients += history.closed_period.coaches.values_list("email", flat=True)
    letter, attachments = _letter(project_transition=history)
    return send_templated_mail(
        "projects/email/project_moved",
        {"project": project, "history": history, "letter": letter},
        recipients,
        attachments=attachments,
    )


@task()
def send_member_invitation(member_id):
    member = TeamMember.objects.select_related("application__call__edition").get(pk=member_id)
    lead = member.application.team_members.filter(role=MemberRole.LEAD).first()
    return send_templated_mail(
        "projects/email/member_invited",
        {"member": member, "application": member.application, "lead": lead},
        [member.email],
    )


@task()
def send_manager_request(member_id):
    member = TeamMember.objects.select_related("application__call__edition").get(pk=member_id)
    path = reverse("projects:manager_agreement", args=[manager_token(member)])
    return send_templated_mail(
        "projects/email/manager_request",
        {"member": member, "application": member.application, "agreement_path": path},
        [member.manager_email],
    )


@task()
def send_manager_answer(member_id):
    """Tell the team's lead and the member what their line manager answered; staff
    too once the application is submitted (a refusal then changes its screening)."""
    member = TeamMember.objects.select_related("application__call__edition").get(pk=member_id)
    application = member.application
    if member.manager_response == ManagerResponse.PENDING:
        return 0
    leads = application.team_members.filter(role=MemberRole.LEAD)
    recipients = [member.email, *leads.values_list("email", flat=True)]
    if not application.is_draft:
        recipients += staff_emails()
    with translation.override(settings.LANGUAGE_CODE):
        answer = (
            _("a donné son accord")
            if member.manager_response == ManagerResponse.AGREED
            else _("a refusé son accord")
        )
    return send_templated_mail(
        "projects/email/manager_answered",
        {"member": member, "application": application, "answer": answer},
        recipients,
    )


@task()
def notify_report_submitted(report_id):
    """Tell the period's coaches and staff that a team submitted its phase report."""
    report = PhaseReport.objects.select_related("period__project").get(pk=report_id)
    recipients = list(report.period.coaches.values_list("email", flat=True)) + staff_emails()
    return send_templated_mail(
        "projects/email/report_submitted",
        {
            "report": report,
            "project": report.period.project,
            "follow_up_path": reverse("projects:report", args=[report.period.project_id])
            + f"?periode={report.period.sequence}",
        },
        recipients,
    )

"""The admin of the projects app, one module per domain; each registers on import.

- ``projects.applications.admin``: applications, their screening and their timeline;
- ``projects.laureates.admin``: projects, their follow-up, reporting and timeline;
- ``projects.staff.admin``: the dashboard panel, the phase board and the exports page;
- ``projects.mailings.admin``: mailings to the teams of an edition.

And it names the app's mails in the outbox.
"""

from django.utils.translation import gettext_lazy as _

from programme.admin_outbox import describe_mails, describing_recipients, label_mail
from projects import tasks
from projects.applications import admin as applications_admin
from projects.laureates import admin as laureates_admin
from projects.mailings import admin as mailings_admin
from projects.models import TeamMember
from projects.staff import admin as staff_admin

__all__ = ["applications_admin", "laureates_admin", "mailings_admin", "staff_admin"]

label_mail(tasks.notify_application_transition, _("Candidature : changement d'état"))
label_mail(tasks.notify_project_transition, _("Projet : changement de phase"))
label_mail(tasks.send_member_invitation, _("Invitation dans une équipe"))
label_mail(tasks.send_manager_request, _("Demande d'accord au responsable hiérarchique"))
label_mail(tasks.notify_report_submitted, _("Bilan de phase remis"))
label_mail(tasks.send_manager_answer, _("Réponse du responsable hiérarchique"))
describe_mails(
    tasks.send_member_invitation, describing_recipients(TeamMember, lambda member: member.email)
)
describe_mails(
    tasks.send_manager_request,
    describing_recipients(TeamMember, lambda member: member.manager_email),
)

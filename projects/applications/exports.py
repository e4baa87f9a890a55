"""The applications as a table staff export (the exports page, the screening list):
``(header, rows)`` with French headers, read in a fixed number of queries."""

from django.db.models import Count, Prefetch
from django.utils.translation import gettext_lazy as _

from programme.exports import local_datetime, table
from projects.enums import ManagerResponse, MemberKind, MemberRole
from projects.models import Application


def _members_of(application, kind):
    return sum(1 for member in application.members if member.kind == kind)


def _lead(application):
    return next((m for m in application.members if m.role == MemberRole.LEAD), None)


APPLICATION_COLUMNS = [
    (_("identifiant"), lambda a: a.pk),
    (_("édition"), lambda a: a.call.edition.name),
    (_("titre"), lambda a: a.title),
    (_("thématique"), lambda a: a.theme.name if a.theme else ""),
    (_("statut"), lambda a: a.get_status_display()),
    (_("déposée le"), lambda a: local_datetime(a.submitted_at)),
    (_("porteur ou porteuse"), lambda a: _lead(a).full_name if _lead(a) else ""),
    (_("e-mail du porteur ou de la porteuse"), lambda a: _lead(a).email if _lead(a) else ""),
    (_("membres"), lambda a: len(a.members)),
    (_("agents"), lambda a: _members_of(a, MemberKind.AGENT)),
    (_("étudiants"), lambda a: _members_of(a, MemberKind.STUDENT)),
    (_("acteurs du territoire"), lambda a: _members_of(a, MemberKind.LOCAL_ACTOR)),
    (
        _("accords en attente"),
        lambda a: sum(
            1
            for member in a.members
            if member.kind == MemberKind.AGENT
            and member.manager_response == ManagerResponse.PENDING
        ),
    ),
    (_("pièces jointes"), lambda a: a.attachment_count),
    (_("problème à résoudre"), lambda a: a.problem),
    (_("qui en souffre"), lambda a: a.target_users),
    (_("idée proposée"), lambda a: a.proposed_solution),
    (_("impact attendu"), lambda a: a.expected_impact),
]


def applications_table(edition=None, applications=None):
    """Every application (or those of ``applications``, a selection) with its team's
    make-up, oldest edition first."""
    applications = Application.objects.all() if applications is None else applications
    applications = (
        applications.select_related("call__edition", "theme")
        .annotate(attachment_count=Count("attachments"))
        .prefetch_related(Prefetch("team_members", to_attr="members"))
        .order_by("call__edition__number", "pk")
    )
    if edition is not None:
        applications = applications.for_edition(edition)
    return table(APPLICATION_COLUMNS, applications)

"""The applications and projects in the staff's search (``programme.admin_search``)."""

from django.utils.translation import gettext_lazy as _

from programme.admin_search import SearchKind, register_kind
from projects.models import Application, Project


def _application_line(application):
    return f"{application.call.edition.name} — {application.get_status_display()}"


def _project_line(project):
    return f"{project.application.call.edition.name} — {project.get_phase_display()}"


register_kind(
    SearchKind(
        _("Candidatures"),
        Application,
        ("title",),
        lambda: Application.objects.select_related("call__edition"),
        _application_line,
    )
)
register_kind(
    SearchKind(
        _("Projets"),
        Project,
        ("title",),
        lambda: Project.objects.select_related("application__call__edition"),
        _project_line,
    )
)

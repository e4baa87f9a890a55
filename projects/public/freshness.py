"""What the public pages about laureates depend on (see ``programme.freshness``).

Services save ``updated_at`` when they move an application or a project; publishing a
jury's decision stamps history rows, counted here. Staff's review of a measurement stamps
``reviewed_at``; publishing an indicator saves its ``updated_at``; the count of validated
measurements changes when one is deleted.
"""

from editions.freshness import edition_parts
from programme.freshness import fingerprint
from programme.subqueries import count, latest
from projects.models import (
    Application,
    ApplicationTransition,
    ImpactIndicator,
    Measurement,
    Project,
    ProjectTransition,
)


def site_parts():
    return edition_parts() | {
        "applications_changed": latest(Application.objects.all(), "updated_at"),
        "projects_changed": latest(Project.objects.all(), "updated_at"),
        "indicators_changed": latest(ImpactIndicator.objects.all(), "updated_at"),
        # Proposed measurements have no review date: left out, or NULL would sort first.
        "measurements_reviewed": latest(
            Measurement.objects.exclude(reviewed_at=None), "reviewed_at"
        ),
        "measurements_validated": count(Measurement.objects.validated()),
        "applications_told": count(ApplicationTransition.objects.exclude(published_at=None)),
        "projects_told": count(ProjectTransition.objects.exclude(published_at=None)),
    }


def site_fingerprint(_request):
    """For pages that show editions, applications in figures and laureates."""
    return fingerprint(site_parts())

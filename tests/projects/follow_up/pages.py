"""What the follow-up pages' tests share: addresses, page text, a project's period and its end."""

from django.urls import reverse

from editions.enums import Phase
from projects.enums import ReintegrationOutcome
from tests.projects.helpers import decide_project


def url(name, *args):
    return reverse(f"projects:{name}", args=args)


def content(response):
    return response.content.decode()


def period_of(project):
    return project.periods.get()


def finish(project):
    """Move ``project`` back to its departments: it no longer runs."""
    decide_project(
        project,
        Phase.REINTEGRATION,
        actor=project.application.created_by,
        outcome=ReintegrationOutcome.HANDED_OVER,
    )

from django.core.management.base import BaseCommand

from jury.transitions import SESSION_LIFECYCLE
from programme.transitions import NEWS_LIFECYCLE
from projects.applications.transitions import APPLICATION_LIFECYCLE
from projects.laureates.transitions import (
    MEASUREMENT_LIFECYCLE,
    MILESTONE_LIFECYCLE,
    PROJECT_LIFECYCLE,
    REPORT_LIFECYCLE,
)

LIFECYCLES = (
    APPLICATION_LIFECYCLE,
    PROJECT_LIFECYCLE,
    SESSION_LIFECYCLE,
    MILESTONE_LIFECYCLE,
    MEASUREMENT_LIFECYCLE,
    REPORT_LIFECYCLE,
    NEWS_LIFECYCLE,
)


class Command(BaseCommand):
    help = "Print the Mermaid diagrams of the lifecycles, drawn from their transition tables."

    def handle(self, *args, **options):
        for lifecycle in LIFECYCLES:
            self.stdout.write(f"{lifecycle.name}:\n```mermaid\n{lifecycle.mermaid()}\n```\n")

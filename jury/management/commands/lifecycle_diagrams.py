from django.core.management.base import BaseCommand

from jury.transitions import SESSION_LIFECYCLE
from projects.transitions import APPLICATION_LIFECYCLE, PROJECT_LIFECYCLE


class Command(BaseCommand):
    help = "Print the Mermaid diagrams of the lifecycles, drawn from their transition tables."

    def handle(self, *args, **options):
        for lifecycle in (APPLICATION_LIFECYCLE, PROJECT_LIFECYCLE, SESSION_LIFECYCLE):
            self.stdout.write(f"{lifecycle.name}:\n```mermaid\n{lifecycle.mermaid()}\n```\n")

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from demo import loader


class Command(BaseCommand):
    help = (
        "Load the demo data of the seed story (Le Havre Seine Métropole, editions 1 and 2, "
        "the 15 March 2022 jury), continued illustratively to today: an open call, drafts, "
        "a planned jury, running periods. Idempotent: does nothing if the demo is already "
        "loaded."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Load the demo even with DEBUG off (demo accounts share a known password).",
        )

    def handle(self, *args, allow_production=False, **options):
        if not settings.DEBUG and not allow_production:
            raise CommandError(
                "seed_demo creates accounts with a known password: run it with "
                "DJANGO_DEBUG=1, or pass --allow-production on a demonstration server."
            )
        if loader.is_loaded():
            self.stdout.write("Demo data already loaded: nothing to do.")
        else:
            loader.load()
            self.stdout.write(self.style.SUCCESS("Demo data loaded."))
        self.stdout.write(f"\nDemo accounts (password: {loader.story.PASSWORD}):")
        for role, email in loader.demo_accounts():
            self.stdout.write(f"  {role:<42} {email}")

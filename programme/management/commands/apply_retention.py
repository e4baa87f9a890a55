from django.core.management.base import BaseCommand

from programme.retention import apply_retention, kinds


class Command(BaseCommand):
    help = (
        "Apply the retention schedule (TREMPLIN_RETENTION_*_DAYS): anonymise or delete "
        "the personal data kept longer than its duration. Run it daily."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Count what would be anonymised or deleted, and change nothing.",
        )

    def handle(self, *args, dry_run=False, **options):
        report = apply_retention(dry_run=dry_run)
        for kind in kinds():
            self.stdout.write(f"{kind.name}: {report[kind.name]} (after {kind.days} days)")
        total = sum(report.values())
        if dry_run:
            self.stdout.write(f"Dry run: {total} would be anonymised or deleted; nothing changed.")
        else:
            self.stdout.write(self.style.SUCCESS(f"{total} anonymised or deleted."))

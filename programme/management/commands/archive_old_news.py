import datetime

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from programme.services import archive_stale_news


class Command(BaseCommand):
    help = (
        "Archive the news items published (and last changed) more than "
        "TREMPLIN_NEWS_ARCHIVE_AFTER_DAYS days ago. Run it daily, e.g. from cron."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="Age in days, instead of TREMPLIN_NEWS_ARCHIVE_AFTER_DAYS; 0 archives nothing.",
        )

    def handle(self, *args, days=None, **options):
        days = settings.TREMPLIN_NEWS_ARCHIVE_AFTER_DAYS if days is None else days
        if days < 0:
            raise CommandError("The age in days cannot be negative.")
        if days == 0:
            self.stdout.write("Automatic archiving is off (0 days): nothing archived.")
            return
        archived = archive_stale_news(older_than=datetime.timedelta(days=days))
        for item in archived:
            self.stdout.write(f"Archived: {item.slug}")
        self.stdout.write(
            self.style.SUCCESS(f"{len(archived)} news item(s) older than {days} days archived.")
        )

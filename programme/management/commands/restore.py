from django.core.management.base import BaseCommand, CommandError

from programme.backup import BackupError, restore


class Command(BaseCommand):
    help = (
        "Restore an archive written by `manage.py backup` into an empty instance (a "
        "database without tables, an empty MEDIA_ROOT), checking every file's hash and "
        "every table's row count."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="The archive written by `manage.py backup`")

    def handle(self, *args, path, **options):
        try:
            manifest = restore(path)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored {len(manifest['tables'])} tables and {len(manifest['files'])} "
                f"files from the backup of {manifest['created_at']}; every count and hash checked."
            )
        )

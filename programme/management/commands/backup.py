from django.core.management.base import BaseCommand, CommandError

from programme.backup import BackupError, backup


class Command(BaseCommand):
    help = (
        "Write the database and the uploaded files to one archive (.tar.gz), with a "
        "manifest of every table's rows and every file's SHA-256. Restore it with "
        "`manage.py restore`."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="The archive to write, e.g. tremplin-2026-12-01.tar.gz")

    def handle(self, *args, path, **options):
        try:
            manifest = backup(path)
        except BackupError as error:
            raise CommandError(str(error)) from error
        rows = sum(manifest["tables"].values())
        self.stdout.write(
            self.style.SUCCESS(
                f"{path}: {len(manifest['tables'])} tables, {rows} rows, "
                f"{len(manifest['files'])} files."
            )
        )

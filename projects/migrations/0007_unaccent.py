from django.contrib.postgres.operations import UnaccentExtension
from django.db import migrations


class Migration(migrations.Migration):
    """The public search compares texts without accents: PostgreSQL's ``unaccent``
    (nothing to do on SQLite, where the function is defined on each connection)."""

    dependencies = [("projects", "0006_anonymisation")]

    operations = [UnaccentExtension()]

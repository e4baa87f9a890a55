from django.db import migrations


def create_unaccent(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS unaccent")


class Migration(migrations.Migration):
    """The public search compares texts without accents: PostgreSQL's ``unaccent``
    (nothing to do on SQLite, where the function is defined on each connection). Going
    back leaves the extension, which other databases' objects may use."""

    dependencies = [("projects", "0006_anonymisation")]

    operations = [migrations.RunPython(create_unaccent, migrations.RunPython.noop)]

"""Moving the test database to a given state of the migrations, for the tests of a data
migration."""

from django.db import connection
from django.db.migrations.executor import MigrationExecutor


def migrate(targets):
    """Migrate to ``targets`` (a list of ``(app, migration)``) and return the historical
    apps at that state, to build and read rows with the models as they were."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def migrate_to_latest():
    """Migrate back to the latest state, as the rest of the suite expects it."""
    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

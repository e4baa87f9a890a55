"""The e-mail worker outlives a lost database connection and sends the next mail."""

import threading
import time

import psycopg2
import pytest
from django.db import connection, connections

from programme.accounts import send_sign_in_link
from programme.management.commands.run_worker import ResilientWorker
from tests.workers import queue_worker

pytestmark = [
    pytest.mark.django_db(transaction=True),
    # The test database of the SQLite pass lives in memory, one cache shared by the
    # threads, whose table locks fail at once instead of waiting: the test thread's
    # enqueue then loses to the worker's poll now and then. A lost connection is a
    # server's event anyway; CI runs this test on PostgreSQL.
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs a database server to lose; CI runs this test on PostgreSQL.",
    ),
]


def wait_for(condition, seconds=30):
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


class Outage:
    """The database going away under the worker, for real: the database refuses new
    connections and the server terminates the worker's (the test keeps its own, to end
    the outage)."""

    def _allow_connections(self, allowed):
        """Told from the server's maintenance database: a database cannot close itself."""
        params = connection.get_connection_params() | {"dbname": "postgres"}
        name = connection.ops.quote_name(connection.settings_dict["NAME"])
        maintenance = psycopg2.connect(**params)
        try:
            maintenance.autocommit = True
            with maintenance.cursor() as cursor:
                cursor.execute(f"ALTER DATABASE {name} ALLOW_CONNECTIONS {str(allowed).lower()}")
        finally:
            maintenance.close()

    def start(self):
        self._allow_connections(False)
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )

    def end(self):
        self._allow_connections(True)


def test_worker_survives_a_lost_database_connection_and_sends_the_next_mail(
    settings, mailoutbox, caplog
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    worker = queue_worker(ResilientWorker, interval=0.05, batch=False)
    outage = Outage()

    def serve():
        try:
            worker.run()
        finally:
            connections.close_all()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        send_sign_in_link("avant@exemple.test")
        assert wait_for(lambda: len(mailoutbox) == 1)

        outage.start()
        try:
            assert wait_for(lambda: "Database unreachable" in caplog.text)
        finally:
            outage.end()
        send_sign_in_link("apres@exemple.test")

        assert wait_for(lambda: len(mailoutbox) == 2)
        assert thread.is_alive()
    finally:
        worker.running = False
        thread.join(timeout=30)
    assert [message.to for message in mailoutbox] == [
        ["avant@exemple.test"],
        ["apres@exemple.test"],
    ]

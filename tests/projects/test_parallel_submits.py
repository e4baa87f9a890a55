"""Twenty submissions of one draft at the same instant (a double click, a flaky phone
network): one submission, one history row, and no error page, on either database."""

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.urls import reverse

from projects.enums import ApplicationStatus
from projects.models import Application, ApplicationTransition
from tests.editions.factories import CallFactory
from tests.projects.factories import ApplicationFactory

PARALLEL = 20


def submit_at_once(application, count=PARALLEL):
    """POST the submission ``count`` times at once, each from its own signed-in client
    on its own connection; the status codes, in no order."""
    clients = []
    for _index in range(count):
        client = Client(raise_request_exception=False)
        client.force_login(application.created_by)
        clients.append(client)
    barrier = threading.Barrier(count)
    statuses = []
    path = reverse("projects:application_submit", args=[application.pk])

    def post(client):
        try:
            barrier.wait()
            statuses.append(client.post(path).status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=post, args=[client]) for client in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return statuses


def outcome(application):
    return {
        "statuses": sorted(set(submit_at_once(application))),
        "status": Application.objects.get(pk=application.pk).status,
        "submissions": ApplicationTransition.objects.filter(
            application=application, to_status=ApplicationStatus.SUBMITTED
        ).count(),
    }


EXPECTED = {"statuses": [302], "status": ApplicationStatus.SUBMITTED, "submissions": 1}


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="The SQLite run is the test below, on a file."
)
def test_twenty_parallel_submits_on_postgresql_give_one_submission_and_no_error():
    application = ApplicationFactory(call=CallFactory(open_now=True))

    assert outcome(application) == EXPECTED


# The same, in a process of its own on a SQLite file with the settings of the embedded
# default (the suite's own SQLite database lives in memory, where WAL does not apply).
SQLITE_RUN = """
import json, django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from tests.editions.factories import CallFactory
from tests.projects.factories import ApplicationFactory
from tests.projects.test_parallel_submits import outcome
application = ApplicationFactory(call=CallFactory(open_now=True))
print(json.dumps(outcome(application)))
"""


def test_twenty_parallel_submits_on_the_embedded_sqlite_give_one_submission_and_no_error(
    tmp_path,
):
    environment = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'tremplin.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "programme.settings",
        "DJANGO_DEBUG": "1",
        "DJANGO_ALLOWED_HOSTS": "testserver",
        "DJANGO_TASKS_BACKEND": "immediate",
        "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "DJANGO_ENV_FILE": str(tmp_path / "none.env"),
    }
    run = subprocess.run(
        [sys.executable, "-c", SQLITE_RUN],
        cwd=Path(settings.BASE_DIR),
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )

    assert run.returncode == 0, run.stderr[-3000:]
    assert json.loads(run.stdout.strip().splitlines()[-1]) == EXPECTED

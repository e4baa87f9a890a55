"""The migration that takes the sign-in links and reset tokens out of the mail queue."""

import pytest
from django.utils import timezone
from django_tasks_db.models import get_date_max

from tests.migrating import migrate, migrate_to_latest
from tests.programme.factories import UserFactory

QUEUE = ("django_tasks_database", "0021_conditional_partial_index_ordering")
BEFORE = [("programme", "0004_programme_minutes_place"), QUEUE]
AFTER = [("programme", "0005_no_credentials_in_the_mail_queue")]
OLD_TASK = "programme.tasks.send_mail_later"
SESAME = "AAAAAbcdefghijklmnopqrstuvwxyz0123456789"
LINK = f"https://tremplin.exemple.fr/connexion/lien/?sesame={SESAME}&next=%2Fcompte%2F"
RESET_TOKEN = "cx1b2z-0123456789abcdef0123456789abcdef"


def queued(task_results, name, args, *, status="READY", traceback=""):
    now = timezone.now()
    return task_results.objects.create(
        enqueued_at=now,
        run_after=get_date_max(),
        status=status,
        finished_at=None if status == "READY" else now,
        args_kwargs={"args": args, "kwargs": {}},
        task_path=name,
        backend_name="default",
        exception_class_path="",
        traceback=traceback,
    ).pk


def sign_in(address, link=LINK):
    return ["programme/email/sign_in_link", {"link": link, "minutes": 15}, [address]]


def reset(address, token=RESET_TOKEN):
    return ["programme/email/password_reset", {"uid": "MQ", "token": token}, [address]]


@pytest.mark.django_db(transaction=True)
def test_credentials_migration_requeues_waiting_mails_and_blanks_the_sent_ones():
    old = migrate(BEFORE)
    task_results = old.get_model("django_tasks_database", "DBTaskResult")
    # The programme app is rolled back by one data migration only: its factory fits.
    agent = UserFactory(email="agent@exemple.test")
    waiting_link = queued(task_results, OLD_TASK, sign_in("Agent@Exemple.test"))
    waiting_reset = queued(task_results, OLD_TASK, reset("agent@exemple.test"))
    nobody = queued(task_results, OLD_TASK, sign_in("parti@exemple.test"))
    sent = queued(task_results, OLD_TASK, sign_in("agent@exemple.test"), status="SUCCESSFUL")
    failed = queued(
        task_results,
        OLD_TASK,
        reset("agent@exemple.test"),
        status="FAILED",
        traceback=f"SMTPException: /connexion/mot-de-passe/nouveau/MQ/{RESET_TOKEN}/",
    )
    other = queued(task_results, "projects.tasks.send_member_invitation", [7])

    new = migrate(AFTER)

    rows = {
        row.pk: (row.task_path, row.args_kwargs["args"], row.traceback)
        for row in new.get_model("django_tasks_database", "DBTaskResult").objects.all()
    }
    migrate_to_latest()
    assert rows == {
        waiting_link: ("programme.tasks.send_sign_in_link_mail", [agent.pk, "/compte/"], ""),
        waiting_reset: ("programme.tasks.send_password_reset_mail", [agent.pk], ""),
        sent: (OLD_TASK, sign_in("agent@exemple.test", link="[effacé]"), ""),
        failed: (
            OLD_TASK,
            reset("agent@exemple.test", token="[effacé]"),
            "SMTPException: /connexion/mot-de-passe/nouveau/MQ/[effacé]/",
        ),
        other: ("projects.tasks.send_member_invitation", [7], ""),
    }
    assert nobody not in rows

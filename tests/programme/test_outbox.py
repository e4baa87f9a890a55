"""The outbox names each mail's recipient where its row says who it writes to, and its
state in French; never a credential."""

import pytest
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from programme.tasks import send_sign_in_link_mail
from tests.programme.factories import UserFactory

pytestmark = pytest.mark.django_db


def _row(user, status):
    return DBTaskResult.objects.create(
        run_after=timezone.now(),
        args_kwargs={"args": [user.pk, "/compte/"], "kwargs": {}},
        task_path=send_sign_in_link_mail.module_path,
        backend_name="default",
        exception_class_path="",
        traceback="",
        status=status,
    )


def test_the_outbox_shows_the_recipient_and_the_state_of_a_sign_in_link(staff_client):
    _row(UserFactory(email="agent@exemple.test"), "READY")
    _row(UserFactory(email="parti@exemple.test"), "SUCCESSFUL")
    _row(UserFactory(email="rate@exemple.test"), "FAILED")

    page = staff_client.get(
        reverse("admin:django_tasks_database_dbtaskresult_changelist")
    ).content.decode()

    for address in ("agent@exemple.test", "parti@exemple.test", "rate@exemple.test"):
        assert f">{address}<" in page
    for state in ("En attente", "Envoyé", "Échec"):
        assert f">{state}<" in page
    assert "sesame" not in page

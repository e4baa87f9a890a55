"""No live credential at rest: after each flow that mails one (a sign-in link, a
password reset, a line manager's link), the credential is in the mail and nowhere in the
database, nor in the logs.

The mails go through the database queue and its worker, as in production; then every
text column of every table (and every session's decoded data) is searched for the token.
"""

import datetime
import json
import logging
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.apps import apps
from django.contrib import auth
from django.contrib.sessions.models import Session
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from programme.tasks import send_sign_in_link_mail
from projects.enums import ManagerResponse, MemberKind
from tests.programme.factories import OrganisationFactory, UserFactory
from tests.projects.factories import ApplicationFactory
from tests.workers import queue_worker

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("fresh_rate_limits", "database_queue"),
]

TEXT_FIELDS = (models.CharField, models.TextField, models.JSONField)


def run_queue():
    """Run every queued task, as ``manage.py run_worker`` does, then stop."""
    queue_worker(Worker, interval=0, batch=True).run()


def link_in(mail, path):
    """The path and query of the link to ``path`` in ``mail``."""
    url = re.search(rf"^https?://\S+{re.escape(path)}\S*$", mail.body, re.MULTILINE).group()
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}" if parts.query else parts.path


def text_values():
    """(table.column, value) of every text column of every table, sessions decoded."""
    for model in apps.get_models(include_auto_created=True):
        for field in model._meta.concrete_fields:
            if isinstance(field, TEXT_FIELDS):
                for value in model._base_manager.values_list(field.attname, flat=True):
                    yield f"{model._meta.db_table}.{field.column}", value
    for session in Session.objects.all():
        yield "django_session (decoded)", session.get_decoded()


def places_holding(secret):
    return sorted(
        {
            place
            for place, value in text_values()
            if secret in (value if isinstance(value, str) else json.dumps(value, default=str))
        }
    )


def test_scan_finds_a_token_planted_in_a_text_or_json_column_or_a_session(client):
    # The scan itself is checked, on each kind of place it reads.
    planted = "jeton-plante-0123456789"
    user = UserFactory(first_name=planted)
    send_sign_in_link_mail.using(run_after=timezone.now() + datetime.timedelta(days=1)).enqueue(
        user.pk, f"/compte/?{planted}"
    )
    session = client.session
    session["jeton"] = planted
    session.save()

    assert places_holding(planted) == [
        "django_session (decoded)",
        "django_tasks_database_dbtaskresult.args_kwargs",
        "programme_user.first_name",
    ]


def test_sign_in_link_is_in_the_mail_only_and_signs_in_once(client, mailoutbox, caplog):
    caplog.set_level(logging.DEBUG)
    user = UserFactory(email="etudiante@exemple.test")

    client.post("/connexion/", {"email": user.email, "next": "/compte/"})
    queued = DBTaskResult.objects.get()
    run_queue()
    path = link_in(mailoutbox[0], "/connexion/lien/")
    token = parse_qs(urlsplit(path).query)["sesame"][0]
    client.get(path)
    signed_in = client.post("/connexion/lien/", {"sesame": token, "next": "/compte/"})
    client.logout()
    second_use = client.post("/connexion/lien/", {"sesame": token})

    assert queued.args_kwargs == {"args": [user.pk, "/compte/"], "kwargs": {}}
    assert signed_in.headers["Location"] == "/compte/"
    assert "Lien expiré ou déjà utilisé" in second_use.content.decode()
    assert not auth.get_user(client).is_authenticated
    assert len(token) > 20
    assert places_holding(token) == []
    assert token not in caplog.text


def test_password_reset_token_is_in_the_mail_only_and_sets_the_password(client, mailoutbox, caplog):
    caplog.set_level(logging.DEBUG)
    user = UserFactory(email="presidente@exemple.test")

    client.post("/connexion/mot-de-passe/oubli/", {"email": user.email})
    queued = DBTaskResult.objects.get()
    run_queue()
    path = link_in(mailoutbox[0], "/connexion/mot-de-passe/nouveau/")
    token = path.rstrip("/").rsplit("/", 1)[1]
    form = client.get(path, follow=True)
    new_password = "une phrase de passe assez longue"
    client.post(
        form.redirect_chain[-1][0],
        {"new_password1": new_password, "new_password2": new_password},
    )

    user.refresh_from_db()
    assert queued.args_kwargs == {"args": [user.pk], "kwargs": {}}
    assert user.check_password(new_password)
    assert auth.get_user(client) == user
    assert len(token) > 20
    assert places_holding(token) == []
    assert token not in caplog.text


def test_line_manager_link_is_in_the_mail_only_and_records_the_answer(
    client, open_call, mailoutbox, caplog
):
    caplog.set_level(logging.DEBUG)
    draft = ApplicationFactory(call=open_call)
    client.force_login(draft.created_by)
    client.post(
        reverse("projects:member_add", args=[draft.pk]),
        {
            "first_name": "Olivier",
            "last_name": "Petit",
            "email": "olivier.petit@exemple.test",
            "kind": MemberKind.AGENT,
            "department": OrganisationFactory(department=True).pk,
            "manager_email": "cheffe@exemple.test",
        },
    )
    client.logout()
    run_queue()
    (request,) = [mail for mail in mailoutbox if mail.to == ["cheffe@exemple.test"]]
    path = link_in(request, "/accord-responsable/")
    token = path.rstrip("/").rsplit("/", 1)[1]
    client.post(path, {"answer": ManagerResponse.AGREED})

    member = draft.team_members.get(email="olivier.petit@exemple.test")
    assert member.manager_response == ManagerResponse.AGREED
    assert len(token) > 20
    assert places_holding(token) == []
    assert token not in caplog.text

"""Every admin screen staff use renders, shows statuses read-only, and keeps a flat
query count as rows grow."""

import datetime

import pytest
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django_tasks_db.models import DBTaskResult

from jury.enums import Attendance, Outcome, SessionStatus
from jury.services import declare_conflict, move_session, record_decision, record_score
from programme.enums import NewsStatus
from programme.models import NewsItem
from programme.services import move_news_item
from programme.tasks import send_sign_in_link_mail
from projects.enums import ApplicationStatus
from projects.models import Application, Project, TimeCommitment
from tests.jury.factories import (
    ConvocationFactory,
    CriterionFactory,
    SelectionItemFactory,
    SessionFactory,
)
from tests.programme.factories import (
    NewsItemFactory,
    SignInCooloffFactory,
    SignInRecordFactory,
    UserFactory,
)
from tests.projects.factories import (
    CoachingEntryFactory,
    ImpactIndicatorFactory,
    MeasurementFactory,
    MilestoneFactory,
    PhaseReportFactory,
    ResourceFactory,
    TimeDeclarationFactory,
)

pytestmark = pytest.mark.django_db
OUR_APPS = {"programme", "editions", "projects", "jury"}
MODELS = [model for model in admin.site._registry if model._meta.app_label in OUR_APPS]


def build_world(size, staff):
    """``size`` laureates selected at a closed session with scores and a conflict, each
    with its follow-up: coaching, a milestone, time, a resource, an indicator with
    measurements and a submitted report."""
    session = SessionFactory()
    members = [
        ConvocationFactory(session=session, attendance=Attendance.PRESENT).member for _ in range(2)
    ]
    criterion = CriterionFactory(session=session)
    items = [SelectionItemFactory(session=session) for _ in range(size)]
    move_session(session, SessionStatus.SCORING, actor=staff)
    for item in items:
        declare_conflict(item, member=members[1], actor=staff)
        record_score(item, member=members[0], criterion=criterion, value=4)
    move_session(session, SessionStatus.DELIBERATION, actor=staff)
    for item in items:
        record_decision(item, outcome=Outcome.SELECTED, actor=staff)
    move_session(session, SessionStatus.CLOSED, actor=staff)
    for item in items:
        follow_up(item.application.project)
    for _ in range(size):
        move_news_item(NewsItemFactory(), NewsStatus.PUBLISHED, actor=staff)
        SignInRecordFactory()
        SignInCooloffFactory()


def follow_up(project):
    period = project.periods.get()
    CoachingEntryFactory(period=period)
    MilestoneFactory(period=period)
    member = project.application.team_members.first()
    TimeCommitment.objects.create(period=period, member=member, planned_days_per_week=2)
    TimeDeclarationFactory(period=period, member=member)
    ResourceFactory(period=period)
    indicator = ImpactIndicatorFactory(project=project)
    MeasurementFactory(indicator=indicator)
    MeasurementFactory(indicator=indicator, validated=True)
    PhaseReportFactory(period=period, submitted=True)


def escape_free(html):
    return html.replace("&#x27;", "'")


def changelist(model):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model._meta.label)
def test_staff_changelist_and_change_page_render_for_every_model(staff_client, model):
    build_world(2, staff_client.staff)

    listing = staff_client.get(changelist(model))
    instance = model._default_manager.first()
    change = staff_client.get(
        reverse(
            f"admin:{model._meta.app_label}_{model._meta.model_name}_change", args=[instance.pk]
        )
    )

    assert listing.status_code == 200
    assert escape(model._meta.verbose_name_plural).lower() in listing.content.decode().lower()
    assert change.status_code == 200


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model._meta.label)
def test_changelist_query_count_stays_flat_as_rows_grow(staff_client, model):
    build_world(1, staff_client.staff)
    with CaptureQueriesContext(connection) as small:
        staff_client.get(changelist(model))
    build_world(3, staff_client.staff)

    with CaptureQueriesContext(connection) as large:
        staff_client.get(changelist(model))

    assert len(large) == len(small)


def test_application_status_is_shown_but_not_editable(staff_client):
    build_world(1, staff_client.staff)
    application = Application.objects.get()

    response = staff_client.get(reverse("admin:projects_application_change", args=[application.pk]))

    content = response.content.decode()
    assert "Lauréate" in content
    assert 'name="status"' not in content


def test_posting_a_status_through_the_admin_changes_nothing(staff_client):
    build_world(1, staff_client.staff)
    application = Application.objects.get()
    url = reverse("admin:projects_application_change", args=[application.pk])
    form = staff_client.get(url).context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None}
    data.update(
        {
            "call": application.call_id,
            "title": "Nouveau titre",
            "status": "draft",
            "team_members-TOTAL_FORMS": 0,
            "team_members-INITIAL_FORMS": 0,
            "attachments-TOTAL_FORMS": 0,
            "attachments-INITIAL_FORMS": 0,
            "transitions-TOTAL_FORMS": 0,
            "transitions-INITIAL_FORMS": 0,
            "decision_letters-TOTAL_FORMS": 0,
            "decision_letters-INITIAL_FORMS": 0,
        }
    )

    response = staff_client.post(url, data)

    application.refresh_from_db()
    assert response.status_code == 302
    assert application.title == "Nouveau titre"
    assert application.status == ApplicationStatus.SELECTED


def test_projects_cannot_be_added_by_hand(staff_client):
    response = staff_client.get(reverse("admin:projects_project_add"))

    assert response.status_code == 403
    assert Project.objects.count() == 0


def test_non_staff_user_is_sent_to_the_admin_login(client):
    client.force_login(UserFactory())

    response = client.get(changelist(Application))

    assert response.status_code == 302
    assert response.headers["Location"].startswith("/admin/login/")


def test_admin_action_publishes_news_through_the_service(staff_client):
    item = NewsItemFactory(title="Saison 3 lancée")

    response = staff_client.post(
        changelist(NewsItem),
        {"action": "publish", "_selected_action": [item.pk]},
        follow=True,
    )

    item.refresh_from_db()
    assert item.status == NewsStatus.PUBLISHED
    assert item.status_changed_by == staff_client.staff
    assert "1 actualité mise à jour." in response.content.decode()


def test_staff_read_the_outbox_of_background_tasks_in_french(staff_client):
    user = UserFactory(email="agent@exemple.test")
    DBTaskResult.objects.create(
        run_after=timezone.now() + datetime.timedelta(hours=1),
        args_kwargs={"args": [user.pk, ""], "kwargs": {}},
        task_path=send_sign_in_link_mail.module_path,
        backend_name="default",
        exception_class_path="",
        traceback="",
    )

    listing = staff_client.get(changelist(DBTaskResult)).content.decode()
    row = DBTaskResult.objects.get()
    detail = staff_client.get(
        reverse("admin:django_tasks_database_dbtaskresult_change", args=[row.pk])
    ).content.decode()

    assert "objet envoi en arrière-plan à afficher | Tremplin</title>" in listing
    assert "Boîte d'envoi" in escape_free(listing)
    assert ">Lien de connexion</a>" in listing
    assert ">En attente<" in listing
    for label in ("E-mail", "État", "Mis en file le", "Terminé le", "Priorité"):
        assert f'">{label}</a></div>' in listing, label
    for label in ("Arguments", "Trace de l'erreur", "À envoyer après", "Type d'erreur"):
        assert f"<label>{label}\N{NO-BREAK SPACE}:</label>" in escape_free(detail), label
    assert "<title>Lien de connexion, mis en file le " in detail
    for english in ("Task Result", "DBTaskResult", "Enqueued", "Traceback", ">Ready<"):
        assert english not in listing + detail, english

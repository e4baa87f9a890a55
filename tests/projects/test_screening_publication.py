"""Staff screening decisions wait, like the jury's, until staff publish a call's batch;
until then staff may correct one, with a reason."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from programme.enums import DecisionSource
from programme.lifecycles import MoveRefused
from programme.models import AuditEntry
from projects.applications.services import publish_screening
from projects.enums import ApplicationStatus
from tests.editions.factories import CallFactory, paris
from tests.programme.factories import UserFactory
from tests.projects.factories import ApplicationFactory
from tests.projects.helpers import decide_application
from tests.roles import ROLES

# Decision letters drawn for the mails are stored in a folder of the test's own.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]
S = ApplicationStatus
SCREENED_AT = paris(2022, 2, 15, 10, 0)
CORRECTED_AT = paris(2022, 2, 15, 11, 0)
PUBLISHED_AT = paris(2022, 2, 16, 9, 0)
SECRET_REASON = "Motif de présélection encore secret"


def publication_url(call):
    return reverse("admin:projects_application_publish_screening", args=[call.pk])


@pytest.fixture
def call():
    return CallFactory()


def screened(call, target, *, title="Ruches de l'estuaire", reason=SECRET_REASON, capture=None):
    application = ApplicationFactory(call=call, submitted=True, title=title)
    if capture is None:
        decide_application(application, target, reason=reason, at=SCREENED_AT)
    else:
        with capture(execute=True):
            decide_application(application, target, reason=reason, at=SCREENED_AT)
    application.refresh_from_db()
    return application


def test_pending_screening_decision_is_neither_mailed_nor_shown_to_the_team(
    client, call, mailoutbox, django_capture_on_commit_callbacks
):
    mailoutbox.clear()
    application = screened(call, S.NOT_SHORTLISTED, capture=django_capture_on_commit_callbacks)
    client.force_login(application.created_by)

    content = client.get(f"/candidatures/{application.pk}/").content.decode()

    assert mailoutbox == []
    assert application.status == S.NOT_SHORTLISTED
    assert application.team_status() == S.SUBMITTED
    assert "Déposée" in content
    assert "Non présélectionnée" not in content
    assert SECRET_REASON not in content


def test_publication_mails_each_team_once_with_its_corrected_outcome(
    staff, call, mailoutbox, django_capture_on_commit_callbacks
):
    corrected = screened(call, S.NOT_SHORTLISTED, title="Ruches de l'estuaire")
    kept = screened(call, S.INELIGIBLE, title="Quais éclairés")
    decide_application(
        corrected, S.SHORTLISTED, reason="Erreur de saisie : projet mûr.", at=CORRECTED_AT
    )

    with django_capture_on_commit_callbacks(execute=True):
        told = publish_screening(call, actor=staff, at=PUBLISHED_AT)
    corrected.refresh_from_db()

    assert told == 2
    assert sorted(message.subject for message in mailoutbox) == [
        "Candidature non recevable : Quais éclairés",
        "Candidature présélectionnée : Ruches de l'estuaire",
    ]
    assert "Erreur de saisie : projet mûr." in next(
        m.body for m in mailoutbox if "Ruches" in m.subject
    )
    assert corrected.team_status() == S.SHORTLISTED
    assert kept.team_status() == S.INELIGIBLE
    assert [(row.move, row.published_at) for row in corrected.transitions.order_by("at", "pk")] == [
        ("submit", corrected.submitted_at),
        ("not_shortlist", None),
        ("correct_to_shortlisted", PUBLISHED_AT),
    ]
    entry = AuditEntry.objects.get(action="call.publish_screening")
    assert (entry.actor, entry.object_id, entry.at) == (staff, str(call.pk), PUBLISHED_AT)


def test_the_calls_log_names_the_applications_told_by_title(staff, call):
    # Created first, told last: the log follows the titles, not the order of creation.
    screened(call, S.SHORTLISTED, title="Ruches de l'estuaire")
    screened(call, S.INELIGIBLE, title="Quais éclairés")

    publish_screening(call, actor=staff, at=PUBLISHED_AT, notify=False)

    entry = AuditEntry.objects.get(action="call.publish_screening")
    assert entry.changes == {"applications": [None, ["Quais éclairés", "Ruches de l'estuaire"]]}


def test_each_decision_told_is_logged_as_published_by_the_staff_member(staff, call):
    application = screened(call, S.SHORTLISTED)

    publish_screening(call, actor=staff, at=PUBLISHED_AT, notify=False)

    history = application.transitions.get(move="shortlist")
    entry = AuditEntry.objects.get(action="history.publish", object_id=str(history.pk))
    assert (entry.actor, entry.at) == (staff, PUBLISHED_AT)


def test_publication_without_notice_mails_no_team(
    staff, call, mailoutbox, django_capture_on_commit_callbacks
):
    application = screened(call, S.SHORTLISTED)
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        told = publish_screening(call, actor=staff, at=PUBLISHED_AT, notify=False)

    application.refresh_from_db()
    assert told == 1
    assert application.team_status() == S.SHORTLISTED
    assert mailoutbox == []


def test_publishing_twice_tells_nothing_more(
    staff, call, mailoutbox, django_capture_on_commit_callbacks
):
    screened(call, S.SHORTLISTED)
    with django_capture_on_commit_callbacks(execute=True):
        publish_screening(call, actor=staff, at=PUBLISHED_AT)
        again = publish_screening(call, actor=staff, at=PUBLISHED_AT)

    assert again == 0
    assert len(mailoutbox) == 1


def test_publication_of_one_call_leaves_another_calls_decisions_waiting(staff, call):
    other = screened(CallFactory(), S.SHORTLISTED)
    screened(call, S.SHORTLISTED)

    publish_screening(call, actor=staff, at=PUBLISHED_AT, notify=False)

    assert other.team_status() == S.SUBMITTED


def test_correction_is_recorded_with_its_reason_in_the_history_and_the_log(staff, call):
    application = screened(call, S.NOT_SHORTLISTED)

    history = decide_application(
        application, S.SHORTLISTED, actor=staff, reason="Erreur de saisie.", at=CORRECTED_AT
    )

    application.refresh_from_db()
    assert application.status == S.SHORTLISTED
    assert (history.move, history.reason, history.published_at) == (
        "correct_to_shortlisted",
        "Erreur de saisie.",
        None,
    )
    assert history.audit_entry.action == "application.correct_to_shortlisted"
    assert history.audit_entry.reason == "Erreur de saisie."


def test_correction_without_a_reason_is_refused_in_french(call):
    application = screened(call, S.NOT_SHORTLISTED)

    with pytest.raises(MoveRefused) as refused:
        decide_application(application, S.SHORTLISTED, reason=" ", at=CORRECTED_AT)

    assert refused.value.reasons == ["Indiquez le motif de la décision."]


def refused_shortlisting(application, at):
    """The reasons staff are refused shortlisting ``application`` at ``at``, and its
    status in the database after the refusal."""
    with pytest.raises(MoveRefused) as refused:
        decide_application(application, S.SHORTLISTED, at=at)
    application.refresh_from_db()
    return refused.value.reasons, application.status


def test_correction_after_publication_is_refused_in_french(staff, call):
    application = screened(call, S.NOT_SHORTLISTED)
    publish_screening(call, actor=staff, at=PUBLISHED_AT, notify=False)

    assert refused_shortlisting(application, PUBLISHED_AT) == (
        ["Cette décision a déjà été publiée à l'équipe : elle ne peut plus être corrigée."],
        S.NOT_SHORTLISTED,
    )


def test_staff_may_not_correct_a_jurys_screening_decision_even_before_publication(call):
    application = ApplicationFactory(call=call, submitted=True)
    decide_application(
        application, S.NOT_SHORTLISTED, decided_by=DecisionSource.JURY, at=SCREENED_AT
    )
    application.refresh_from_db()
    history_before = list(application.transitions.values_list("move", flat=True))

    assert refused_shortlisting(application, CORRECTED_AT) == (
        ["Cette décision est celle du jury : elle se corrige en séance."],
        S.NOT_SHORTLISTED,
    )
    assert list(application.transitions.values_list("move", flat=True)) == history_before


def test_screening_list_shows_pending_decisions_and_the_way_to_publish_them(staff_client, call):
    screened(call, S.SHORTLISTED)

    content = staff_client.get(
        "/admin/projects/application/?publication=en-attente"
    ).content.decode()

    assert "en attente de publication" in content
    assert "Ruches de l&#x27;estuaire" in content
    assert publication_url(call) in content
    assert "Publier les décisions de présélection" in content


def test_publication_screen_lists_what_each_team_will_be_told(staff_client, call):
    screened(call, S.SHORTLISTED, reason="Projet mûr, invité devant le jury.")

    content = staff_client.get(publication_url(call)).content.decode()

    assert "Ruches de l&#x27;estuaire" in content
    assert "Présélectionnée" in content
    assert "Projet mûr, invité devant le jury." in content


def test_publication_screen_posts_the_batch(staff_client, call):
    application = screened(call, S.SHORTLISTED)

    staff_client.post(publication_url(call))

    assert application.team_status() == S.SHORTLISTED


def test_publication_screen_with_nothing_waiting_says_so_and_changes_nothing(staff_client, call):
    content = staff_client.get(publication_url(call)).content.decode()
    response = staff_client.post(publication_url(call), follow=True)

    assert "Aucune décision de présélection n&#x27;attend d&#x27;être publiée" in content
    assert "rien n&#x27;a changé" in response.content.decode()
    assert not AuditEntry.objects.filter(action="call.publish_screening").exists()


def test_publication_screen_is_refused_without_the_permission(client, call):
    application = screened(call, S.SHORTLISTED)
    client.force_login(UserFactory(is_staff=True))

    get = client.get(publication_url(call))
    post = client.post(publication_url(call))

    assert SECRET_REASON not in get.content.decode()
    assert (get.status_code, post.status_code) == (403, 403)
    assert application.team_status() == S.SUBMITTED


def test_publication_screen_query_count_stays_flat_from_1_to_10_decisions(staff_client, call):
    screened(call, S.SHORTLISTED, title="Projet 0")
    with CaptureQueriesContext(connection) as small:
        staff_client.get(publication_url(call))
    for index in range(1, 10):
        screened(call, S.NOT_SHORTLISTED, title=f"Projet {index}")

    with CaptureQueriesContext(connection) as large:
        content = staff_client.get(publication_url(call)).content.decode()

    assert content.count("Non présélectionnée") == 9
    assert len(large) == len(small)


@pytest.mark.parametrize("role", ROLES)
def test_only_staff_publish_a_calls_screening_decisions(client_as, role, call):
    application = screened(call, S.SHORTLISTED)

    page = client_as(role).get(publication_url(call))
    client_as(role).post(publication_url(call))

    told = application.team_status() == S.SHORTLISTED
    assert told == (role == "staff")
    assert (SECRET_REASON in page.content.decode()) == (role == "staff")

import pytest

from editions.enums import Phase
from programme.enums import DecisionSource
from programme.lifecycles import Refused
from projects.applications.services import publish_screening
from projects.enums import ApplicationStatus
from tests.editions.factories import paris
from tests.programme.factories import UserFactory
from tests.projects.factories import (
    REVIEWED_AT,
    ApplicationFactory,
    ProjectFactory,
    TeamMemberFactory,
)
from tests.projects.helpers import decide_application, decide_project, submit

# Decision letters drawn for the mails are stored in a folder of the test's own.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]


def test_submission_mails_a_receipt_to_each_team_member_after_commit(
    mailoutbox, django_capture_on_commit_callbacks
):
    application = ApplicationFactory(title="Ruches <de> l'estuaire")
    TeamMemberFactory(application=application, email="membre@exemple.test")

    with django_capture_on_commit_callbacks(execute=True):
        submit(application, paris(2022, 1, 31, 23, 59, 59))

    assert sorted(message.to[0] for message in mailoutbox) == sorted(
        [application.created_by.email, "membre@exemple.test"]
    )
    assert mailoutbox[0].subject == "Candidature déposée : Ruches <de> l'estuaire"
    assert "a bien été déposée le 31 janvier 2022 à 23:59" in mailoutbox[0].body


def test_staff_screening_decision_mails_the_team_with_its_reason_when_published(
    staff, mailoutbox, django_capture_on_commit_callbacks
):
    application = ApplicationFactory(submitted=True)

    with django_capture_on_commit_callbacks(execute=True):
        decide_application(
            application,
            ApplicationStatus.INELIGIBLE,
            reason="L'équipe ne compte aucun agent de la collectivité.",
            at=paris(2022, 2, 10, 9, 0),
        )
    assert mailoutbox == []
    with django_capture_on_commit_callbacks(execute=True):
        publish_screening(application.call, actor=staff)

    assert [message.subject for message in mailoutbox] == [
        f"Candidature non recevable : {application.title}"
    ]
    assert "Motif : L'équipe ne compte aucun agent de la collectivité." in mailoutbox[0].body


def test_jury_decision_is_not_mailed_before_publication(
    mailoutbox, django_capture_on_commit_callbacks
):
    application = ApplicationFactory(shortlisted=True)

    with django_capture_on_commit_callbacks(execute=True):
        decide_application(application, ApplicationStatus.SELECTED, decided_by=DecisionSource.JURY)

    assert mailoutbox == []


def test_staff_phase_move_mails_the_team_and_the_coaches(
    mailoutbox, django_capture_on_commit_callbacks
):
    project = ProjectFactory()
    coach = UserFactory(email="coach@exemple.test")
    period = project.periods.get()
    period.coaches.add(coach)

    with django_capture_on_commit_callbacks(execute=True):
        decide_project(
            project, Phase.ABANDONED, reason="L'équipe a changé de poste.", at=REVIEWED_AT
        )

    assert sorted(message.to[0] for message in mailoutbox) == sorted(
        ["coach@exemple.test", project.application.created_by.email]
    )
    assert mailoutbox[0].subject == f"{project.title} : Abandon"


def test_refused_move_mails_nothing(mailoutbox, django_capture_on_commit_callbacks):
    application = ApplicationFactory()

    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(Refused) as refused,
    ):
        submit(application, paris(2022, 2, 1, 0, 0))

    assert refused.value.reasons == [
        "L'appel à candidatures est clos depuis le 31 janvier 2022 23:59."
    ]
    assert mailoutbox == []

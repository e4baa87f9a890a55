"""A jury's decision waits for staff to publish it: what publishing stamps, logs and mails."""

import pytest

from editions.enums import Phase
from programme.enums import DecisionSource
from programme.models import AuditEntry
from projects.enums import ApplicationStatus
from projects.letters import Signatory
from projects.models import DecisionLetter, Project, ProjectTransition
from projects.publication import publish_history, publish_project_page
from tests.projects.factories import REVIEWED_AT, SELECTED_AT, ApplicationFactory, ProjectFactory
from tests.projects.helpers import decide_application, decide_project

# Decision letters drawn for the mails are stored in a folder of the test's own.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]
PUBLISHED_AT = REVIEWED_AT.replace(month=10)


def jury_selection(staff):
    application = ApplicationFactory(shortlisted=True)
    return decide_application(
        application,
        ApplicationStatus.SELECTED,
        decided_by=DecisionSource.JURY,
        actor=staff,
        at=SELECTED_AT,
    )


def test_publishing_a_selection_stamps_it_and_the_birth_of_its_project_only(staff):
    history = jury_selection(staff)
    other = jury_selection(staff)

    published = publish_history(history, actor=staff, at=PUBLISHED_AT, notify=False)

    assert published.published_at == PUBLISHED_AT  # the caller's object too
    history.refresh_from_db()
    births = ProjectTransition.objects.filter(from_phase="").order_by("pk")
    assert (published, history.published_at) == (history, PUBLISHED_AT)
    assert [birth.published_at for birth in births] == [PUBLISHED_AT, None]
    other.refresh_from_db()
    assert other.published_at is None


def test_publishing_logs_who_told_the_team_and_when(staff):
    history = jury_selection(staff)

    publish_history(history, actor=staff, at=PUBLISHED_AT, notify=False)

    entry = AuditEntry.objects.filter(action="history.publish", object_id=str(history.pk)).get()
    assert (entry.subject, entry.actor, entry.at) == (history, staff, PUBLISHED_AT)
    assert entry.changes == {"published_at": [None, PUBLISHED_AT.isoformat()]}
    assert entry.change_lines()[0][0] == "communiquée le"


def test_publishing_mails_the_team_by_default(
    staff, mailoutbox, django_capture_on_commit_callbacks
):
    history = jury_selection(staff)

    with django_capture_on_commit_callbacks(execute=True):
        publish_history(history, actor=staff, at=PUBLISHED_AT)

    assert len(mailoutbox) == 1
    assert history.application.created_by.email in mailoutbox[0].to


def test_publishing_a_project_move_mails_the_team_and_stamps_nothing_else(
    staff, mailoutbox, django_capture_on_commit_callbacks
):
    project = ProjectFactory(experimentation=True)
    renewal = decide_project(
        project, Phase.EXPERIMENTATION, decided_by=DecisionSource.JURY, actor=staff
    )
    unpublished_before = ProjectTransition.objects.filter(published_at__isnull=True).count()

    with django_capture_on_commit_callbacks(execute=True):
        publish_history(renewal, actor=staff, at=PUBLISHED_AT)

    assert ProjectTransition.objects.filter(published_at__isnull=True).count() == (
        unpublished_before - 1
    )
    assert len(mailoutbox) == 1
    assert project.application.created_by.email in mailoutbox[0].to
    assert mailoutbox[0].subject == f"{project.title} : Expérimentation"


def test_publishing_twice_does_nothing_more(staff):
    history = jury_selection(staff)
    publish_history(history, actor=staff, at=PUBLISHED_AT, notify=False)

    again = publish_history(history, actor=staff, at=REVIEWED_AT, notify=False)

    history.refresh_from_db()
    assert (again, history.published_at) == (None, PUBLISHED_AT)
    assert (
        AuditEntry.objects.filter(action="history.publish", object_id=str(history.pk)).count() == 1
    )


def test_publishing_a_selection_leaves_a_later_jury_decision_on_its_project_untold(staff):
    history = jury_selection(staff)
    project = Project.objects.get(application_id=history.application_id)
    onward = decide_project(
        project, Phase.EXPERIMENTATION, decided_by=DecisionSource.JURY, actor=staff, at=REVIEWED_AT
    )

    publish_history(history, actor=staff, at=PUBLISHED_AT, notify=False)

    onward.refresh_from_db()
    assert onward.published_at is None


def test_the_letter_says_what_the_jury_gave_for_it(staff):
    history = jury_selection(staff)
    letter = {
        "decision": "Retenue à l'unanimité",
        "reasons": "Un prototype prometteur, testé par deux services.",
        "signatory": Signatory(name="Odile Ferrand", title="Présidente du jury"),
    }

    publish_history(history, actor=staff, at=PUBLISHED_AT, notify=False, letter=letter)

    terms = DecisionLetter.objects.get(application_transition=history).terms
    assert (terms["decision"], terms["reasons"], terms["signatory"]) == (
        "Retenue à l'unanimité",
        "Un prototype prometteur, testé par deux services.",
        {"name": "Odile Ferrand", "title": "Présidente du jury"},
    )


def test_the_laureates_page_put_online_is_logged_by_who_told_the_team_and_when(staff):
    history = jury_selection(staff)
    project = Project.objects.get(application_id=history.application_id)

    publish_history(history, actor=staff, at=PUBLISHED_AT, notify=False)

    entry = AuditEntry.objects.filter(action="project.publish_page").get()
    assert (entry.subject, entry.actor, entry.at) == (project, staff, PUBLISHED_AT)
    assert entry.changes == {"is_published": [False, True]}


def test_publishing_a_page_ticks_the_callers_project_and_says_so_once(staff):
    project = ProjectFactory(is_published=False)
    opted_out = ProjectFactory(is_published=False, publish_with_decision=False)

    first = publish_project_page(project, actor=staff, at=PUBLISHED_AT)
    again = publish_project_page(project, actor=staff, at=PUBLISHED_AT)

    assert (first, again, project.is_published) == (True, False, True)
    assert publish_project_page(opted_out, actor=staff, at=PUBLISHED_AT) is False
    assert Project.objects.get(pk=project.pk).is_published is True
    assert Project.objects.get(pk=opted_out.pk).is_published is False
    assert AuditEntry.objects.filter(action="project.publish_page").count() == 1

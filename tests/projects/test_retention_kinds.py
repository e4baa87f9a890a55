"""Each kind of the retention schedule of applications and laureates: its row on the
personal-data page, in French and in English, and its cut-off, kept on the day and gone
the day after (drafts from their call's closing, every unsuccessful status from its
decision, both ends of a laureate's project from its last move)."""

import datetime
import html
import re

import pytest

from editions.enums import Phase
from programme.enums import DecisionSource
from programme.retention import apply_retention
from projects.enums import ApplicationStatus, ReintegrationOutcome
from projects.models import Application
from projects.retention import register_kinds
from tests.editions.factories import CLOSES_AT
from tests.programme.factories import ProgrammeFactory
from tests.projects.factories import REVIEWED_AT, SELECTED_AT, ApplicationFactory, ProjectFactory
from tests.projects.helpers import decide_application, decide_project

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)
AT = datetime.datetime(2028, 1, 1, 3, 0, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def registered_kinds():
    """The kinds as ``register_kinds`` registers them (see ``test_retention_entries``)."""
    register_kinds()


def retention_rows(page):
    """The personal-data page's retention table, row by row, as its cells read."""
    table = page.split('id="titre-conservation"', 1)[1].split("</table>", 1)[0]
    body = table.split("<tbody>", 1)[1]
    rows = []
    for row in re.findall(r"<tr>(.*?)</tr>", body, flags=re.S):
        cells = re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, flags=re.S)
        rows.append(tuple(" ".join(html.unescape(cell).split()) for cell in cells))
    return rows


def test_the_personal_data_page_states_each_kind_its_duration_and_its_fate(client):
    ProgrammeFactory()

    rows = retention_rows(client.get("/donnees-personnelles/").content.decode())

    assert rows[:3] == [
        (
            "Candidatures jamais déposées (brouillons)",
            "6 mois après la clôture de leur appel",
            "Supprimées, avec leur équipe et leurs pièces jointes",
        ),
        (
            "Candidatures non retenues, leur équipe et leurs pièces jointes",
            "2 ans après la décision qui les a écartées (ou leur retrait)",
            "Anonymisées : noms, adresses, textes et fichiers effacés ; la candidature, "
            "son statut et ses décisions restent",
        ),
        (
            "Données personnelles des équipes lauréates",
            "5 ans après la fin du projet (réintégration ou abandon)",
            "Anonymisées : l'équipe n'est plus nommée ; ce que la collectivité a publié du "
            "projet reste",
        ),
    ]
    assert [row[0] for row in rows[3:]] == [
        "Traces de connexion et journaux du serveur",
        "Résultats des envois d'e-mails en arrière-plan",
    ]


def test_the_personal_data_page_in_english_names_each_kind(client):
    ProgrammeFactory()

    page = client.get("/en/donnees-personnelles/", follow=True).content.decode()

    assert [row[0] for row in retention_rows(page)[:3]] == [
        "Applications never submitted (drafts)",
        "Applications not selected, their team and attachments",
        "Laureate teams' personal data",
    ]


# Each kind's start, its default duration, and how to make one of it.
def _draft():
    return ApplicationFactory()


def _turned_down(status):
    def make():
        if status == ApplicationStatus.NOT_SELECTED:
            return ApplicationFactory(not_selected=True)
        application = ApplicationFactory(submitted=True)
        team = status == ApplicationStatus.WITHDRAWN
        decide_application(
            application,
            status,
            decided_by=DecisionSource.TEAM if team else DecisionSource.STAFF,
            at=SELECTED_AT,
        )
        return application

    return make


def _ended(phase):
    def make():
        project = ProjectFactory()
        decide_project(
            project,
            phase,
            decided_by=DecisionSource.TEAM if phase == Phase.ABANDONED else DecisionSource.STAFF,
            outcome="" if phase == Phase.ABANDONED else ReintegrationOutcome.STOPPED,
            at=REVIEWED_AT,
        )
        return project.application

    return make


KINDS = {
    "draft": (_draft, CLOSES_AT, 180),
    "withdrawn": (_turned_down(ApplicationStatus.WITHDRAWN), SELECTED_AT, 730),
    "ineligible": (_turned_down(ApplicationStatus.INELIGIBLE), SELECTED_AT, 730),
    "not shortlisted": (_turned_down(ApplicationStatus.NOT_SHORTLISTED), SELECTED_AT, 730),
    "not selected": (_turned_down(ApplicationStatus.NOT_SELECTED), SELECTED_AT, 730),
    "reintegrated": (_ended(Phase.REINTEGRATION), REVIEWED_AT, 1825),
    "abandoned": (_ended(Phase.ABANDONED), REVIEWED_AT, 1825),
}


def _left_alone(application):
    found = Application.objects.filter(pk=application.pk).first()
    return found is not None and found.anonymised_at is None


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize(
    ("offset", "left_alone"), [(-DAY, True), (datetime.timedelta(0), True), (DAY, False)]
)
def test_each_kind_is_kept_to_its_cut_off_and_goes_the_day_after(
    media_root, kind, offset, left_alone
):
    make, start, days = KINDS[kind]
    application = make()

    apply_retention(at=start + days * DAY + offset)

    assert _left_alone(application) is left_alone


def test_a_running_laureate_and_a_selected_application_are_never_anonymised(media_root):
    running = ProjectFactory().application
    experimenting = ProjectFactory(experimentation=True).application

    apply_retention(at=AT + 3650 * DAY)

    assert (_left_alone(running), _left_alone(experimenting)) == (True, True)


@pytest.mark.parametrize(
    ("first", "last"), [(0, -5), (-5, 0)], ids=["written last, dated back", "in order"]
)
def test_an_application_is_counted_from_its_latest_decision_in_its_status(media_root, first, last):
    application = ApplicationFactory(submitted=True)
    decide_application(application, ApplicationStatus.NOT_SHORTLISTED, at=SELECTED_AT + first * DAY)
    decide_application(application, ApplicationStatus.INELIGIBLE, at=SELECTED_AT + DAY)
    decide_application(application, ApplicationStatus.NOT_SHORTLISTED, at=SELECTED_AT + last * DAY)

    apply_retention(at=SELECTED_AT + 730 * DAY)

    assert _left_alone(application) is True

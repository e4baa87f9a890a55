"""Following a laureate in a real browser: the team reads its follow-up on a phone; the
coach logs a session on a desktop."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from projects.models import CoachingEntry
from tests.programme.factories import UserFactory
from tests.projects.factories import (
    CoachingEntryFactory,
    ImpactIndicatorFactory,
    MeasurementFactory,
    MilestoneFactory,
    ProjectFactory,
    ResourceFactory,
)

pytestmark = pytest.mark.browser

PASSWORD = "mot-de-passe-de-test"


@pytest.fixture
def project(transactional_db):
    """A project in pre-incubation with its coach, a late milestone, a session, a
    resource and an indicator with a refused measurement."""
    project = ProjectFactory(
        application__title="Ruches de l'estuaire",
        application__created_by=UserFactory(email="equipe@agglo.test"),
    )
    period = project.periods.get()
    coach = UserFactory(email="coach@incubateur.test", first_name="Camille", last_name="Roux")
    CoachingEntryFactory(period=period, coach=coach, topics="Cartographie des ruchers")
    MilestoneFactory(period=period, title="Prototype testé", due_on=datetime.date(2022, 4, 1))
    ResourceFactory(period=period, amount_used=Decimal("1200"))
    indicator = ImpactIndicatorFactory(project=project, name="Ruches recensées")
    MeasurementFactory(indicator=indicator, rejected=True)
    return project


def sign_in(page, email):
    page.goto("/connexion/mot-de-passe/")
    page.get_by_label("Adresse e-mail").fill(email)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()


def test_the_team_reads_its_follow_up_on_a_phone(
    project, phone_page, assert_accessible, assert_no_csp_violation, save_screenshot
):
    page = phone_page
    sign_in(page, "equipe@agglo.test")
    page.goto("/mon-espace/")
    page.get_by_role("link", name="Suivre le projet").click()

    page.get_by_role("heading", name="Jalons").wait_for()
    assert_accessible(page)
    assert_no_csp_violation(page)
    save_screenshot(page)
    text = page.inner_text("main")
    assert "Ruches de l'estuaire" in text
    assert "en retard" in text
    assert "Cartographie des ruchers" in text
    assert "Source absente." in text
    # The team keeps milestones but does not log coaching.
    assert page.get_by_role("link", name="Ajouter un jalon").count() == 1
    assert page.get_by_role("link", name="Noter une séance").count() == 0


def test_the_coach_logs_a_session_on_a_desktop(
    project, page, assert_accessible, assert_no_csp_violation, save_screenshot
):
    sign_in(page, "coach@incubateur.test")
    page.goto("/accompagnement/")
    assert_accessible(page)
    page.get_by_role("link", name="Ruches de l'estuaire").click()
    page.get_by_role("link", name="Noter une séance").click()

    page.get_by_label("Date").fill("2999-01-01")
    page.get_by_label("Durée (heures)").fill("1.5")
    page.get_by_label("Sujets travaillés").fill("Atelier avec les apiculteurs")
    page.get_by_role("button", name="Enregistrer la séance").click()
    page.get_by_text("La séance ne peut pas être datée d'un jour à venir.", exact=True).wait_for()
    assert_accessible(page)
    page.get_by_label("Date").fill(timezone.localdate().isoformat())
    page.get_by_role("button", name="Enregistrer la séance").click()

    page.get_by_text("Séance enregistrée dans le journal d'accompagnement.").wait_for()
    assert_accessible(page)
    assert_no_csp_violation(page)
    save_screenshot(page)
    entry = CoachingEntry.objects.get(topics="Atelier avec les apiculteurs")
    assert (entry.coach.email, entry.duration_hours) == ("coach@incubateur.test", Decimal("1.5"))

"""Two teams apply end to end in a real browser: students on a phone, agents on a desktop
whose line manager agrees by link; staff then find both on their screening list."""

import datetime
import re
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.utils import timezone

from programme.enums import DecisionSource
from programme.models import Programme
from projects.applications.services import move_application
from projects.enums import ApplicationStatus, ManagerResponse
from projects.models import Application
from tests.browser.story_steps import pass_second_factor
from tests.editions.factories import CallFactory, EditionFactory
from tests.programme.factories import OrganisationFactory, ThemeFactory, UserFactory
from tests.projects.factories import ApplicationFactory
from tests.projects.uploads import PDF

pytestmark = pytest.mark.browser


@pytest.fixture
def open_call(transactional_db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    Programme.objects.create(
        name="Appel à innovateur territorial", slug="ait", authority_name="Le Havre Seine Métropole"
    )
    now = timezone.now()
    call = CallFactory(
        edition=EditionFactory(slug="saison-3", name="Saison 3"),
        title="Appel à innovateur territorial — saison 3",
        opens_at=now - datetime.timedelta(days=5),
        closes_at=now + datetime.timedelta(days=5),
    )
    OrganisationFactory(school=True, name="La Manu")
    OrganisationFactory(department=True, name="Direction de l'habitat")
    ThemeFactory(name="Vie étudiante")
    return call


def last_link(pattern):
    body = mail.outbox[-1].body
    link = re.search(pattern, body).group(0)
    parts = urlsplit(link)
    return f"{parts.path}?{parts.query}" if parts.query else parts.path


def sign_in_by_link(page, email, check):
    page.get_by_label("Adresse e-mail").fill(email)
    page.get_by_role("button", name="Recevoir un lien de connexion").click()
    check(page)
    page.goto(last_link(r"https?://\S+/connexion/lien/\S+"))
    check(page)
    page.get_by_role("button", name="Me connecter").click()


def fill_project(page, check):
    page.get_by_label("Problème à résoudre").fill("Les étudiants se rencontrent peu.")
    page.get_by_label("Qui en souffre").fill("Les étudiants de première année.")
    page.get_by_label("Idée proposée").fill("Une application de rencontres culturelles.")
    page.get_by_label("Impact attendu").fill("Des étudiants moins isolés dès la rentrée.")
    check(page)
    page.get_by_role("button", name="Enregistrer le brouillon").click()
    page.get_by_text("Brouillon enregistré.").wait_for()


def attach_pdf(page, application, tmp_path, check):
    page.goto(f"/candidatures/{application.pk}/pieces/")
    pitch = tmp_path / "pitch.pdf"
    pitch.write_bytes(PDF)
    page.get_by_label("Fichier").set_input_files(str(pitch))
    check(page)
    page.get_by_role("button", name="Ajouter la pièce").click()
    page.get_by_text("Pièce ajoutée.").wait_for()


def submit(page, application, check):
    page.goto(f"/candidatures/{application.pk}/deposer/")
    check(page)
    page.get_by_role("button", name="Déposer la candidature").click()
    page.get_by_text("Candidature déposée.").wait_for()
    check(page)


def test_a_student_team_applies_from_a_phone(
    open_call, phone_page, tmp_path, assert_accessible, assert_no_csp_violation, save_screenshot
):
    page = phone_page

    def check(current):
        assert_accessible(current)
        assert_no_csp_violation(current)

    page.goto("/appels/saison-3/")
    check(page)
    page.get_by_role("link", name="Candidater").click()
    sign_in_by_link(page, "ines.belkacem@etudiant.test", check)
    page.get_by_label("Titre du projet").fill("Le Havre Étudiant")
    page.get_by_role("button", name="Commencer ma candidature").click()
    application = Application.objects.get(title="Le Havre Étudiant")
    fill_project(page, check)

    page.goto(f"/candidatures/{application.pk}/")
    page.get_by_role("link", name=re.compile("^Modifier")).first.click()
    page.get_by_label("Prénom").fill("Inès")
    page.locator("#id_last_name").fill("Belkacem")
    page.get_by_role("radio", name="Étudiant ou étudiante").check()
    page.get_by_label("École").select_option(label="La Manu")
    page.get_by_label("accepte d'être nommé·e publiquement").check()
    check(page)
    page.get_by_role("button", name="Enregistrer").click()
    page.get_by_text("Membre mis à jour.").wait_for()
    attach_pdf(page, application, tmp_path, check)
    submit(page, application, check)
    save_screenshot(page)

    application.refresh_from_db()
    lead = application.team_members.get()
    assert application.status == ApplicationStatus.SUBMITTED
    assert (lead.school.name, lead.public_name_consent) == ("La Manu", True)
    assert mail.outbox[-1].subject == "Candidature déposée : Le Havre Étudiant"


def test_an_agent_team_applies_and_the_manager_agrees_by_link(
    open_call, page, chromium, live_server, tmp_path, assert_accessible, save_screenshot
):
    page.goto("/connexion/?next=/appels/saison-3/candidater/")
    sign_in_by_link(page, "olivier.petit@agglo.test", assert_accessible)
    page.get_by_label("Titre du projet").fill("Repérage solidaire")
    page.get_by_role("button", name="Commencer ma candidature").click()
    application = Application.objects.get(title="Repérage solidaire")
    fill_project(page, assert_accessible)
    lead = application.team_members.get()
    page.goto(f"/candidatures/{application.pk}/equipe/{lead.pk}/")
    page.get_by_label("Prénom").fill("Olivier")
    page.locator("#id_last_name").fill("Petit")
    page.get_by_role("radio", name="Agent de la collectivité").check()
    page.get_by_label("Direction métier").select_option(label="Direction de l'habitat")
    page.get_by_label("E-mail du ou de la responsable").fill("cheffe@agglo.test")
    page.get_by_role("button", name="Enregistrer").click()
    page.get_by_text("Membre mis à jour.").wait_for()
    attach_pdf(page, application, tmp_path, assert_accessible)
    page.goto(f"/candidatures/{application.pk}/")
    assert "En attente de l'accord de leur responsable" in page.content()

    manager = chromium.new_context(base_url=live_server.url, locale="fr-FR").new_page()
    manager.goto(last_link(r"https?://\S+/accord-responsable/\S+/"))
    assert_accessible(manager)
    manager.get_by_role("button", name="Je donne mon accord").click()
    manager.get_by_text("Merci, votre réponse est enregistrée.").wait_for()
    manager.context.close()

    submit(page, application, assert_accessible)
    save_screenshot(page)
    lead.refresh_from_db()
    assert lead.manager_response == ManagerResponse.AGREED


def test_staff_screening_list_shows_the_submitted_applications(
    open_call, page, live_server, assert_accessible
):
    for title in ("Le Havre Étudiant", "Repérage solidaire"):
        application = ApplicationFactory(call=open_call, title=title)
        move_application(
            application,
            ApplicationStatus.SUBMITTED,
            actor=application.created_by,
            decided_by=DecisionSource.TEAM,
        )
    UserFactory(email="innovation@agglo.test", innovation_staff=True)

    page.goto("/admin/login/")
    page.fill("#id_username", "innovation@agglo.test")
    page.fill("#id_password", "mot-de-passe-de-test")
    page.get_by_role("button", name="Connexion").click()
    pass_second_factor(page, "innovation@agglo.test")  # enrolled at this first sign-in
    page.locator("#user-tools").wait_for()
    page.goto(f"/admin/projects/application/?call__edition__id__exact={open_call.edition_id}")

    rows = page.locator("#result_list tbody tr").all_inner_texts()
    assert sorted(row.split("\t")[1] for row in rows) == ["Le Havre Étudiant", "Repérage solidaire"]
    assert all("Déposée" in row for row in rows)

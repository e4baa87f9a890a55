"""The follow-up chapter of the story (issue 8), through the screens: before the jury
reviews the edition-1 project, its coach logs a session, its team records an impact
indicator and a measurement, declares its time and submits its phase report; staff
validate the measurement and publish the indicator. The jury then reads the report on
the review item, and once the renewal is public, citizens read the chart."""

from projects.enums import MeasurementStatus, ReportStatus
from projects.models import ImpactIndicator, Measurement
from tests.browser.story_steps import admin_save, password_sign_in

INDICATOR = "Ménages accompagnés vers la rénovation"
REPORT_PROBLEM = "Les ménages modestes ne savent pas à qui s'adresser pour rénover."
REPORT_RESULTS = "Vingt-cinq ménages accompagnés en quatre mois."


def coach_logs_a_session(story, page, coach_email, project):
    password_sign_in(page, coach_email)
    story.visit(page, "/accompagnement/")
    page.get_by_role("link", name=project.title).click()
    page.get_by_role("heading", name="Journal d'accompagnement").wait_for()
    story.check(page)
    story.visit(page, f"/suivi/{project.pk}/seances/ajouter/")
    page.get_by_label("Date").fill("2022-10-04")
    page.get_by_label("Durée (heures)").fill("2")
    page.get_by_label("Sujets travaillés").fill("Entretiens avec dix ménages du quartier.")
    page.get_by_label("Prochaines étapes").fill("Tester le parcours d'accompagnement.")
    page.get_by_role("button", name="Enregistrer la séance").click()
    page.get_by_text("Entretiens avec dix ménages du quartier.").wait_for()
    story.check(page)
    story.shoot(page, "4a-coach-logs-a-session")


def team_builds_its_evidence(story, page, lead_email, project):
    """An indicator and a measurement, a month of time given, the submitted report."""
    password_sign_in(page, lead_email)
    story.visit(page, f"/suivi/{project.pk}/indicateurs/ajouter/")
    page.get_by_label("Indicateur").fill(INDICATOR)
    page.get_by_label("Unité").fill("ménages")
    page.get_by_label("Valeur de départ").fill("0")
    page.get_by_label("Cible").fill("40")
    page.get_by_label("Méthode de mesure").fill("Dossiers ouverts au guichet de l'habitat.")
    page.get_by_role("button", name="Enregistrer l'indicateur").click()
    page.get_by_text("Indicateur ajouté.").wait_for()
    indicator = ImpactIndicator.objects.get(project=project, name=INDICATOR)
    story.visit(page, f"/suivi/{project.pk}/indicateurs/{indicator.pk}/mesures/ajouter/")
    page.get_by_label("Mesuré le").fill("2023-01-31")
    page.get_by_label("Valeur").fill("25")
    page.get_by_label("Source").fill("Registre du guichet de l'habitat")
    page.get_by_role("button", name="Proposer la mesure").click()
    page.get_by_text("À valider").first.wait_for()
    story.check(page)

    story.visit(page, f"/suivi/{project.pk}/temps/?mois=2022-10")
    page.get_by_label("Jours donnés").first.fill("3")
    page.get_by_role("button", name="Enregistrer le temps de octobre 2022").click()
    story.check(page)
    story.shoot(page, "4a-team-declares-its-time")

    story.visit(page, f"/suivi/{project.pk}/bilan/")
    page.get_by_label("Le problème, tel que nous le comprenons maintenant").fill(REPORT_PROBLEM)
    page.get_by_label("Ce que nous avons testé").fill("Un guichet unique, deux demi-journées.")
    page.get_by_label("Les résultats").fill(REPORT_RESULTS)
    page.get_by_label("Ce que disent les indicateurs").fill("La cible est à mi-chemin.")
    page.get_by_label("Notre recommandation pour la suite").select_option("continue")
    page.get_by_label("Pourquoi").fill("Le guichet trouve son public.")
    page.get_by_role("button", name="Déposer le bilan").click()
    page.get_by_text("Bilan déposé.").first.wait_for()
    story.check(page)
    story.shoot(page, "4a-team-submits-its-report")
    report = project.periods.open().get().report
    assert report.status == ReportStatus.SUBMITTED
    return indicator


def staff_validate_and_publish(story, page, indicator):
    story.visit(page, "/admin/projects/measurement/?status__exact=proposed")
    page.locator("#result_list tbody tr", has_text=INDICATOR).locator("input.action-select").check()
    page.locator("select[name=action]").select_option(label="Valider les mesures sélectionnées")
    page.locator("button[name=index]").click()
    page.locator(".messagelist .success").first.wait_for()
    story.check(page)
    assert Measurement.objects.get(indicator=indicator).status == MeasurementStatus.VALIDATED
    story.visit(page, f"/admin/projects/impactindicator/{indicator.pk}/change/")
    page.locator("#id_is_published").check()
    admin_save(page)
    story.shoot(page, "4a-staff-publish-the-indicator")


def jury_reads_the_report(story, page, session_pk, project_title):
    story.visit(page, f"/jury/seances/{session_pk}/")
    page.get_by_role("link", name=project_title).click()
    story.check(page)
    text = page.inner_text("main")
    assert REPORT_PROBLEM in text and REPORT_RESULTS in text
    assert INDICATOR in text
    story.shoot(page, "4-jury-reads-the-report")


def citizen_reads_the_results(page):
    results = page.locator(".tremplin-impact", has_text=INDICATOR)
    assert results.locator("svg").count() == 1
    assert "Registre du guichet de l'habitat" in results.locator("table").inner_text()
    assert REPORT_PROBLEM not in page.inner_text("main")


def staff_read_the_dashboard_and_export(story, page, laureate_title):
    """The admin index's dashboard (axe-checked like every page) and the projects export."""
    story.visit(page, "/admin/")
    dashboard = page.locator(".tremplin-dashboard").inner_text()
    assert "Saison 2" in dashboard and "Saison 1" in dashboard
    story.shoot(page, "6-staff-dashboard")
    story.visit(page, "/admin/exports/")
    export = page.request.get("/admin/exports/projets.csv")
    assert export.ok and laureate_title in export.text()


def staff_read_the_audit_log(story, page, project):
    """The audit log from a project's admin page: the birth of the laureate, in French
    with its state labels (axe-checked like every page)."""
    story.visit(page, f"/admin/projects/project/{project.pk}/change/")
    page.get_by_role("link", name="Journal des actions sur cet objet").click()
    story.check(page)
    log = page.locator("#result_list").inner_text()
    assert "Naissance du projet lauréat" in log
    birth = page.locator("#result_list tbody tr", has_text="Naissance du projet lauréat")
    birth.locator("a").first.click()
    story.check(page)
    assert "Pré-incubation" in page.locator(".field-changes_table").inner_text()
    story.shoot(page, "6-staff-audit-log")

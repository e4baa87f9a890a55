"""The whole story of DOMAIN.md in a real browser, as each person lives it (issue 7).

Prior history (edition 1 and its project in experimentation, the departments, the jury
members) is arranged with factories; everything from the creation of edition 2 onwards
is done through the screens: the admin for staff, the site for teams, the jury area for
members, anonymous public pages for the citizen. Each page visited runs axe (WCAG 2.1
A/AA) and the CSP check; each step leaves desktop and phone screenshots in
test-artifacts/screenshots/.
"""

import csv
import datetime
import io
import re

import pytest
from django.core import mail
from django.utils import timezone

from editions.enums import Phase
from jury.enums import Attendance
from jury.models import AgendaItem, Session
from projects.enums import ApplicationStatus, ManagerResponse
from projects.models import Application, Project
from tests.browser.story_follow_up import (
    citizen_reads_the_results,
    coach_logs_a_session,
    jury_reads_the_report,
    staff_read_the_audit_log,
    staff_read_the_dashboard_and_export,
    staff_validate_and_publish,
    team_builds_its_evidence,
)
from tests.browser.story_history import COACH, REVIEWED, STAFF, build_history
from tests.browser.story_steps import (
    admin_save,
    admin_sign_in,
    attach_pdf,
    decide,
    edit_lead,
    fill_session_form,
    fill_split_datetime,
    last_link,
    open_edition_two,
    password_sign_in,
    run_session_step,
    score_all,
    screen,
    start_application,
    submit,
)
from tests.jury.factories import (
    ConvocationFactory,
    ReviewItemFactory,
    SelectionItemFactory,
)
from tests.projects.uploads import PDF

pytestmark = pytest.mark.browser

AGENTS = "Repérage solidaire"
STUDENTS = "Le Havre Étudiant"
LOCALS = "Jardins partagés du Rond-Point"
LATE = "Navette des quais"


@pytest.fixture
def history(transactional_db):
    return build_history()


def test_the_whole_story(story, history, tmp_path):
    now = timezone.now()
    staff = story.new_page()

    # 1. Staff create edition 2 and its call, publish them; the public call page shows it.
    admin_sign_in(story, staff, STAFF)
    call = open_edition_two(story, staff, history["programme"], now)
    edition = call.edition

    citizen_early = story.new_page(phone=True)
    story.visit(citizen_early, "/appels/saison-2/")
    assert "Appel à innovateur territorial — saison 2" in citizen_early.inner_text("main")
    assert citizen_early.get_by_role("link", name="Candidater").first.is_visible()
    story.shoot(citizen_early, "1-public-call")

    # 2. Three teams apply; a fourth misses the deadline.
    pitch = tmp_path / "pitch.pdf"
    pitch.write_bytes(PDF)

    agents = story.new_page()
    start_application(
        story,
        agents,
        "olivier.petit@agglo.test",
        AGENTS,
        "Les ménages en précarité énergétique sont repérés trop tard.",
    )
    agents_app = Application.objects.get(title=AGENTS)

    def agent_fields(page):
        page.get_by_label("Direction métier").select_option(label="Direction de l'habitat")
        page.get_by_label("E-mail du ou de la responsable").fill("cheffe@agglo.test")

    agents_lead = edit_lead(story, agents, agents_app, "Olivier", "Petit", "agent", agent_fields)
    attach_pdf(story, agents, agents_app, pitch)
    story.visit(agents, f"/candidatures/{agents_app.pk}/")
    assert "En attente de l'accord de leur responsable" in agents.content()
    manager = story.new_page()
    story.visit(manager, last_link(r"https?://\S+/accord-responsable/\S+/", to="cheffe@agglo.test"))
    manager.get_by_role("button", name="Je donne mon accord").click()
    manager.get_by_text("Merci, votre réponse est enregistrée.").wait_for()
    story.check(manager)
    story.shoot(manager, "2-manager-agrees")
    submit(story, agents, agents_app)
    story.shoot(agents, "2-agents-submitted")
    agents_lead.refresh_from_db()
    assert agents_lead.manager_response == ManagerResponse.AGREED

    students = story.new_page(phone=True)
    start_application(
        story,
        students,
        "ines.belkacem@etudiant.test",
        STUDENTS,
        "Les étudiants de première année se rencontrent peu.",
    )
    students_app = Application.objects.get(title=STUDENTS)
    edit_lead(
        story,
        students,
        students_app,
        "Inès",
        "Belkacem",
        "student",
        lambda page: page.get_by_label("École").select_option(label="La Manu"),
    )
    attach_pdf(story, students, students_app, pitch)
    submit(story, students, students_app)
    story.shoot(students, "2-students-submitted-phone")

    locals_ = story.new_page()
    start_application(
        story,
        locals_,
        "camille.roux@quartiers.test",
        LOCALS,
        "Les pieds d'immeubles sont délaissés.",
    )
    locals_app = Application.objects.get(title=LOCALS)
    edit_lead(
        story,
        locals_,
        locals_app,
        "Camille",
        "Roux",
        "local_actor",
        lambda page: page.locator("#id_organisation").select_option(
            label="Association Quartiers vivants"
        ),
    )
    submit(story, locals_, locals_app)
    story.shoot(locals_, "2-locals-submitted")

    late = story.new_page()
    start_application(
        story, late, "marc.leroy@agglo.test", LATE, "Les quais sont mal desservis le soir."
    )
    late_app = Application.objects.get(title=LATE)

    # Staff close the call early by moving its deadline into the past.
    story.visit(staff, f"/admin/editions/call/{call.pk}/change/")
    fill_split_datetime(staff, "closes_at", timezone.now() - datetime.timedelta(minutes=1))
    staff.get_by_label("Je confirme ce changement de clôture").check()
    admin_save(staff)
    story.visit(late, f"/candidatures/{late_app.pk}/deposer/")
    assert "L'appel à candidatures est clos depuis le" in late.inner_text("main")
    assert late.get_by_role("button", name="Déposer la candidature").count() == 0
    story.shoot(late, "2-late-team-refused")
    story.visit(late, f"/candidatures/{late_app.pk}/")
    assert "Les quais sont mal desservis le soir." in late.inner_text("main")
    late_app.refresh_from_db()
    assert late_app.status == ApplicationStatus.DRAFT
    assert {
        Application.objects.get(pk=a.pk).status for a in (agents_app, students_app, locals_app)
    } == {ApplicationStatus.SUBMITTED}

    # 3. Staff screen: one ineligible with a reason, two shortlisted.
    screen(
        story,
        staff,
        edition.pk,
        [LOCALS],
        "mark_ineligible",
        "Le porteur n'a pas de lien avec un service de la collectivité.",
    )
    screen(
        story,
        staff,
        edition.pk,
        [AGENTS],
        "shortlist",
        "Projets mûrs, invités à présenter devant le jury.",
    )
    # A mis-click: the students are not shortlisted; staff correct it before publishing.
    screen(story, staff, edition.pk, [STUDENTS], "not_shortlist", "Projet trop vague.")
    story.visit(staff, f"/admin/projects/application/{students_app.pk}/historique/")
    assert "non communiquée à l'équipe" in staff.inner_text("#content-main")
    staff.get_by_role("link", name="Corriger : présélectionnée").click()
    staff.get_by_label("Motif de la décision").fill(
        "Erreur de saisie : projet mûr, invité à présenter devant le jury."
    )
    story.check(staff)
    staff.get_by_role("button", name="Confirmer").click()
    staff.locator(".messagelist .success").first.wait_for()
    story.visit(staff, f"/admin/projects/application/?call__edition__id__exact={edition.pk}")
    rows = staff.locator("#result_list tbody tr")
    assert "Non recevable" in rows.filter(has_text=LOCALS).inner_text()
    for title in (AGENTS, STUDENTS):
        assert "Présélectionnée" in rows.filter(has_text=title).inner_text()
    assert "en attente de publication" in rows.filter(has_text=LOCALS).inner_text()
    story.check(staff)
    story.shoot(staff, "3-staff-screening")
    ineligible_subject = f"Candidature non recevable : {LOCALS}"
    assert ineligible_subject not in [m.subject for m in mail.outbox]
    # Staff publish the batch: each team is told once, with its outcome.
    staff.get_by_role("link", name=re.compile("Publier les décisions de présélection")).click()
    assert LOCALS in staff.inner_text("#content-main")
    story.check(staff)
    staff.get_by_role("button", name="Publier les décisions de présélection").click()
    staff.locator(".messagelist .success").first.wait_for()
    assert [m.subject for m in mail.outbox].count(ineligible_subject) == 1
    students_subjects = [m.subject for m in mail.outbox if m.subject.endswith(STUDENTS)]
    assert students_subjects.count(f"Candidature présélectionnée : {STUDENTS}") == 1
    assert f"Candidature non présélectionnée : {STUDENTS}" not in students_subjects

    # 4a. Before its review, the edition-1 project's coach and team record the evidence;
    # staff validate the measurement and publish the indicator (issue 8).
    reviewed = history["reviewed"]
    coach_logs_a_session(story, story.new_page(), COACH, reviewed)
    indicator = team_builds_its_evidence(
        story, story.new_page(phone=True), reviewed.application.created_by.email, reviewed
    )
    staff_validate_and_publish(story, staff, indicator)

    # 4. The jury session of one date: two pitches of edition 2, the review of edition 1.
    # The day has come: a session is closed only once it has started.
    fill_session_form(story, staff, history["programme"], quorum="2")
    story.shoot(staff, "4-staff-session-form")
    admin_save(staff)
    session = Session.objects.get(title="Jury du 15 mars")
    assert session.criteria.exists(), "the default grids are added when staff save the session"
    # Convocations and agenda items: set-up rows created with factories (see report).
    for member in history["members"].values():
        ConvocationFactory(session=session, member=member, attendance=Attendance.PRESENT)
    SelectionItemFactory(session=session, application=agents_app)
    SelectionItemFactory(session=session, application=students_app)
    ReviewItemFactory(session=session, project=history["reviewed"])
    agents_item = AgendaItem.objects.get(session=session, application=agents_app)
    students_item = AgendaItem.objects.get(session=session, application=students_app)
    review_item = AgendaItem.objects.get(session=session, project=history["reviewed"])
    assert session.items.count() == 3

    run_session_step(story, staff, session.pk, "Ouvrir la notation")
    story.shoot(staff, "4-staff-scoring-open")

    elue = story.new_page()
    password_sign_in(elue, "elue@agglo.test")
    story.visit(elue, f"/jury/seances/{session.pk}/")
    elue.get_by_role("link", name=AGENTS).click()
    story.check(elue)
    elue.get_by_label("Motif du déport").fill("Je travaille avec la direction de l'habitat.")
    elue.get_by_role("button", name="Je me déporte sur ce point").click()
    elue.get_by_text("Vous vous êtes déporté·e sur ce point.").wait_for()
    story.check(elue)
    story.shoot(elue, "4-member-withdraws")
    for title in (STUDENTS, REVIEWED):
        score_all(story, elue, session.pk, title)
    story.shoot(elue, "4-member-scores")

    for email in ("president@agglo.test", "elu@agglo.test"):
        member = story.new_page()
        password_sign_in(member, email)
        for title in (AGENTS, STUDENTS, REVIEWED):
            score_all(story, member, session.pk, title, value="3" if title == AGENTS else "5")
        if email == "president@agglo.test":
            president = member
    jury_reads_the_report(story, president, session.pk, REVIEWED)

    run_session_step(story, staff, session.pk, "Ouvrir la délibération")
    story.visit(president, f"/jury/seances/{session.pk}/deliberation/")
    ranking = president.inner_text("main")
    assert ranking.index(STUDENTS) < ranking.index(AGENTS)
    story.shoot(president, "4-deliberation")
    decide(
        story,
        president,
        session.pk,
        students_item.pk,
        "selected",
        2,
        0,
        "Un projet porté par des étudiants, utile à tout le campus.",
    )
    decide(
        story,
        president,
        session.pk,
        agents_item.pk,
        "not_selected",
        0,
        2,
        "Le besoin est réel mais la solution reste à préciser.",
    )
    decide(
        story,
        president,
        session.pk,
        review_item.pk,
        "renew",
        3,
        0,
        "Les impacts mesurés justifient six mois de plus.",
    )
    story.shoot(president, "4-decisions")
    story.visit(president, f"/jury/seances/{session.pk}/cloture/")
    president.get_by_role("button", name="Clore la séance et appliquer les décisions").click()
    president.get_by_role("heading", name="Procès-verbal — Jury du 15 mars").wait_for()
    story.check(president)
    minutes = president.inner_text("main")
    assert "elue Test s'est déporté·e" in minutes
    story.shoot(president, "4-minutes")

    # Nothing is public before staff publish.
    laureate = Project.objects.get(application=students_app)
    before = story.new_page()
    assert before.goto(f"/laureats/{laureate.slug}/").status == 404
    sent_before = len(mail.outbox)

    # 5. Staff publish the decisions and the new laureate's page; teams get their e-mails.
    run_session_step(story, staff, session.pk, "Publier les décisions aux équipes et sur le site")
    story.shoot(staff, "5-staff-published-decisions")
    # The new laureate's page went public with the decision: nobody ticks « publié ».
    story.visit(staff, f"/admin/projects/project/{laureate.pk}/change/")
    assert staff.locator("#id_is_published").is_checked()
    story.shoot(staff, "5-staff-published-project")

    decision_mail = mail.outbox[sent_before:]
    subjects = {(m.subject, tuple(m.to)) for m in decision_mail}
    assert (f"Projet lauréat : {STUDENTS}", ("ines.belkacem@etudiant.test",)) in subjects
    assert (f"Projet non retenu : {AGENTS}", ("olivier.petit@agglo.test",)) in subjects
    selected_mail = next(m for m in decision_mail if m.subject.endswith(STUDENTS))
    assert "Un projet porté par des étudiants" in selected_mail.body

    citizen = story.new_page()
    story.visit(citizen, "/")
    home = citizen.inner_text("body")
    assert STUDENTS in home and AGENTS not in home
    story.shoot(citizen, "5-citizen-home")
    citizen.get_by_role("link", name=STUDENTS).first.click()
    citizen.wait_for_url(f"**/laureats/{laureate.slug}/")
    story.check(citizen)
    page_text = citizen.inner_text("main")
    assert "Saison 2" in page_text and "Pré-incubation" in page_text
    assert "Un projet porté par des étudiants, utile à tout le campus." in page_text
    assert "Inès Belkacem" in page_text  # named with her consent
    story.shoot(citizen, "5-citizen-laureate")
    story.visit(citizen, "/laureats/")
    assert STUDENTS in citizen.inner_text("main") and AGENTS not in citizen.inner_text("main")

    response = citizen.request.get("/donnees/laureats.csv")
    assert response.ok
    records = list(csv.reader(io.StringIO(response.text().lstrip("\ufeff"))))
    flat = "\n".join(";".join(row) for row in records)
    assert STUDENTS in flat and AGENTS not in flat and LOCALS not in flat
    sitemap = citizen.request.get("/sitemap-laureates.xml").text()
    assert "/sitemap-laureates.xml" in citizen.request.get("/sitemap.xml").text()
    assert f"/laureats/{laureate.slug}/" in sitemap
    assert "reperage" not in sitemap and "jardins" not in sitemap
    for url in ("/laureats/reperage-solidaire/", "/laureats/jardins-partages-du-rond-point/"):
        assert citizen.goto(url).status == 404

    # 6. The reviewed project's page shows its renewed experimentation and its results.
    reviewed.refresh_from_db()
    assert reviewed.phase == Phase.EXPERIMENTATION
    phone_citizen = story.new_page(phone=True)
    story.visit(phone_citizen, f"/laureats/{reviewed.slug}/")
    timeline = phone_citizen.locator(".tremplin-timeline-experimentation")
    assert timeline.count() == 2
    assert "Les impacts mesurés justifient six mois de plus." in timeline.last.inner_text()
    citizen_reads_the_results(phone_citizen)
    story.shoot(phone_citizen, "6-reviewed-project-renewed")
    staff_read_the_dashboard_and_export(story, staff, STUDENTS)
    staff_read_the_audit_log(story, staff, Project.objects.get(title=STUDENTS))

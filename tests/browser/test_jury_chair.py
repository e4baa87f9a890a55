"""A jury session run by its chair in a real browser (issue 13): staff set it up in the
admin with a substitute chair (the vice-president); the president withdraws from one
pitch; the chair opens the scoring, records everyone's attendance on one screen, opens
the deliberation, withdraws an item from the agenda, reopens one item's scoring; on the
item the president left, the vote is tied and the substitute casts the casting vote;
the chair closes; the minutes say who chaired that item and the PDF downloads.

Every page the chair's work added or changed runs axe (WCAG 2.1 A/AA) and the CSP check.
"""

import hashlib
import re
import subprocess
from pathlib import Path

import pytest

from jury.enums import Attendance, MemberRole, SessionStatus
from jury.models import Session
from projects.enums import ApplicationStatus
from projects.models import Application
from tests.browser.story_steps import (
    PHONE_VIEWPORT,
    admin_save,
    admin_sign_in,
    fill_session_form,
    password_sign_in,
    pick_autocomplete,
    score_all,
)
from tests.editions.factories import CallFactory, EditionFactory
from tests.jury.factories import JuryMemberFactory
from tests.programme.factories import ProgrammeFactory, UserFactory
from tests.projects.factories import ApplicationFactory

pytestmark = pytest.mark.browser

STAFF = "innovation@agglo.test"
RUCHES, REPERAGE, ZAE = "Ruches de l'estuaire", "Repérage solidaire", "ZAE Renouveau"
# (role, first name, last name): the standing jury of the programme.
JURY = {
    "president": (MemberRole.PRESIDENT, "Claire", "Moreau"),
    "vice": (MemberRole.ELECTED_OFFICIAL, "Paul", "Girard"),
    "elue": (MemberRole.ELECTED_OFFICIAL, "Nadia", "Haddad"),
    "late": (MemberRole.QUALIFIED_PERSON, "Luc", "Bernard"),
    "excused": (MemberRole.COUNCIL_PRESIDENT, "Marc", "Petit"),
    "secretary": (MemberRole.SECRETARY, "Sophie", "Lemaire"),
}


def email(key):
    return f"{key}@agglo.test"


def name(key):
    return " ".join(JURY[key][1:])


@pytest.fixture
def jury(transactional_db):
    """The programme, its jury, its staff, and three applications shortlisted for it."""
    programme = ProgrammeFactory(
        name="Appel à innovateur territorial", authority_name="Le Havre Seine Métropole"
    )
    call = CallFactory(edition=EditionFactory(programme=programme, name="Saison 2"))
    UserFactory(email=STAFF, innovation_staff=True)
    members = {
        key: JuryMemberFactory(
            programme=programme,
            role=role,
            public_title="1er vice-président" if key == "vice" else "",
            user=UserFactory(email=email(key), first_name=first, last_name=last),
        )
        for key, (role, first, last) in JURY.items()
    }
    for title in (RUCHES, REPERAGE, ZAE):
        ApplicationFactory(call=call, title=title, shortlisted=True)
    return {"programme": programme, "members": members}


def staff_set_up_the_session(story, staff, jury):
    """The session, its substitute chair, its convocations and agenda, all in the admin."""
    admin_sign_in(story, staff, STAFF)
    fill_session_form(story, staff, jury["programme"], quorum="3")
    pick_autocomplete(staff, "id_substitute_chair", "Girard")
    for index, key in enumerate(JURY):
        staff.locator("#convocations-group .add-row a").click()
        pick_autocomplete(staff, f"id_convocations-{index}-member", JURY[key][2])
    for index, title in enumerate((RUCHES, REPERAGE, ZAE)):
        staff.locator("#items-group .add-row a").click()
        staff.fill(f"#id_items-{index}-position", str(index + 1))
        staff.locator(f"#id_items-{index}-kind").select_option("selection")
        # The picker labels each application with its edition and status.
        staff.locator(f"#id_items-{index}-application").select_option(
            label=f"{title} — Saison 2 — Présélectionnée"
        )
    story.check(staff)
    admin_save(staff)
    session = Session.objects.get(title="Jury du 15 mars")
    assert session.substitute_chair == jury["members"]["vice"]
    assert session.convocations.count() == len(JURY) and session.items.count() == 3
    story.visit(staff, f"/admin/jury/session/{session.pk}/change/")
    return session


def signed_in(story, key):
    page = story.new_page()
    password_sign_in(page, email(key))
    page.wait_for_url(lambda url: "/connexion/" not in url)
    return page


def check_at_both_widths(story, page):
    """axe and the CSP at the desktop width, then on a phone's (the tables scroll)."""
    story.check(page)
    own_size = page.viewport_size
    page.set_viewport_size(PHONE_VIEWPORT)
    try:
        story.check(page)
    finally:
        page.set_viewport_size(own_size)


def click_and_see(story, page, button, message):
    page.get_by_role("button", name=button).click()
    page.get_by_text(message).first.wait_for()
    story.check(page)


def record_attendance(story, president):
    """Everyone's attendance on the one screen: one excused, one arrived after item 1."""
    for key in JURY:
        attendance = Attendance.EXCUSED if key == "excused" else Attendance.PRESENT
        president.get_by_label(f"Présence de {name(key)}").select_option(attendance)
    president.get_by_label(f"{name('late')} arrivé·e après le point n°").fill("1")
    click_and_see(story, president, "Enregistrer les présences", "Présences enregistrées.")
    presence = president.locator("section[aria-labelledby=titre-presence]").inner_text()
    assert "4 membre(s) votant(s) présent(s) ; quorum : 3." in presence
    assert "Quorum atteint" in presence
    assert f"Présidence suppléante : {name('vice')}." in presence
    check_at_both_widths(story, president)
    story.shoot(president, "attendance")


def decide(story, page, session, item, outcome, votes, public):
    """Fill the decision form (``votes``: for, against, abstentions) and submit it."""
    story.visit(page, f"/jury/seances/{session.pk}/points/{item.pk}/decision/")
    page.locator("#id_outcome").select_option(outcome)
    page.locator("#id_public_reasons").fill(public)
    for label, count in zip(("Voix pour", "Voix contre", "Abstentions"), votes, strict=True):
        page.get_by_label(label).fill(str(count))
    page.get_by_role("button", name="Enregistrer la décision").click()


def pdf_text(path):
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True
    ).stdout


def download_minutes(page, tmp_path, label):
    with page.expect_download() as info:
        page.get_by_role("link", name="Télécharger le procès-verbal (PDF)").click()
    target = tmp_path / f"{label}-{info.value.suggested_filename}"
    info.value.save_as(target)
    assert target.read_bytes().startswith(b"%PDF-")
    return target


def test_the_substitute_chairs_the_item_the_president_left_and_casts_the_tie(story, jury, tmp_path):
    staff = story.new_page()
    session = staff_set_up_the_session(story, staff, jury)
    items = {item.application.title: item for item in session.items.select_related("application")}
    deliberation_url = f"/jury/seances/{session.pk}/deliberation/"

    # The president opens the scoring from the chair's screen, then withdraws from a pitch.
    president = signed_in(story, "president")
    story.visit(president, deliberation_url)
    click_and_see(story, president, "Ouvrir la notation", "C'est fait : Notation ouverte.")
    story.visit(president, f"/jury/seances/{session.pk}/points/{items[REPERAGE].pk}/")
    president.get_by_label("Motif du déport").fill("Mon conjoint siège au bureau du porteur.")
    click_and_see(
        story, president, "Je me déporte sur ce point", "Vous vous êtes déporté·e sur ce point."
    )
    for title in (RUCHES, ZAE):
        score_all(story, president, session.pk, title, value="4")

    for key, titles, value in (
        ("vice", (RUCHES, REPERAGE, ZAE), "3"),
        ("elue", (RUCHES, REPERAGE, ZAE), "2"),
        ("late", (REPERAGE,), "5"),
    ):
        member = signed_in(story, key)
        for title in titles:
            score_all(story, member, session.pk, title, value=value)
        if key == "elue":
            elue = member

    # The chair records the attendance on one screen, then opens the deliberation.
    story.visit(president, deliberation_url)
    record_attendance(story, president)
    click_and_see(story, president, "Ouvrir la délibération", "C'est fait : Délibération.")
    ranking = president.inner_text("main")
    assert RUCHES in ranking and REPERAGE not in ranking, "no row for the item she left"
    check_at_both_widths(story, president)
    story.visit(president, f"/jury/seances/{session.pk}/cloture/")
    assert "Points sans décision" in president.inner_text("main")
    assert president.get_by_role("button", name="Clore la séance").is_disabled()

    # The item she withdrew from is not hers to decide: no decision page (so no casting
    # vote), and no line in the ranking she downloads.
    refused = president.goto(f"/jury/seances/{session.pk}/points/{items[REPERAGE].pk}/decision/")
    assert refused.status == 404
    assert "Page introuvable" in president.inner_text("main")
    ranking_csv = president.request.get(f"/jury/seances/{session.pk}/classement.csv")
    assert RUCHES in ranking_csv.text() and REPERAGE not in ranking_csv.text()

    # The chair withdraws a pitch from the frozen agenda, with a reason.
    story.visit(president, deliberation_url)
    president.get_by_role("link", name=f"Retirer de l'ordre du jour — {ZAE}").click()
    president.get_by_role("heading", name=f"Retirer « {ZAE} » de l'ordre du jour").wait_for()
    story.check(president)
    story.shoot(president, "remove-item")
    president.get_by_label("Motif").fill("L'équipe a retiré sa candidature la veille du jury.")
    click_and_see(story, president, "Retirer le point", "Le point 3 est retiré de l'ordre du jour.")
    assert "L'équipe a retiré sa candidature la veille du jury." in president.inner_text("main")

    # The jury questions a team: the chair reopens one item's scoring, a member changes her
    # marks, the chair freezes them again and records the decision.
    story.visit(president, f"/jury/seances/{session.pk}/points/{items[RUCHES].pk}/decision/")
    assert f"Présidence du point : {name('president')}." in president.inner_text("main")
    president.locator("form[action$='/notation/'] textarea[name=reason]").fill(
        "Le jury a interrogé l'équipe sur son budget."
    )
    click_and_see(story, president, "Rouvrir la notation", "La notation du point 1 est rouverte.")
    assert "refermez-la avant d'enregistrer la décision" in president.inner_text("main")
    story.shoot(president, "scoring-reopened")
    score_all(story, elue, session.pk, RUCHES, value="5")
    story.visit(president, f"/jury/seances/{session.pk}/points/{items[RUCHES].pk}/decision/")
    click_and_see(
        story, president, "Figer à nouveau les notes", "Les notes du point 1 sont à nouveau figées."
    )
    decide(story, president, session, items[RUCHES], "selected", (3, 0, 0), "Un projet mûr.")
    president.get_by_text("Décision enregistrée pour le point 1.").wait_for()

    # The substitute chairs the item the president left: he sees its row and her
    # withdrawal; the tie is refused until the casting vote is used, then it is his.
    vice = signed_in(story, "vice")
    story.visit(vice, deliberation_url)
    row = vice.locator("tr", has_text=REPERAGE)
    assert name("president") in row.inner_text(), "her withdrawal is in the row"
    decide(story, vice, session, items[REPERAGE], "selected", (1, 1, 1), "Utile aux quartiers.")
    vice.get_by_text("Égalité des voix : indiquez que la voix prépondérante").wait_for()
    story.check(vice)
    check_at_both_widths(story, vice)
    story.shoot(vice, "tie-refused")
    assert f"Présidence du point : {name('vice')}." in vice.inner_text("main")
    vice.get_by_label("Voix prépondérante utilisée").check()
    vice.get_by_role("button", name="Enregistrer la décision").click()
    vice.get_by_text("Décision enregistrée pour le point 2.").wait_for()
    story.check(vice)
    story.shoot(vice, "substitute-deliberation")
    assert f"présidé par {name('vice')}" in vice.locator("tr", has_text=REPERAGE).inner_text()
    decision = items[REPERAGE].decision
    decision.refresh_from_db()
    assert decision.casting_vote_used and decision.chaired_by == jury["members"]["vice"]

    # The chair closes; her minutes are an extract without the item she left.
    story.visit(president, f"/jury/seances/{session.pk}/cloture/")
    president.get_by_role("button", name="Clore la séance et appliquer les décisions").click()
    president.get_by_role("heading", name="Procès-verbal — Jury du 15 mars").wait_for()
    story.check(president)
    extract = president.inner_text("main")
    assert "Extrait du procès-verbal" in extract and REPERAGE not in extract
    assert REPERAGE not in pdf_text(download_minutes(president, tmp_path, "president"))

    # The substitute's minutes say who chaired that item and how the tie was settled;
    # the PDF he downloads is the stored record whose fingerprint the page shows.
    story.visit(vice, f"/jury/seances/{session.pk}/proces-verbal/")
    minutes = vice.inner_text("main")
    check_at_both_widths(story, vice)
    story.shoot(vice, "minutes")
    assert f"Présidence du point : {name('vice')}, présidence suppléante." in minutes
    assert (
        f"Égalité tranchée par la voix prépondérante de {name('vice')}, qui présidait le point."
        in minutes
    )
    assert f"{name('president')} s'est déporté·e" in minutes
    assert f"Présidence du point : {name('president')}." in minutes
    assert "Retiré de l'ordre du jour" in minutes
    assert f"{name('late')} — Personnalité qualifiée (arrivé·e après le point 1)" in minutes
    pdf = download_minutes(vice, tmp_path, "vice")
    fingerprint = re.search(r"[0-9a-f]{64}", vice.locator(".minutes-fingerprint").inner_text())
    assert fingerprint.group(0) == hashlib.sha256(pdf.read_bytes()).hexdigest()
    text = pdf_text(pdf)
    assert "présidence suppléante" in text and REPERAGE in text
    with vice.expect_download() as info:
        vice.get_by_role("link", name="Télécharger le procès-verbal (HTML)").click()
    # The HTML file to archive, opened on its own, is accessible too.
    archive = story.new_page()
    archive.set_content(Path(info.value.path()).read_text(encoding="utf-8"))
    story.check(archive)
    archived = archive.inner_text("body")
    assert f"Présidence du point : {name('vice')}, présidence suppléante." in archived

    # Once closed, the chair's screens are read-only: the attendance as a list, the
    # decision's fields disabled with the reason.
    story.visit(vice, deliberation_url)
    assert not vice.get_by_role("button", name="Enregistrer les présences").count()
    story.visit(vice, f"/jury/seances/{session.pk}/points/{items[REPERAGE].pk}/decision/")
    assert "La séance est close : ses décisions sont figées." in vice.inner_text("main")
    assert vice.get_by_label("Voix prépondérante utilisée").is_checked()
    assert vice.get_by_label("Voix prépondérante utilisée").is_disabled()

    # Staff read the whole record, its annex and the fingerprint on the session's admin.
    staff_area = story.new_page()
    password_sign_in(staff_area, STAFF)
    story.visit(staff_area, f"/jury/seances/{session.pk}/proces-verbal/")
    assert "Annexe réservée à l'équipe innovation" in staff_area.inner_text("main")
    story.visit(staff, f"/admin/jury/session/{session.pk}/change/")
    assert fingerprint.group(0) in staff.inner_text("#content")

    session.refresh_from_db()
    assert session.status == SessionStatus.CLOSED
    assert set(
        Application.objects.filter(title__in=(RUCHES, REPERAGE)).values_list("status", flat=True)
    ) == {ApplicationStatus.SELECTED}
    assert Application.objects.get(title=ZAE).status == ApplicationStatus.SHORTLISTED

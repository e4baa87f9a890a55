"""With the keyboard only, no click: an applicant from the home page to a draft (through a
wrong password and a refused file), and a juror scoring (through a mark out of range).
At each failure the focus is on the form's one error summary and the title begins with
« Erreur : »; the skip link comes first and the focus stays visible."""

import re

import pytest

from jury.enums import SessionStatus
from jury.models import Score
from jury.services import move_session
from projects.models import Application
from tests.editions.factories import CallFactory
from tests.jury.factories import (
    ConvocationFactory,
    CriterionFactory,
    JuryMemberFactory,
    SelectionItemFactory,
    SessionFactory,
)
from tests.programme.factories import UserFactory
from tests.projects.uploads import WINDOWS_EXECUTABLE

pytestmark = pytest.mark.browser
PASSWORD = "mot-de-passe-de-test"

FOCUSED = """() => {
  const element = document.activeElement;
  const style = getComputedStyle(element);
  return {
    tag: element.tagName,
    id: element.id,
    text: (element.innerText || element.value || "").trim().slice(0, 120),
    href: element.getAttribute("href"),
    summary: element.hasAttribute("data-error-summary"),
    visible: (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0)
      || style.boxShadow !== "none",
  };
}"""


def focused(page):
    return page.evaluate(FOCUSED)


def tab_to(page, wanted, *, limit=80):
    """Press Tab until ``wanted(focused element)``; the focus must show at every step."""
    for _press in range(limit):
        page.keyboard.press("Tab")
        element = focused(page)
        assert element["visible"], f"focus not visible on {element}"
        if wanted(element):
            return element
    raise AssertionError("never reached with Tab")


def enter(page):
    """Enter in a form's field or on its button: the form is sent, the next page loads."""
    with page.expect_navigation():
        page.keyboard.press("Enter")


def assert_error_summary_has_the_focus(page, *expected):
    element = focused(page)
    assert element["summary"], f"the focus is on {element}, not on the error summary"
    assert page.title().startswith("Erreur :")
    summary = page.locator("[data-error-summary]")
    assert summary.get_attribute("role") == "alert"
    for text in expected:
        assert text in summary.inner_text()


@pytest.fixture
def open_call(transactional_db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return CallFactory(open_now=True, edition__slug="saison-3", title="Appel saison 3")


def test_an_applicant_starts_a_draft_with_the_keyboard_only(page, open_call):
    applicant = UserFactory(email="ines.belkacem@etudiant.test")
    page.goto("/")

    assert tab_to(page, lambda element: True, limit=1)["text"] == "Aller au contenu"
    tab_to(page, lambda element: element["href"] == "/appels/saison-3/candidater/")
    enter(page)
    assert re.search(r"/connexion/\?next=", page.url)
    tab_to(page, lambda element: element["text"] == "Se connecter avec un mot de passe")
    enter(page)
    assert re.search(r"/connexion/mot-de-passe/\?next=", page.url)

    assert focused(page)["id"] == "id_username"  # the form's first field
    page.keyboard.type(applicant.email)
    page.keyboard.press("Tab")
    page.keyboard.type("pas-le-bon-mot-de-passe")
    enter(page)
    assert_error_summary_has_the_focus(page, "mot de passe")

    tab_to(page, lambda element: element["id"] == "id_password")
    page.keyboard.type(PASSWORD)
    enter(page)
    assert page.url.endswith("/appels/saison-3/candidater/")
    assert "Vous êtes connecté·e." in page.locator("main").inner_text()

    tab_to(page, lambda element: element["id"] == "id_title")
    page.keyboard.type("Le Havre Étudiant")
    enter(page)
    assert page.url.endswith("/modifier/")
    application = Application.objects.get(title="Le Havre Étudiant")

    page.goto(f"/candidatures/{application.pk}/pieces/")
    tab_to(page, lambda element: element["id"] == "id_file")
    # The file chooser is the system's own window: the file is given as a person picks it.
    page.locator("#id_file").set_input_files(
        files=[{"name": "pitch.pdf", "mimeType": "application/pdf", "buffer": WINDOWS_EXECUTABLE}]
    )
    tab_to(page, lambda element: element["text"] == "Ajouter la pièce")
    enter(page)

    assert_error_summary_has_the_focus(page, "Fichier")
    assert not application.attachments.exists()


@pytest.fixture
def scoring(transactional_db, staff):
    session = SessionFactory(quorum=1)
    juror = ConvocationFactory(
        session=session, member=JuryMemberFactory(programme=session.programme)
    ).member
    criterion = CriterionFactory(session=session, name="Faisabilité", scale_max=5)
    item = SelectionItemFactory(session=session)
    move_session(session, SessionStatus.SCORING, actor=staff)
    return session, juror, criterion, item


def test_a_juror_scores_with_the_keyboard_only(page, scoring):
    session, juror, criterion, item = scoring
    item_path = f"/jury/seances/{session.pk}/points/{item.pk}/"
    page.goto(f"/connexion/mot-de-passe/?next={item_path}")
    page.keyboard.type(juror.user.email)
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    enter(page)
    assert page.url.endswith(item_path)

    mark = f"id_value_{criterion.pk}"
    tab_to(page, lambda element: element["id"] == mark)
    page.keyboard.type("9")
    enter(page)
    assert_error_summary_has_the_focus(page, "Faisabilité")
    assert not Score.objects.exists()

    tab_to(page, lambda element: element["id"] == mark)
    page.keyboard.press("Control+A")
    page.keyboard.type("4")
    enter(page)

    assert "Vos notes sont enregistrées." in page.locator("main").inner_text()
    assert Score.objects.get().value == 4

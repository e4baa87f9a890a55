"""A jury session in a real browser: a member withdraws from one pitch and scores the
others; the president records the decisions and closes; the minutes show the withdrawal."""

import pytest

from jury.enums import Attendance, MemberRole, SessionStatus
from jury.services import move_session
from programme.models import Programme
from projects.enums import ApplicationStatus
from tests.browser.story_steps import password_sign_in
from tests.jury.factories import (
    ConvocationFactory,
    CriterionFactory,
    JuryMemberFactory,
    SelectionItemFactory,
    SessionFactory,
)
from tests.programme.factories import UserFactory

pytestmark = pytest.mark.browser
PASSWORD = "mot-de-passe-de-test"


@pytest.fixture
def session(transactional_db):
    programme = Programme.objects.create(
        name="Appel à innovateur territorial", slug="ait", authority_name="Le Havre Seine Métropole"
    )
    session = SessionFactory(programme=programme, title="Jury du 15 mars")
    for role, email in (
        (MemberRole.PRESIDENT, "president@agglo.test"),
        (MemberRole.ELECTED_OFFICIAL, "elue@agglo.test"),
        (MemberRole.ELECTED_OFFICIAL, "elu@agglo.test"),
    ):
        ConvocationFactory(
            session=session,
            member=JuryMemberFactory(
                programme=programme,
                role=role,
                user=UserFactory(email=email, first_name=email.split("@")[0], last_name="Test"),
            ),
            attendance=Attendance.PRESENT,
        )
    CriterionFactory(session=session, name="Valeur pour le service public")
    for title in ("Ruches de l'estuaire", "Repérage solidaire", "ZAE Renouveau"):
        SelectionItemFactory(session=session, application__title=title)
    move_session(session, SessionStatus.SCORING, actor=UserFactory(innovation_staff=True))
    return session


def sign_in(page, email):
    password_sign_in(page, email)


def test_member_withdraws_scores_and_the_president_decides_and_closes(
    session, page, assert_accessible, assert_no_csp_violation, save_screenshot
):
    sign_in(page, "elue@agglo.test")
    page.goto(f"/jury/seances/{session.pk}/")
    assert_accessible(page)
    page.get_by_role("link", name="ZAE Renouveau").click()
    page.get_by_label("Motif du déport").fill("Lien avec un propriétaire.")
    page.get_by_role("button", name="Je me déporte sur ce point").click()
    page.get_by_text("Vous vous êtes déporté·e sur ce point.").wait_for()
    for title in ("Ruches de l'estuaire", "Repérage solidaire"):
        page.get_by_role("link", name=title).click()
        assert_accessible(page)
        page.get_by_role("spinbutton", name="Valeur pour le service public").fill("4")
        page.get_by_role("button", name="Enregistrer mes notes").click()
        page.get_by_text("Vos notes sont enregistrées.").wait_for()
    assert "1 critère(s) noté(s) sur 1" in page.content()

    move_session(session, SessionStatus.DELIBERATION, actor=UserFactory(innovation_staff=True))
    page.get_by_role("button", name="Se déconnecter").click()
    sign_in(page, "president@agglo.test")
    page.goto(f"/jury/seances/{session.pk}/deliberation/")
    assert_accessible(page)
    assert_no_csp_violation(page)
    for index, item in enumerate(session.items.order_by("position")):
        page.goto(f"/jury/seances/{session.pk}/points/{item.pk}/decision/")
        page.get_by_label("Décision").select_option("selected" if index == 0 else "not_selected")
        page.get_by_label("Voix pour").fill("2" if index == 0 else "0")
        page.get_by_label("Voix contre").fill("0" if index == 0 else "2")
        page.get_by_role("button", name="Enregistrer la décision").click()
        page.get_by_text("Décision enregistrée").wait_for()
    save_screenshot(page)
    page.goto(f"/jury/seances/{session.pk}/cloture/")
    page.get_by_role("button", name="Clore la séance et appliquer les décisions").click()
    page.get_by_role("heading", name="Procès-verbal — Jury du 15 mars").wait_for()
    assert_accessible(page)

    assert "elue Test s'est déporté·e" in page.inner_text("main")
    first = session.items.order_by("position").first().application
    first.refresh_from_db()
    assert first.status == ApplicationStatus.SELECTED

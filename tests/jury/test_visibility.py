"""Who sees what, when: one rule for every page of the jury area and its export.

Before the deliberation opens nobody but the scorer sees a mark, president and secretary
included; a member who withdrew from an item sees nothing of it (its row is absent); the
internal reasons stay with the chair on the decision page and with staff in the minutes'
annex; staff see everything. The PDF of the minutes (a draft for the chair and staff
before the close; then the stored record, or an extract for a member who withdrew) never
holds a mark or an internal reason. Asserted by content: a planted mark (13/20) and a planted
internal reason on one item, and that item's title.
"""

import subprocess
from types import SimpleNamespace

import pytest
from django.db import transaction

from jury.enums import CriterionGrid, MemberRole, Outcome, SessionStatus
from jury.services import declare_conflict, move_session, record_decision, record_score
from tests.jury.factories import (
    CriterionFactory,
    SelectionItemFactory,
    SessionFactory,
    convene_present,
)
from tests.programme.factories import UserFactory

ROLES = ("president", "secretary", "member", "withdrawn", "withdrawn_president", "staff")
STATES = (SessionStatus.SCORING, SessionStatus.DELIBERATION, SessionStatus.CLOSED)
PAGES = ("item", "deliberation", "ranking_csv", "minutes", "minutes_pdf", "decision")
SUBJECT = "Candidature plantée"
INTERNAL_REASON = "Motif interne planté"
MARKS = ("13,00", "13.00")  # the planted mean, as the page and the CSV write it
WITHDRAWN = {"withdrawn", "withdrawn_president"}


def build_session(state, *, president_withdraws):
    """A session in ``state`` on two pitches, the first of them (``SUBJECT``) marked 13/20
    by a scorer, with a decision holding ``INTERNAL_REASON`` from the deliberation on;
    a member withdrew from it, and the president too if ``president_withdraws``."""
    staff = UserFactory(innovation_staff=True)
    session = SessionFactory(quorum=1)
    members = convene_present(
        session,
        {
            "president": MemberRole.PRESIDENT,
            "vice": MemberRole.ELECTED_OFFICIAL,
            "secretary": MemberRole.SECRETARY,
            "member": MemberRole.ELECTED_OFFICIAL,
            "withdrawn": MemberRole.QUALIFIED_PERSON,
            "scorer": MemberRole.ELECTED_OFFICIAL,
        },
    )
    session.substitute_chair = members["vice"]
    session.save()
    planted = SelectionItemFactory(session=session, application__title=SUBJECT)
    other = SelectionItemFactory(session=session, application__title="Autre candidature")
    criterion = CriterionFactory(
        session=session, grid=CriterionGrid.SELECTION, scale_max=20, name="Critère unique"
    )
    move_session(session, SessionStatus.SCORING, actor=staff)
    record_score(planted, member=members["scorer"], criterion=criterion, value=13)
    leaving = ["withdrawn", "president"] if president_withdraws else ["withdrawn"]
    for role in leaving:
        declare_conflict(planted, member=members[role], actor=members[role].user)
    if state != SessionStatus.SCORING:
        move_session(session, SessionStatus.DELIBERATION, actor=staff)
        record_decision(
            planted, outcome=Outcome.SELECTED, actor=staff, private_reasons=INTERNAL_REASON
        )
        record_decision(other, outcome=Outcome.NOT_SELECTED, actor=staff)
    if state == SessionStatus.CLOSED:
        move_session(session, SessionStatus.CLOSED, actor=staff)
    users = {role: member.user for role, member in members.items()}
    users["staff"] = staff
    users["withdrawn_president"] = users["president"]
    return SimpleNamespace(session=session, item=planted, users=users)


@pytest.fixture(scope="module")
def sessions(django_db_setup, django_db_blocker):
    """A session per state, with and without the president's withdrawal, built once for
    the module in a transaction rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        try:
            yield {
                (state, withdraws): build_session(state, president_withdraws=withdraws)
                for state in STATES
                for withdraws in (False, True)
            }
        finally:
            transaction.set_rollback(True)


def path(page, world):
    session, item = world.session.pk, world.item.pk
    return {
        "item": f"/jury/seances/{session}/points/{item}/",
        "deliberation": f"/jury/seances/{session}/deliberation/",
        "ranking_csv": f"/jury/seances/{session}/classement.csv",
        "minutes": f"/jury/seances/{session}/proces-verbal/",
        "minutes_pdf": f"/jury/seances/{session}/proces-verbal.pdf",
        "decision": f"/jury/seances/{session}/points/{item}/decision/",
    }[page]


def read(response):
    """The text of the page, the CSV, or the PDF as ``pdftotext`` reads it."""
    if response.get("Content-Type") != "application/pdf":
        return response.content.decode("utf-8-sig")
    content = b"".join(response.streaming_content) if response.streaming else response.content
    text = subprocess.run(["pdftotext", "-", "-"], input=content, capture_output=True, check=True)
    return text.stdout.decode("utf-8")


def expected_status(role, state, page):
    if page == "minutes":
        return 200 if state == SessionStatus.CLOSED else 404
    if page == "minutes_pdf" and state == SessionStatus.CLOSED:
        return 200
    if page == "item":
        return 404 if role in WITHDRAWN else 200
    if role in {"member", "withdrawn"}:
        return 403
    if page == "decision" and role == "withdrawn_president":
        return 404
    return 200


def sees_the_mark(role, state, page):
    if page not in ("deliberation", "ranking_csv"):
        return False
    marks_open = state in (SessionStatus.DELIBERATION, SessionStatus.CLOSED)
    return role == "staff" or (marks_open and role in {"president", "secretary"})


def sees_the_internal_reason(role, state, page):
    decided = state in (SessionStatus.DELIBERATION, SessionStatus.CLOSED)
    if page == "decision":
        return decided and role in {"president", "secretary", "staff"}
    if page == "minutes":
        return state == SessionStatus.CLOSED and role == "staff"
    return False


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("role", ROLES)
def test_each_role_sees_exactly_what_the_rule_gives_it(db, client, sessions, role, state, page):
    world = sessions[state, role == "withdrawn_president"]
    client.force_login(world.users[role])

    response = client.get(path(page, world))

    body = read(response)
    status = expected_status(role, state, page)
    assert response.status_code == status
    if status != 200:
        return
    assert any(mark in body for mark in MARKS) == sees_the_mark(role, state, page)
    assert (INTERNAL_REASON in body) == sees_the_internal_reason(role, state, page)
    if role in WITHDRAWN:
        assert SUBJECT not in body

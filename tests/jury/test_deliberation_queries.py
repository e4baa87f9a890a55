"""The pages that show a session's ranked items (the deliberation, the session page, the
ranking export) read as many queries for 1 item as for 30, each item marked, withdrawn
from by a member, decided and chaired: everything a row shows is read with the items."""

import html

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from jury.enums import Outcome, SessionStatus
from jury.models import ConflictOfInterest
from jury.services import move_session, record_decision, remove_item, session_refusals
from programme.enums import DecisionSource
from tests.jury.factories import CriterionFactory, JuryMemberFactory, ScoreFactory, SessionFactory
from tests.programme.factories import UserFactory

pytestmark = pytest.mark.django_db


def decided_session(size):
    """A session in deliberation of ``size`` items, each marked by the president, withdrawn
    from by the other member, and decided (chaired by the president), and one more
    withdrawn from the agenda."""
    staff = UserFactory(innovation_staff=True)
    president = JuryMemberFactory(president=True, user__first_name="Paule", user__last_name="Aîné")
    member = JuryMemberFactory(
        programme=president.programme, user__first_name="Marc", user__last_name="Déporté"
    )
    session = SessionFactory(
        programme=president.programme,
        pitches=size + 1,
        convened=[president, member],
        scoring=True,
        moved_by=staff,
    )
    criterion = CriterionFactory(session=session, scale_max=20)
    for item in session.items.all():
        ScoreFactory(item=item, member=president, criterion=criterion, value=14)
        ConflictOfInterest.objects.create(item=item, member=member, declared_by=member.user)
    move_session(session, SessionStatus.DELIBERATION, actor=staff)
    *kept, last = session.items.order_by("position")
    for item in kept:
        record_decision(item, outcome=Outcome.SELECTED, actor=staff)
    remove_item(last, reason="Retirée par l'équipe.", actor=staff)
    return session, president


def counted(client, path):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries), html.unescape(response.content.decode())


@pytest.mark.parametrize("suffix", ["deliberation/", "", "classement.csv"])
def test_the_ranked_pages_read_as_many_queries_for_1_item_as_for_30(client, suffix):
    counts = []
    for size in (1, 30):
        session, president = decided_session(size)
        client.force_login(president.user)
        path = f"/jury/seances/{session.pk}/{suffix}"
        client.get(path)  # the session's sign-in queries happen once
        count, page = counted(client, path)
        counts.append(count)
        # What the rows show: the mean, the withdrawn member, the decision and its chair.
        assert "14" in page
        assert "Marc Déporté" in page
        if suffix != "":
            assert "Lauréate" in page
        if suffix == "deliberation/":
            assert "présidé par Paule Aîné" in page
            assert "Retirée par l'équipe." in page

    assert counts[0] == counts[1]


@pytest.mark.parametrize("chair_withdrew", [False, True])
def test_the_close_refusals_from_the_pages_reads_equal_the_services_own(client, chair_withdrew):
    """The deliberation page gives the close's checks what it read (the agenda, its
    decisions and withdrawals, the convocations); they find what they find alone, and
    read the agenda themselves when the chair withdrew from an item and does not see it."""
    session, president = decided_session(3)  # and a fourth item, off the agenda
    session.quorum = 2
    session.save()
    items = list(session.items.order_by("position"))
    items[1].decision.delete()
    if chair_withdrew:
        ConflictOfInterest.objects.create(
            item=items[2], member=president, declared_by=president.user
        )
    client.force_login(president.user)

    shown = client.get(f"/jury/seances/{session.pk}/deliberation/").context["close_refusals"]

    alone = session_refusals(session, SessionStatus.CLOSED, decided_by=DecisionSource.JURY)
    assert shown == alone
    assert "Points sans décision : 2." in alone
    # The other member withdrew from every item: two voters convened, one sits on each.
    assert any(reason.startswith("Quorum non atteint sur le point 1 :") for reason in alone)

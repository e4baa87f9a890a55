"""The chair's screens: the decision page in every state of the session, the steps,
everyone's attendance on one screen, withdrawing an item from the agenda, reopening an
item's scoring; each with its permission and a query count flat as the agenda grows."""

import html

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from jury.enums import Attendance, Outcome, SessionStatus
from jury.models import AgendaItem, Convocation, Decision
from jury.services import (
    declare_conflict,
    move_session,
    record_decision,
    remove_item,
    reopen_item_scoring,
)
from tests.jury.factories import (
    ConvocationFactory,
    JuryMemberFactory,
    SessionFactory,
)

pytestmark = pytest.mark.django_db
CONSTRAINT_NAMES = ("decision_casting_vote_only_on_tie", "contrainte")


@pytest.fixture
def president():
    return JuryMemberFactory(president=True)


def session_with(president, staff, items=1, **traits):
    session = SessionFactory(
        programme=president.programme,
        pitches=items,
        convened=[president, JuryMemberFactory(programme=president.programme)],
        moved_by=staff,
        **traits,
    )
    return session, session.items.order_by("position").first()


def text(response):
    return html.unescape(response.content.decode())


def decision_path(session, item):
    return f"/jury/seances/{session.pk}/points/{item.pk}/decision/"


def walk():
    """Every state a decision page can meet: the session's four, and in deliberation an
    item decided, one whose scoring is reopened, one withdrawn from the agenda."""
    return [
        "planned",
        "scoring",
        "deliberation",
        "decided",
        "reopened",
        "removed",
        "closed",
    ]


def arrange(state, president, staff):
    traits = {
        "planned": {},
        "scoring": {"scoring": True},
        "closed": {"closed": True, "decisions": [Outcome.SELECTED]},
    }.get(state, {"deliberation": True})
    session, item = session_with(president, staff, **traits)
    if state == "decided":
        record_decision(item, outcome=Outcome.SELECTED, actor=staff, private_reasons="Interne")
    elif state == "reopened":
        reopen_item_scoring(item, reason="Question à l'équipe.", actor=staff)
    elif state == "removed":
        remove_item(item, reason="Candidature retirée.", actor=staff)
    return session, item


EXPECTED_NOTICE = {
    "planned": "Les décisions s'enregistrent pendant la délibération.",
    "scoring": "Les décisions s'enregistrent pendant la délibération.",
    "deliberation": "Enregistrer la décision",
    "decided": "Enregistrer la décision",
    "reopened": "refermez-la avant d'enregistrer la décision",
    "removed": "Ce point a été retiré de l'ordre du jour.",
    "closed": "La séance est close : ses décisions sont figées.",
}


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("state", walk())
def test_no_decision_page_answers_500_in_any_state(client, president, staff, state, method):
    session, item = arrange(state, president, staff)
    client.force_login(president.user)
    before = list(Decision.objects.values_list("item_id", "outcome"))

    # A posted outcome that does not exist: refused wherever the page takes a decision.
    response = getattr(client, method)(decision_path(session, item), {"outcome": "inconnue"})

    assert response.status_code == 200
    assert EXPECTED_NOTICE[state] in text(response)
    assert list(Decision.objects.values_list("item_id", "outcome")) == before


def test_a_casting_vote_without_a_tie_is_refused_in_french_without_a_constraint_name(
    client, president, staff
):
    session, item = session_with(president, staff, deliberation=True)
    client.force_login(president.user)

    response = client.post(
        decision_path(session, item),
        {"outcome": Outcome.SELECTED, "votes_for": 2, "casting_vote_used": "on"},
    )

    body = text(response)
    assert "La voix prépondérante ne sert qu'en cas d'égalité des voix." in body
    assert [name for name in CONSTRAINT_NAMES if name in body] == []
    assert not Decision.objects.exists()


def test_the_decision_page_names_who_chairs_the_item(client, president, staff):
    session, item = session_with(president, staff, deliberation=True)
    client.force_login(president.user)

    body = client.get(decision_path(session, item)).content.decode()

    assert f"Présidence du point : {president.user}." in body


# The steps --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "moved"),
    [("president", True), ("secretary", True), ("member", False), ("staff", True)],
)
def test_the_president_and_the_secretary_open_the_scoring_and_the_deliberation(
    client, president, staff, role, moved
):
    secretary = JuryMemberFactory(programme=president.programme, secretary=True)
    session, _item = session_with(president, staff)
    ConvocationFactory(session=session, member=secretary, attendance=Attendance.PRESENT)
    member = session.convocations.exclude(member__in=[president, secretary]).get().member
    user = {
        "president": president.user,
        "secretary": secretary.user,
        "member": member.user,
        "staff": staff,
    }[role]
    client.force_login(user)

    client.post(f"/jury/seances/{session.pk}/etapes/notation/")
    client.post(f"/jury/seances/{session.pk}/etapes/deliberation/")

    session.refresh_from_db()
    expected = SessionStatus.DELIBERATION if moved else SessionStatus.PLANNED
    assert session.status == expected


def test_an_unknown_step_is_a_404(client, president, staff):
    session, _item = session_with(president, staff)
    client.force_login(president.user)

    response = client.post(f"/jury/seances/{session.pk}/etapes/cloture-express/")

    assert response.status_code == 404


def test_a_step_the_table_refuses_says_why_in_french(client, president, staff):
    session = SessionFactory(programme=president.programme, convened=[president])
    client.force_login(president.user)

    response = client.post(f"/jury/seances/{session.pk}/etapes/notation/", follow=True)

    assert "L'ordre du jour est vide." in text(response)


# Attendance on one screen -----------------------------------------------------------------


def test_the_chair_records_everyones_attendance_on_one_screen(client, president, staff):
    session, _item = session_with(president, staff, items=3, deliberation=True)
    other = session.convocations.exclude(member=president).get().member
    client.force_login(president.user)

    page = client.get(f"/jury/seances/{session.pk}/deliberation/").content.decode()
    client.post(
        f"/jury/seances/{session.pk}/presence/",
        {
            f"attendance_{president.pk}": Attendance.PRESENT,
            f"attendance_{other.pk}": Attendance.PRESENT,
            f"arrived_after_{other.pk}": "2",
        },
    )

    late = Convocation.objects.get(session=session, member=other)
    assert f'name="attendance_{other.pk}"' in page
    assert f'name="arrived_after_{president.pk}"' in page
    assert (late.attendance, late.arrived_after) == (Attendance.PRESENT, 2)


def test_a_wrong_attendance_is_refused_in_french(client, president, staff):
    session, _item = session_with(president, staff, deliberation=True)
    other = session.convocations.exclude(member=president).get().member
    client.force_login(president.user)

    response = client.post(
        f"/jury/seances/{session.pk}/presence/",
        {
            f"attendance_{president.pk}": Attendance.PRESENT,
            f"attendance_{other.pk}": Attendance.EXCUSED,
            f"arrived_after_{other.pk}": "1",
        },
        follow=True,
    )

    assert "Seul un membre présent arrive après un point." in text(response)
    assert Convocation.objects.get(member=other).attendance == Attendance.PRESENT


def test_an_attendance_sheet_missing_a_member_names_them(client, president, staff):
    session, _item = session_with(president, staff, deliberation=True)
    client.force_login(president.user)

    response = client.post(
        f"/jury/seances/{session.pk}/presence/",
        {f"attendance_{president.pk}": Attendance.PRESENT, f"arrived_after_{president.pk}": "x"},
        follow=True,
    )

    body = text(response)
    other = session.convocations.exclude(member=president).get().member
    assert f"Présence de {other.user} : Ce champ est obligatoire." in body
    assert f"{president.user} arrivé·e après le point n° : Saisissez un nombre entier." in body


# Withdrawing an item from the agenda, reopening its scoring ----------------------------


def test_the_chair_withdraws_an_item_from_the_agenda_with_a_reason(client, president, staff):
    session, item = session_with(president, staff, deliberation=True)
    client.force_login(president.user)
    path = f"/jury/seances/{session.pk}/points/{item.pk}/retrait/"

    page = text(client.get(path))
    empty = text(client.post(path, {"reason": " "}))
    client.post(path, {"reason": "Candidature retirée par l'équipe."})

    item.refresh_from_db()
    assert "Retirer le point" in page
    assert "Indiquez le motif." in empty
    assert item.removal_reason == "Candidature retirée par l'équipe."


def test_an_item_withdrawn_from_the_agenda_stays_out_of_the_page_of_a_chair_who_left_it(
    client, sitting, staff
):
    session, people, (left, _kept) = sitting
    declare_conflict(left, member=people["president"], actor=people["president"].user)
    remove_item(left, reason="Motif planté du retrait.", actor=staff)
    path = f"/jury/seances/{session.pk}/deliberation/"

    client.force_login(people["president"].user)
    president_page = text(client.get(path))
    client.force_login(people["vice"].user)
    vice_page = text(client.get(path))

    assert "Motif planté du retrait." in vice_page and str(left.subject) in vice_page
    assert "Motif planté du retrait." not in president_page
    assert str(left.subject) not in president_page


def test_an_item_of_a_planned_session_is_not_withdrawn_from_the_jury_area(client, president, staff):
    session, item = session_with(president, staff)
    client.force_login(president.user)

    response = client.post(
        f"/jury/seances/{session.pk}/points/{item.pk}/retrait/", {"reason": "Trop tôt."}
    )

    item.refresh_from_db()
    assert "modifie dans l'administration de la séance" in text(response)
    assert item.removed_at is None


def test_a_member_cannot_withdraw_an_item_nor_reopen_its_scoring(client, president, staff):
    session, item = session_with(president, staff, deliberation=True)
    member = session.convocations.exclude(member=president).get().member
    client.force_login(member.user)

    removal = client.post(
        f"/jury/seances/{session.pk}/points/{item.pk}/retrait/", {"reason": "Non."}
    )
    reopening = client.post(
        f"/jury/seances/{session.pk}/points/{item.pk}/notation/",
        {"action": "reopen", "reason": "Non."},
    )

    item.refresh_from_db()
    assert (removal.status_code, reopening.status_code) == (403, 403)
    assert (item.removed_at, item.scoring_reopened_at) == (None, None)


def test_the_chair_reopens_an_items_scoring_then_freezes_it(client, president, staff):
    session, item = session_with(president, staff, deliberation=True)
    client.force_login(president.user)
    path = f"/jury/seances/{session.pk}/points/{item.pk}/notation/"

    without_reason = text(client.post(path, {"action": "reopen"}, follow=True))
    client.post(path, {"action": "reopen", "reason": "Question à l'équipe."})
    reopened = AgendaItem.objects.get(pk=item.pk).scoring_reopened_at
    client.post(path, {"action": "freeze"})

    assert "Indiquez pourquoi la notation de ce point est rouverte." in without_reason
    assert reopened is not None
    assert AgendaItem.objects.get(pk=item.pk).scoring_reopened_at is None


# Query counts ------------------------------------------------------------------------------


def count_queries(client, method, path, data=None):
    with CaptureQueriesContext(connection) as queries:
        getattr(client, method)(path, data or {})
    return len(queries)


@pytest.mark.parametrize("page", ["decision", "remove", "attendance", "step"])
def test_the_chairs_screens_keep_a_flat_query_count_from_1_to_30_items(
    client, president, staff, page
):
    counts = []
    for size in (1, 30):
        session, item = session_with(president, staff, items=size, scoring=True)
        if page != "step":
            move_session(session, SessionStatus.DELIBERATION, actor=staff)
        client.force_login(president.user)
        method, path, data = {
            "decision": ("get", f"/jury/seances/{session.pk}/points/{item.pk}/decision/", None),
            "remove": ("get", f"/jury/seances/{session.pk}/points/{item.pk}/retrait/", None),
            "attendance": (
                "post",
                f"/jury/seances/{session.pk}/presence/",
                {
                    f"attendance_{c.member_id}": Attendance.EXCUSED
                    for c in session.convocations.all()
                },
            ),
            "step": ("post", f"/jury/seances/{session.pk}/etapes/deliberation/", None),
        }[page]
        counts.append(count_queries(client, method, path, data))

    assert counts[0] == counts[1]


def test_the_minutes_keep_a_flat_query_count_from_1_to_30_items(client, president, staff):
    counts = []
    for size in (1, 30):
        session, _item = session_with(
            president, staff, items=size, closed=True, decisions=[Outcome.SELECTED] * size
        )
        client.force_login(president.user)
        counts.append(count_queries(client, "get", f"/jury/seances/{session.pk}/proces-verbal/"))

    assert counts[0] == counts[1]

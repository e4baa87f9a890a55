"""The jury area: members score and withdraw; the chair deliberates, closes, and the
minutes show it all."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from jury.enums import Averaging, MemberRole, Outcome, SessionStatus
from jury.models import Decision, Score
from jury.services import (
    choose_averaging,
    declare_conflict,
    move_session,
    record_decision,
    record_score,
)
from programme.lifecycles import Refused
from projects.enums import ApplicationStatus
from tests.jury.factories import (
    CriterionFactory,
    JuryMemberFactory,
    ScoreFactory,
    SelectionItemFactory,
    SessionFactory,
    convene_present,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def jury(staff):
    """A session in scoring with two pitches, a president, two members and a secretary."""
    session = SessionFactory(title="Jury du 15 mars")
    people = convene_present(
        session,
        {
            "president": MemberRole.PRESIDENT,
            "member": MemberRole.ELECTED_OFFICIAL,
            "other": MemberRole.ELECTED_OFFICIAL,
            "secretary": MemberRole.SECRETARY,
        },
    )
    criterion = CriterionFactory(session=session, name="Valeur pour le service public")
    pitches = [
        SelectionItemFactory(session=session, application__title=title)
        for title in ("Ruches de l'estuaire", "Repérage solidaire")
    ]
    move_session(session, SessionStatus.SCORING, actor=staff)
    return session, people, criterion, pitches


def as_member(client, member):
    client.force_login(member.user)
    return client


def test_member_scores_an_item_and_sees_their_progress(client, jury):
    session, people, criterion, (pitch, _other) = jury
    as_member(client, people["member"])

    client.post(
        f"/jury/seances/{session.pk}/points/{pitch.pk}/",
        {f"value_{criterion.pk}": "4", f"comment_{criterion.pk}": "Très utile."},
    )
    content = client.get(f"/jury/seances/{session.pk}/").content.decode()

    score = Score.objects.get()
    assert (score.member, score.value, score.comment) == (people["member"], 4, "Très utile.")
    assert "1 critère(s) noté(s) sur 1" in content


def test_score_outside_the_scale_is_refused_in_french_and_kept(client, jury):
    session, people, criterion, (pitch, _other) = jury
    as_member(client, people["member"])

    response = client.post(
        f"/jury/seances/{session.pk}/points/{pitch.pk}/", {f"value_{criterion.pk}": "9"}
    )

    assert "Assurez-vous que cette valeur est inférieure ou égale à 5." in (
        response.content.decode()
    )
    assert Score.objects.count() == 0


def test_members_do_not_see_others_scores_before_the_deliberation(client, jury, staff):
    session, people, criterion, (pitch, _other) = jury
    record_score(pitch, member=people["other"], criterion=criterion, value=5)
    as_member(client, people["member"])

    before = client.get(f"/jury/seances/{session.pk}/").content.decode()
    move_session(session, SessionStatus.DELIBERATION, actor=staff)
    after = client.get(f"/jury/seances/{session.pk}/").content.decode()

    assert "Moyenne /20" not in before
    assert "Moyenne /20" in after


@pytest.mark.parametrize(
    "path",
    [
        "/jury/seances/{s}/points/{i}/",
        "/jury/seances/{s}/points/{i}/pieces/1/",
    ],
)
def test_a_member_who_withdrew_cannot_reach_the_item(client, jury, path):
    session, people, _criterion, (pitch, _other) = jury
    declare_conflict(pitch, member=people["member"], actor=people["member"].user)
    as_member(client, people["member"])

    response = client.get(path.format(s=session.pk, i=pitch.pk))

    assert response.status_code == 404
    assert "Ruches" not in response.content.decode()


def test_a_member_who_withdrew_cannot_score_the_item(client, jury):
    session, people, criterion, (pitch, _other) = jury
    declare_conflict(pitch, member=people["member"], actor=people["member"].user)
    as_member(client, people["member"])

    response = client.post(
        f"/jury/seances/{session.pk}/points/{pitch.pk}/", {f"value_{criterion.pk}": "5"}
    )

    assert response.status_code == 404
    assert Score.objects.count() == 0


def test_a_president_who_withdrew_cannot_record_the_vote_on_that_item(client, jury, staff):
    session, people, _criterion, (pitch, _other) = jury
    move_session(session, SessionStatus.DELIBERATION, actor=staff)
    declare_conflict(pitch, member=people["president"], actor=people["president"].user)
    as_member(client, people["president"])

    response = client.post(
        f"/jury/seances/{session.pk}/points/{pitch.pk}/decision/",
        {"outcome": Outcome.SELECTED, "votes_for": 2},
    )

    assert response.status_code == 404
    assert Decision.objects.count() == 0


def test_a_member_withdraws_from_the_item_page(client, jury):
    session, people, _criterion, (pitch, _other) = jury
    as_member(client, people["member"])

    client.post(
        f"/jury/seances/{session.pk}/points/{pitch.pk}/deport/", {"reason": "Ma sœur en est."}
    )
    content = client.get(f"/jury/seances/{session.pk}/").content.decode()

    assert pitch.conflicts.get().member == people["member"]
    assert "vous vous êtes déporté·e" in content


def test_someone_not_convened_gets_404_on_the_session(client, jury):
    session, _people, _criterion, _pitches = jury
    client.force_login(JuryMemberFactory().user)

    response = client.get(f"/jury/seances/{session.pk}/")

    assert response.status_code == 404
    assert "Jury du 15 mars" not in response.content.decode()


def test_an_ordinary_member_cannot_open_the_deliberation_screen(client, jury):
    session, people, _criterion, _pitches = jury
    as_member(client, people["member"])

    assert client.get(f"/jury/seances/{session.pk}/deliberation/").status_code == 403


def test_the_president_records_decisions_closes_and_the_minutes_show_the_withdrawal(
    client, jury, staff
):
    session, people, _criterion, (first, second) = jury
    declare_conflict(first, member=people["other"], actor=people["other"].user)
    move_session(session, SessionStatus.DELIBERATION, actor=staff)
    as_member(client, people["president"])

    for pitch, outcome, votes in ((first, "selected", 2), (second, "not_selected", 0)):
        recorded = client.post(
            f"/jury/seances/{session.pk}/points/{pitch.pk}/decision/",
            {
                "outcome": outcome,
                "votes_for": votes,
                "votes_against": 2 - votes,
                "public_reasons": "Motif public.",
                "private_reasons": "Motif interne.",
            },
        )
        assert recorded.status_code == 302, recorded.content.decode()[-3000:]
    client.post(f"/jury/seances/{session.pk}/cloture/")
    again = client.post(f"/jury/seances/{session.pk}/cloture/", follow=True)
    minutes = client.get(f"/jury/seances/{session.pk}/proces-verbal/").content.decode()

    first.application.refresh_from_db()
    second.application.refresh_from_db()
    assert (first.application.status, second.application.status) == (
        ApplicationStatus.SELECTED,
        ApplicationStatus.NOT_SELECTED,
    )
    assert first.application.transitions.count() == 3
    assert "La séance est déjà close." in again.content.decode()
    assert f"{people['other'].user} s'est déporté·e" in minutes
    assert "Vote : 2 pour, 0 contre, 0 abstention(s)." in minutes


def test_a_tie_needs_the_casting_vote_and_only_when_it_is_enabled(jury, staff):
    session, _people, _criterion, (pitch, _other) = jury
    move_session(session, SessionStatus.DELIBERATION, actor=staff)
    tie = {"votes_for": 1, "votes_against": 1}

    with pytest.raises(Refused) as without_casting:
        record_decision(pitch, outcome=Outcome.SELECTED, actor=staff, **tie)
    record_decision(pitch, outcome=Outcome.SELECTED, actor=staff, casting_vote_used=True, **tie)
    session.casting_vote_enabled = False
    session.save()
    pitch.session.refresh_from_db()
    with pytest.raises(Refused) as disabled:
        record_decision(pitch, outcome=Outcome.SELECTED, actor=staff, casting_vote_used=True, **tie)

    assert without_casting.value.reasons == [
        "Égalité des voix : indiquez que la voix prépondérante de la présidence a tranché."
    ]
    assert Decision.objects.get().casting_vote_used is True
    assert disabled.value.reasons == [
        "Égalité des voix, et la voix prépondérante n'est pas prévue : votez à nouveau."
    ]


def test_a_score_cannot_change_from_the_page_after_the_close(client, jury, staff):
    session, people, criterion, pitches = jury
    record_score(pitches[0], member=people["member"], criterion=criterion, value=3)
    move_session(session, SessionStatus.DELIBERATION, actor=staff)
    for pitch in pitches:
        record_decision(pitch, outcome=Outcome.NOT_SELECTED, actor=staff)
    move_session(session, SessionStatus.CLOSED, actor=staff)
    as_member(client, people["member"])

    response = client.post(
        f"/jury/seances/{session.pk}/points/{pitches[0].pk}/", {f"value_{criterion.pk}": "5"}
    )

    assert response.status_code == 403
    assert Score.objects.get().value == 3


def test_the_ranking_export_leaves_out_withdrawn_members(client, jury, staff):
    session, people, criterion, (pitch, _other) = jury
    record_score(pitch, member=people["member"], criterion=criterion, value=5)
    record_score(pitch, member=people["other"], criterion=criterion, value=1)
    Score.objects.filter(member=people["other"]).update(value=0)
    declare_conflict(pitch, member=people["other"], actor=staff)
    move_session(session, SessionStatus.DELIBERATION, actor=staff)
    as_member(client, people["president"])

    lines = (
        client.get(f"/jury/seances/{session.pk}/classement.csv")
        .content.decode("utf-8-sig")
        .splitlines()
    )

    (row,) = [line for line in lines if "Ruches" in line]
    assert ";20,00;0,00;1;" in row
    assert str(people["other"].user) in row


@pytest.mark.parametrize("averaging", [Averaging.RAW, Averaging.NORMALISED])
@pytest.mark.parametrize("page", ["session", "deliberation", "export"])
def test_session_pages_keep_a_flat_query_count_from_1_to_30_items(client, staff, page, averaging):
    president = JuryMemberFactory(president=True)
    session = SessionFactory(pitches=1, convened=[president], moved_by=staff)
    choose_averaging(session, averaging, actor=staff)
    move_session(session, SessionStatus.SCORING, actor=staff)
    move_session(session, SessionStatus.DELIBERATION, actor=staff)
    criterion = CriterionFactory(session=session)
    path = {
        "session": f"/jury/seances/{session.pk}/",
        "deliberation": f"/jury/seances/{session.pk}/deliberation/",
        "export": f"/jury/seances/{session.pk}/classement.csv",
    }[page]

    def fill(item):
        ScoreFactory(item=item, member=president, criterion=criterion)
        declare_conflict(item, member=JuryMemberFactory(), actor=staff)
        record_decision(item, outcome=Outcome.SELECTED, actor=staff)

    fill(session.items.get())
    as_member(client, president)
    with CaptureQueriesContext(connection) as small:
        client.get(path)
    for _ in range(29):
        fill(SelectionItemFactory(session=session))

    with CaptureQueriesContext(connection) as large:
        response = client.get(path)

    assert response.status_code == 200
    assert len(large) == len(small)

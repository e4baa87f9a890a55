"""The averaging of a session (raw mean, or mean normalised per juror), chosen before
scoring opens through ``choose_averaging``, with its audit entry."""

import pytest

from jury.enums import Averaging, SessionStatus
from jury.models import Session
from jury.services import choose_averaging, move_session
from programme.lifecycles import ActionRefused
from programme.models import AuditEntry
from tests.jury.factories import JuryMemberFactory, SessionFactory

pytestmark = pytest.mark.django_db


def test_a_new_session_averages_the_raw_marks():
    assert SessionFactory().averaging == Averaging.RAW


def test_the_averaging_is_chosen_before_scoring_with_an_audit_entry(staff):
    session = SessionFactory()

    choose_averaging(session, Averaging.NORMALISED, actor=staff)

    assert session.averaging == Averaging.NORMALISED  # the caller's copy, without a read
    session.refresh_from_db()
    assert session.averaging == Averaging.NORMALISED
    entry = AuditEntry.objects.get(action="session.choose_averaging")
    assert (entry.actor, entry.object_id) == (staff, str(session.pk))
    assert entry.changes == {"averaging": ["raw", "normalised"]}


def test_choosing_the_same_averaging_again_changes_nothing(staff):
    session = SessionFactory()

    assert choose_averaging(session, Averaging.RAW, actor=staff) is None
    assert not AuditEntry.objects.filter(action="session.choose_averaging").exists()


@pytest.mark.parametrize("status", [SessionStatus.SCORING, SessionStatus.DELIBERATION])
def test_the_averaging_is_refused_in_french_once_scoring_has_opened(staff, status):
    session = SessionFactory(pitches=1, convened=1, moved_by=staff, scoring=True)
    if status == SessionStatus.DELIBERATION:
        move_session(session, status, actor=staff)

    with pytest.raises(ActionRefused) as refused:
        choose_averaging(session, Averaging.NORMALISED, actor=staff)

    assert refused.value.reasons == [
        "Le calcul des moyennes se choisit avant l'ouverture de la notation : il ne change "
        "plus une fois que les membres notent."
    ]
    assert Session.objects.get(pk=session.pk).averaging == Averaging.RAW
    assert not AuditEntry.objects.filter(action="session.choose_averaging").exists()


def test_an_unknown_averaging_is_refused_in_french(staff):
    session = SessionFactory()

    with pytest.raises(ActionRefused) as refused:
        choose_averaging(session, "median", actor=staff)

    assert refused.value.reasons == ["Ce calcul des moyennes n'existe pas."]


def chair_of(session):
    president = JuryMemberFactory(programme=session.programme, president=True)
    session.convocations.create(member=president)
    return president.user


def test_the_president_chooses_the_normalised_mean_from_the_deliberation_page(client):
    session = SessionFactory(pitches=1)
    client.force_login(chair_of(session))
    page = client.get(f"/jury/seances/{session.pk}/deliberation/").content.decode()

    client.post(f"/jury/seances/{session.pk}/moyennes/", {"averaging": "normalised"})

    assert f'action="/jury/seances/{session.pk}/moyennes/"' in page
    assert Session.objects.get(pk=session.pk).averaging == Averaging.NORMALISED


def test_a_choice_after_scoring_opened_is_told_in_french_and_changes_nothing(client, staff):
    session = SessionFactory(pitches=1, convened=1, moved_by=staff, scoring=True)
    client.force_login(chair_of(session))

    response = client.post(
        f"/jury/seances/{session.pk}/moyennes/", {"averaging": "normalised"}, follow=True
    )

    assert "Le calcul des moyennes se choisit avant l&#x27;ouverture" in response.content.decode()
    assert f'action="/jury/seances/{session.pk}/moyennes/"' not in response.content.decode()
    assert Session.objects.get(pk=session.pk).averaging == Averaging.RAW


def test_a_bad_choice_answers_a_french_message_not_a_500(client):
    session = SessionFactory(pitches=1)
    client.force_login(chair_of(session))

    response = client.post(f"/jury/seances/{session.pk}/moyennes/", {"averaging": "x"}, follow=True)

    assert response.status_code == 200
    assert "Ce calcul des moyennes n&#x27;existe pas." in response.content.decode()
    assert Session.objects.get(pk=session.pk).averaging == Averaging.RAW

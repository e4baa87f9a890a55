"""The session's start and its agenda: a session closes from its start on, the agenda is
fixed once scoring opens, and an item withdrawn from it is neither scored nor decided."""

import pytest
from django.core.exceptions import ValidationError

from jury.enums import ItemKind, Outcome, SessionStatus
from jury.models import AgendaItem
from jury.services import (
    declare_conflict,
    move_session,
    record_decision,
    remove_item,
    session_refusals,
)
from programme.enums import DecisionSource
from programme.models import AuditEntry
from projects.enums import ApplicationStatus
from tests.editions.factories import paris
from tests.jury.factories import (
    SelectionItemFactory,
    SessionFactory,
    deliberating,
)
from tests.projects.factories import ApplicationFactory
from tests.projects.helpers import decide_application, refusals

pytestmark = pytest.mark.django_db
STARTS_AT = paris(2022, 3, 15, 14, 0)


def test_a_session_cannot_be_closed_before_it_starts(staff):
    session = SessionFactory(
        starts_at=paris(2026, 12, 8, 14, 0), pitches=1, convened=1, deliberation=True
    )
    record_decision(session.items.get(), outcome=Outcome.SELECTED, actor=staff)

    reasons = refusals(
        lambda: move_session(
            session, SessionStatus.CLOSED, actor=staff, at=paris(2026, 12, 1, 10, 0)
        )
    )

    session.refresh_from_db()
    assert reasons == [
        "La séance commence le 8 décembre 2026 14:00 : elle ne peut pas être close avant."
    ]
    assert (session.status, session.items.get().application.status) == (
        SessionStatus.DELIBERATION,
        ApplicationStatus.SHORTLISTED,
    )


def test_a_session_closes_from_its_start_on(staff):
    session = SessionFactory(starts_at=STARTS_AT, pitches=1, convened=1, deliberation=True)
    record_decision(session.items.get(), outcome=Outcome.SELECTED, actor=staff)

    closed = move_session(session, SessionStatus.CLOSED, actor=staff, at=STARTS_AT)

    assert closed.status == SessionStatus.CLOSED


# The agenda --------------------------------------------------------------------------------


def test_an_agenda_change_after_scoring_opened_is_refused(staff):
    session = SessionFactory(pitches=1, scoring=True, moved_by=staff)
    item = session.items.get()
    item.application = ApplicationFactory(shortlisted=True)

    with pytest.raises(ValidationError) as refused:
        item.full_clean()

    assert refused.value.messages == [
        "L'ordre du jour est figé depuis l'ouverture de la notation : un point ne change plus "
        "d'objet ni de sujet, et aucun point ne s'ajoute. Retirez-le de l'ordre du jour avec "
        "un motif."
    ]


def test_no_item_is_added_to_the_agenda_once_scoring_opened(staff):
    session = SessionFactory(pitches=1, scoring=True, moved_by=staff)
    item = AgendaItem(
        session=session,
        position=2,
        kind=ItemKind.SELECTION,
        application=ApplicationFactory(shortlisted=True),
    )

    with pytest.raises(ValidationError):
        item.full_clean()


@pytest.mark.parametrize(
    ("kind", "status", "accepted"),
    [
        (ItemKind.SELECTION, ApplicationStatus.SHORTLISTED, True),
        (ItemKind.SELECTION, ApplicationStatus.SUBMITTED, False),
        (ItemKind.SHORTLIST, ApplicationStatus.SUBMITTED, True),
        (ItemKind.SHORTLIST, ApplicationStatus.SHORTLISTED, False),
    ],
)
def test_the_agenda_takes_only_an_application_the_item_can_decide(kind, status, accepted):
    application = ApplicationFactory(**{status: True})
    item = AgendaItem(session=SessionFactory(), position=1, kind=kind, application=application)

    try:
        item.full_clean()
    except ValidationError:
        assert not accepted
    else:
        assert accepted


def test_an_item_withdrawn_from_the_agenda_lets_the_session_close(sitting, staff):
    session, _people, (pitch, gone) = sitting
    record_decision(pitch, outcome=Outcome.SELECTED, actor=staff)
    decide_application(
        gone.application, ApplicationStatus.WITHDRAWN, decided_by=DecisionSource.TEAM
    )
    blocked = refusals(lambda: move_session(session, SessionStatus.CLOSED, actor=staff))

    remove_item(gone, reason="La candidature a été retirée par l'équipe.", actor=staff)
    move_session(session, SessionStatus.CLOSED, actor=staff)

    session.refresh_from_db()
    gone.refresh_from_db()
    assert blocked == ["Points sans décision : 2."]
    assert session.status == SessionStatus.CLOSED
    assert (gone.removed_by, gone.removal_reason) == (
        staff,
        "La candidature a été retirée par l'équipe.",
    )
    assert session.minutes["items"][1] == {
        "position": 2,
        "kind": ItemKind.SELECTION,
        "subject": str(gone.application),
        "removed": True,
        "removal_reason": "La candidature a été retirée par l'équipe.",
    }
    (entry,) = AuditEntry.objects.filter(action="jury.remove_item")
    assert (entry.actor, entry.reason) == (staff, "La candidature a été retirée par l'équipe.")


def both_selected_then_one_withdrawn(sitting, staff):
    """The session of ``sitting`` with both its items selected, then the second
    application withdrawn by its team: « Lauréate » no longer applies to it."""
    session, _people, (pitch, other) = sitting
    record_decision(pitch, outcome=Outcome.SELECTED, actor=staff)
    record_decision(other, outcome=Outcome.SELECTED, actor=staff)
    decide_application(
        other.application, ApplicationStatus.WITHDRAWN, decided_by=DecisionSource.TEAM
    )
    return session


def test_a_decision_its_subject_can_no_longer_take_is_named_before_the_close(sitting, staff):
    session = both_selected_then_one_withdrawn(sitting, staff)

    reasons = refusals(lambda: move_session(session, SessionStatus.CLOSED, actor=staff))

    assert reasons == ["Point 2 : La candidature est « Retirée » : « Lauréate » ne s'applique pas."]


def on_the_agenda(session):
    """The items on the agenda as the deliberation page reads them for the close's checks."""
    items = session.items.on_agenda().select_related("decision", "application", "project")
    return list(items.order_by("position"))


def test_a_decision_its_subject_can_no_longer_take_is_named_from_the_agenda_read(sitting, staff):
    session = both_selected_then_one_withdrawn(sitting, staff)

    reasons = session_refusals(
        session,
        SessionStatus.CLOSED,
        decided_by=DecisionSource.JURY,
        agenda=on_the_agenda(session),
        conflicts={},
    )

    session.refresh_from_db()
    assert reasons == ["Point 2 : La candidature est « Retirée » : « Lauréate » ne s'applique pas."]
    assert session.status == SessionStatus.DELIBERATION


def test_the_agenda_read_without_its_conflicts_lets_the_close_read_the_withdrawals(sitting, staff):
    session, people, (pitch, other) = sitting
    session.quorum = 4
    session.save()
    declare_conflict(other, member=people["member"], actor=people["member"].user)
    record_decision(pitch, outcome=Outcome.SELECTED, actor=staff)

    reasons = session_refusals(
        session, SessionStatus.CLOSED, decided_by=DecisionSource.JURY, agenda=on_the_agenda(session)
    )

    assert reasons == [
        "Points sans décision : 2.",
        "Quorum non atteint sur le point 2 : 3 membre(s) votant(s) présent(s) sans déport, "
        "4 requis.",
    ]


def test_the_items_left_undecided_are_named_by_their_place_on_the_agenda(staff):
    session = SessionFactory(starts_at=STARTS_AT)
    # Created in the reverse of their running order.
    SelectionItemFactory(session=session, position=5)
    SelectionItemFactory(session=session, position=3)
    deliberating(session, staff)

    reasons = refusals(lambda: move_session(session, SessionStatus.CLOSED, actor=staff))

    session.refresh_from_db()
    assert reasons == ["Points sans décision : 3, 5."]
    assert session.status == SessionStatus.DELIBERATION


@pytest.mark.parametrize("reason", ["", "  "])
def test_withdrawing_an_item_from_the_agenda_needs_a_reason(sitting, staff, reason):
    _session, _people, (pitch, _other) = sitting

    reasons = refusals(lambda: remove_item(pitch, reason=reason, actor=staff))

    pitch.refresh_from_db()
    assert reasons == ["Indiquez le motif du retrait de l'ordre du jour."]
    assert pitch.removed_at is None


def test_an_item_withdrawn_from_the_agenda_is_neither_scored_nor_decided(sitting, staff):
    _session, _people, (pitch, _other) = sitting
    remove_item(pitch, reason="Hors délai.", actor=staff)

    reasons = refusals(lambda: record_decision(pitch, outcome=Outcome.SELECTED, actor=staff))
    again = remove_item(pitch, reason="Deux fois.", actor=staff)

    assert reasons == ["Ce point a été retiré de l'ordre du jour."]
    assert again is None


def test_the_agenda_of_a_planned_session_changes_in_the_admin_not_by_withdrawal(staff):
    item = SelectionItemFactory()

    reasons = refusals(lambda: remove_item(item, reason="Trop tôt.", actor=staff))

    assert reasons == [
        "Avant l'ouverture de la notation, l'ordre du jour se modifie dans l'administration "
        "de la séance."
    ]

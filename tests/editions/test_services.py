from decimal import Decimal

import pytest

from editions.enums import Phase
from editions.models import Call
from editions.services import add_default_phases, save_call
from programme.models import AuditEntry
from tests.editions.factories import CLOSES_AT, OPENS_AT, CallFactory, EditionFactory, paris
from tests.programme.factories import UserFactory
from tests.projects.factories import ApplicationFactory

pytestmark = pytest.mark.django_db


def test_default_phases_fill_only_the_missing_rows_and_say_so_in_the_log():
    edition = EditionFactory(without_phases=True)
    edition.phases.create(phase=Phase.PRE_INCUBATION, months=4, days_per_week=Decimal("1.5"))
    staff = UserFactory(innovation_staff=True)

    created = add_default_phases(edition, actor=staff)

    assert [(row.phase, row.months) for row in created] == [(Phase.EXPERIMENTATION, 6)]
    assert [(s.phase, s.months) for s in edition.phase_settings] == [
        (Phase.PRE_INCUBATION, 4),
        (Phase.EXPERIMENTATION, 6),
    ]
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.actor, entry.changes) == (
        "edition.add_default_phases",
        staff,
        {"phases": [["pre_incubation"], ["experimentation", "pre_incubation"]]},
    )


def test_default_phases_of_a_complete_edition_change_nothing():
    edition = EditionFactory()

    assert add_default_phases(edition, actor=None) == []
    assert AuditEntry.objects.count() == 0
    assert edition.phases.count() == 2


# save_call: the call admin's save, with the record of a moved closing.


def closing_moves():
    return AuditEntry.objects.filter(action="call.move_closing")


def test_a_new_call_is_saved_without_a_closing_move_in_the_log(staff):
    edition = EditionFactory()
    call = Call(edition=edition, title="Appel 2022", opens_at=OPENS_AT, closes_at=CLOSES_AT)

    save_call(call, actor=staff, warnings=["Un avertissement sans objet."])

    assert Call.objects.get(edition=edition).title == "Appel 2022"
    assert not closing_moves().exists()


def test_a_call_changed_but_not_its_closing_is_saved_without_a_closing_move(staff):
    call = CallFactory()
    call.title = "Appel renommé"

    save_call(call, actor=staff)

    assert Call.objects.get(pk=call.pk).title == "Appel renommé"
    assert not closing_moves().exists()


def test_a_moved_closing_is_logged_from_and_to_in_paris_time_with_every_warning(staff):
    call = CallFactory()
    ApplicationFactory(call=call, submitted=True)
    call.closes_at = paris(2022, 1, 10, 12, 30)
    warnings = call.closing_change_warnings(call.closes_at)

    save_call(call, actor=staff, warnings=warnings)

    entry = closing_moves().get()
    assert (entry.actor, entry.object_id) == (staff, str(call.pk))
    assert entry.changes == {
        "closes_at": ["2022-01-31T23:59:59+01:00", "2022-01-10T12:30:00+01:00"]
    }
    assert entry.reason == (
        "La nouvelle clôture est déjà passée : l'appel sera clos aussitôt. "
        "La nouvelle clôture précède un dépôt déjà fait, le 15 janvier 2022 18:00."
    )
    assert Call.objects.get(pk=call.pk).closes_at == paris(2022, 1, 10, 12, 30)

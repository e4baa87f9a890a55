"""Staff set each phase of an edition in its admin page, starting from the kinds' defaults."""

from decimal import Decimal

import pytest

from editions.enums import Phase
from editions.models import Edition
from programme.models import AuditEntry
from tests.editions.factories import EditionFactory
from tests.programme.factories import ProgrammeFactory

pytestmark = pytest.mark.django_db
ADD = "/admin/editions/edition/add/"


def add_form(programme, phases):
    """The add form as a browser posts it: ``phases`` are the inline rows as shown."""
    data = {
        "programme": programme.pk,
        "number": 3,
        "name": "Saison 3",
        "year": 2023,
        "slug": "saison-3",
        "phases-TOTAL_FORMS": len(phases),
        "phases-INITIAL_FORMS": 0,
        "call-TOTAL_FORMS": 0,
        "call-INITIAL_FORMS": 0,
    }
    for index, row in enumerate(phases):
        data.update({f"phases-{index}-{field}": value for field, value in row.items()})
    return data


def shown(phase, months, days, place=""):
    return {"phase": phase, "months": months, "days_per_week": days, "place": place}


def settings_of(edition):
    return [(row.phase, row.months, row.days_per_week, row.place) for row in edition.phase_settings]


def test_add_page_shows_every_phase_with_its_defaults(staff_client):
    response = staff_client.get(ADD)

    formset = next(
        f for f in response.context["inline_admin_formsets"] if f.formset.prefix == "phases"
    )
    assert [form.initial for form in formset.formset.forms] == [
        {"phase": Phase.PRE_INCUBATION, "months": 3, "days_per_week": Decimal("1.0")},
        {"phase": Phase.EXPERIMENTATION, "months": 6, "days_per_week": Decimal("2.0")},
    ]
    assert "Phases de l&#x27;édition" in response.content.decode()


def test_adding_an_edition_keeps_the_phases_as_staff_left_them(staff_client):
    programme = ProgrammeFactory()
    phases = [
        shown(Phase.PRE_INCUBATION, 3, "1.0", "Cité numérique"),
        shown(Phase.EXPERIMENTATION, 6, "2.0"),
    ]

    response = staff_client.post(ADD, add_form(programme, phases))

    assert response.status_code == 302
    edition = Edition.objects.get(slug="saison-3")
    assert settings_of(edition) == [
        (Phase.PRE_INCUBATION, 3, Decimal("1.0"), "Cité numérique"),
        (Phase.EXPERIMENTATION, 6, Decimal("2.0"), ""),
    ]
    assert edition.phases.count() == 2
    entry = AuditEntry.objects.get(action="edition.add_default_phases")
    assert (entry.actor, entry.changes) == (
        staff_client.staff,
        {"phases": [["pre_incubation"], ["experimentation", "pre_incubation"]]},
    )


def test_adding_an_edition_with_a_changed_phase_gets_the_others_defaults(staff_client):
    programme = ProgrammeFactory()
    phases = [shown(Phase.EXPERIMENTATION, 9, "2.5")]

    staff_client.post(ADD, add_form(programme, phases))

    assert settings_of(Edition.objects.get(slug="saison-3")) == [
        (Phase.PRE_INCUBATION, 3, Decimal("1.0"), ""),
        (Phase.EXPERIMENTATION, 9, Decimal("2.5"), ""),
    ]


def test_a_phase_out_of_range_is_refused_in_french(staff_client):
    programme = ProgrammeFactory()
    phases = [shown(Phase.PRE_INCUBATION, 30, "6.0")]

    response = staff_client.post(ADD, add_form(programme, phases))

    assert response.status_code == 200
    content = response.content.decode()
    assert "Assurez-vous que cette valeur est inférieure ou égale à 24." in content
    assert not Edition.objects.filter(slug="saison-3").exists()


def test_change_page_lists_the_rows_without_a_way_to_delete_one(staff_client):
    edition = EditionFactory(phases={Phase.EXPERIMENTATION: {"months": 9}})

    response = staff_client.get(f"/admin/editions/edition/{edition.pk}/change/")

    formset = next(
        f for f in response.context["inline_admin_formsets"] if f.formset.prefix == "phases"
    )
    assert [(form.instance.phase, form.instance.months) for form in formset.formset.forms] == [
        (Phase.PRE_INCUBATION, 3),
        (Phase.EXPERIMENTATION, 9),
    ]
    assert not formset.formset.can_delete

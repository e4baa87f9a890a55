"""« Préparer la saison suivante »: a new edition copied from the last one, on new dates."""

import datetime
from decimal import Decimal

import pytest

from editions import services
from editions.enums import Phase
from editions.models import Call, Edition, EditionPhase, RequiredDocument
from editions.services import prepare_next_season
from programme.lifecycles import ActionRefused
from programme.models import AuditEntry
from tests.editions.factories import CallFactory, EditionFactory, paris
from tests.programme.factories import UserFactory

pytestmark = pytest.mark.django_db
SKIPPED = {"id", "created_at", "updated_at"}


def values(obj, *, leave_out=()):
    """Every concrete field of ``obj`` but its identity and those in ``leave_out``."""
    return {
        field.attname: getattr(obj, field.attname)
        for field in obj._meta.concrete_fields
        if field.name not in SKIPPED | set(leave_out)
    }


@pytest.fixture
def source():
    edition = EditionFactory(
        number=3,
        year=2023,
        name="Saison 3 — 2023",
        slug="saison-2023",
        summary="Une saison pour les services de proximité.",
        phases={Phase.PRE_INCUBATION: {"months": 4, "place": "Cité numérique"}},
    )
    edition.coaches.set([UserFactory(), UserFactory()])
    call = CallFactory(
        edition=edition,
        title="Appel 2023",
        offer="Trois mois de pré-incubation.",
        eligibility="Tout agent de la collectivité.",
        rules="Le règlement complet.",
        min_team_size=2,
        max_team_size=5,
    )
    RequiredDocument.objects.create(call=call, position=1, name="Support de présentation")
    RequiredDocument.objects.create(
        call=call, position=2, name="Accord du ou de la responsable", is_mandatory=False
    )
    return edition


CLOSES_AT = paris(2025, 1, 31, 23, 59, 59)


def prepare(source, actor, slug="saison-2024", closes_at=CLOSES_AT):
    return prepare_next_season(
        source,
        actor=actor,
        name="Saison 4 — 2024",
        slug=slug,
        year=2024,
        call_title="Appel 2024",
        opens_at=paris(2024, 12, 1, 0, 0),
        closes_at=closes_at,
    )


def test_next_season_copies_every_setting_but_dates_address_and_publication(source, staff):
    season = prepare(source, staff)

    assert values(season, leave_out={"number", "name", "year", "slug", "is_published"}) == values(
        source, leave_out={"number", "name", "year", "slug", "is_published"}
    )
    assert (season.number, season.name, season.year, season.slug, season.is_published) == (
        4,
        "Saison 4 — 2024",
        2024,
        "saison-2024",
        False,
    )
    assert sorted(season.coaches.values_list("pk", flat=True)) == sorted(
        source.coaches.values_list("pk", flat=True)
    )
    assert [values(row, leave_out={"edition"}) for row in season.phases.all()] == [
        values(row, leave_out={"edition"}) for row in source.phases.all()
    ]
    call, source_call = season.call, source.call
    changed = {"edition", "title", "opens_at", "closes_at", "is_published"}
    assert values(call, leave_out=changed) == values(source_call, leave_out=changed)
    assert (call.title, call.opens_at, call.closes_at, call.is_published) == (
        "Appel 2024",
        paris(2024, 12, 1, 0, 0),
        paris(2025, 1, 31, 23, 59, 59),
        False,
    )
    assert [values(doc, leave_out={"call"}) for doc in call.required_documents.all()] == [
        values(doc, leave_out={"call"}) for doc in source_call.required_documents.all()
    ]


def test_next_season_shares_no_row_with_its_source(source, staff):
    season = prepare(source, staff)

    assert season.pk != source.pk
    assert set(season.phases.values_list("pk", flat=True)).isdisjoint(
        source.phases.values_list("pk", flat=True)
    )
    assert season.call.pk != source.call.pk
    assert set(season.call.required_documents.values_list("pk", flat=True)).isdisjoint(
        source.call.required_documents.values_list("pk", flat=True)
    )
    # Changing the copy leaves the source as it was.
    season.coaches.clear()
    season.phases.update(months=12)
    season.call.required_documents.update(description="Autre description")
    assert source.coaches.count() == 2
    assert sorted(source.phases.values_list("months", flat=True)) == [4, 6]
    assert list(source.call.required_documents.values_list("description", flat=True)) == [
        "",
        "",
    ]


def test_next_season_of_an_edition_without_rows_gets_the_default_phases(staff):
    source = EditionFactory(without_phases=True)

    season = prepare(source, staff)

    assert [(row.phase, row.months, row.days_per_week) for row in season.phases.all()] == [
        (Phase.PRE_INCUBATION, 3, Decimal("1.0")),
        (Phase.EXPERIMENTATION, 6, Decimal("2.0")),
    ]
    assert Call.objects.get(edition=season).title == "Appel 2024"


def test_next_season_audit_entry_names_the_actor_and_the_source(source, staff):
    season = prepare(source, staff)

    entry = AuditEntry.objects.get(action="edition.prepare_next_season")
    assert (entry.actor, entry.object_id, entry.changes, entry.reason) == (
        staff,
        str(season.pk),
        {"source": [None, {"id": source.pk, "name": "Saison 3 — 2023"}]},
        "Préparée à partir de l'édition « Saison 3 — 2023 ».",
    )


def test_next_season_with_a_taken_slug_is_refused_in_french(source, staff):
    prepare(source, staff)

    with pytest.raises(ActionRefused) as refused:
        prepare(source, staff)

    assert refused.value.reasons == ["Une édition porte déjà l'identifiant d'URL « saison-2024 »."]
    assert Edition.objects.count() == 2


def test_next_season_closing_when_it_opens_is_refused_in_french(source, staff):
    with pytest.raises(ActionRefused) as refused:
        prepare(source, staff, closes_at=paris(2024, 12, 1, 0, 0))

    assert refused.value.reasons == ["La clôture de l'appel doit venir après son ouverture."]
    assert list(Edition.objects.all()) == [source]


def test_next_season_with_a_taken_slug_and_a_closing_too_early_gives_both_reasons(source, staff):
    with pytest.raises(ActionRefused) as refused:
        prepare(source, staff, slug="saison-2023", closes_at=paris(2024, 11, 30, 23, 59, 59))

    assert refused.value.reasons == [
        "Une édition porte déjà l'identifiant d'URL « saison-2023 ».",
        "La clôture de l'appel doit venir après son ouverture.",
    ]
    assert list(Edition.objects.all()) == [source]


def test_a_slug_taken_between_the_check_and_the_save_is_refused_in_french(
    source, staff, monkeypatch
):
    check = services.next_season_refusals
    checked = []

    def a_rival_takes_the_slug_after_the_first_check(**values):
        refusals = check(**values)
        if not checked:
            EditionFactory(slug=values["slug"], name="Saison concurrente")
        checked.append(values["slug"])
        return refusals

    monkeypatch.setattr(
        services, "next_season_refusals", a_rival_takes_the_slug_after_the_first_check
    )

    with pytest.raises(ActionRefused) as refused:
        prepare(source, staff)

    assert refused.value.reasons == ["Une édition porte déjà l'identifiant d'URL « saison-2024 »."]
    assert checked == ["saison-2024", "saison-2024"]
    # The rival was made inside the service's transaction, which the refusal rolls back.
    assert list(Edition.objects.all()) == [source]
    assert not AuditEntry.objects.filter(action="edition.prepare_next_season").exists()


def test_next_season_and_its_call_are_dated_when_prepared_not_as_their_source(source, staff):
    long_ago = paris(2020, 6, 1, 9, 0)
    Edition.objects.filter(pk=source.pk).update(created_at=long_ago, updated_at=long_ago)
    Call.objects.filter(edition=source).update(created_at=long_ago, updated_at=long_ago)

    season = prepare(source, staff)

    stamps = [season.created_at, season.updated_at, season.call.created_at, season.call.updated_at]
    assert all(stamp > long_ago for stamp in stamps)


# The admin screen.


def url(edition):
    return f"/admin/editions/edition/{edition.pk}/saison-suivante/"


def test_next_season_form_starts_from_the_source_a_year_on(source, staff_client):
    response = staff_client.get(url(source))

    assert response.context["form"].initial == {
        "name": "Saison 3 — 2024",
        "slug": "saison-2024",
        "year": 2024,
        "call_title": "Appel 2024",
        "opens_on": datetime.date(2022, 12, 1),
        "closes_on": datetime.date(2023, 1, 31),
    }
    assert "Préparer la saison suivante" in response.content.decode()


def test_edition_page_links_to_next_season(source, staff_client):
    response = staff_client.get(f"/admin/editions/edition/{source.pk}/change/")

    assert f'href="{url(source)}"' in response.content.decode()


FORM = {
    "name": "Saison 4",
    "slug": "saison-4",
    "year": "2024",
    "call_title": "Appel 2024",
    "opens_on": "2024-12-01",
    "closes_on": "2025-01-31",
}


def test_next_season_post_creates_the_season_and_opens_its_page(source, staff_client):
    response = staff_client.post(url(source), FORM)

    season = Edition.objects.get(slug="saison-4")
    assert response.status_code == 302
    assert response["Location"] == f"/admin/editions/edition/{season.pk}/change/"
    assert (season.call.opens_at, season.call.closes_at) == (
        paris(2024, 12, 1, 0, 0),
        paris(2025, 1, 31, 23, 59, 59),
    )
    assert AuditEntry.objects.get(action="edition.prepare_next_season").actor == staff_client.staff


def test_next_season_second_click_with_the_same_slug_is_refused_in_french(source, staff_client):
    staff_client.post(url(source), FORM)

    response = staff_client.post(url(source), FORM)

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "slug": ["Une édition porte déjà l'identifiant d'URL « saison-4 »."]
    }
    assert Edition.objects.filter(slug="saison-4").count() == 1


def test_next_season_with_closing_before_opening_is_refused_in_french(source, staff_client):
    response = staff_client.post(url(source), {**FORM, "closes_on": "2024-11-30"})

    assert response.context["form"].errors == {
        "closes_on": ["La clôture de l'appel doit venir après son ouverture."]
    }
    assert not Edition.objects.filter(slug="saison-4").exists()


@pytest.mark.parametrize("role", ["staff_without_permission", "jury_member", "coach", "applicant"])
def test_next_season_is_refused_to_other_roles(client_as, world, role):
    edition = world.draft.call.edition
    before = Edition.objects.count()

    response = client_as(role).post(url(edition), FORM)

    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert response["Location"].startswith("/admin/login/")
    assert Edition.objects.count() == before
    assert "Préparer la saison suivante" not in response.content.decode()


def test_edition_page_lets_staff_edit_the_call_texts(source, staff_client):
    response = staff_client.get(f"/admin/editions/edition/{source.pk}/change/")

    content = response.content.decode()
    for field in ("offer", "eligibility", "rules"):
        assert f'name="call-0-{field}"' in content
    assert "Tout agent de la collectivité." in content
    assert EditionPhase.objects.filter(edition=source).count() == 2


def test_next_season_action_on_one_edition_opens_its_form(source, staff_client):
    response = staff_client.post(
        "/admin/editions/edition/",
        {"action": "prepare_next_season", "_selected_action": [source.pk]},
    )

    assert response.status_code == 302
    assert response["Location"] == url(source)


def test_next_season_action_on_two_editions_asks_for_one_in_french(source, staff_client):
    other = EditionFactory()

    response = staff_client.post(
        "/admin/editions/edition/",
        {"action": "prepare_next_season", "_selected_action": [source.pk, other.pk]},
        follow=True,
    )

    assert [str(message) for message in response.context["messages"]] == [
        "Choisissez une seule édition : la saison suivante part d'une édition."
    ]
    assert Edition.objects.count() == 2

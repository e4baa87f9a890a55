import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from editions.enums import Phase
from editions.models import RequiredDocument
from tests.editions.factories import CallFactory, EditionFactory, paris

pytestmark = pytest.mark.django_db


def test_call_page_tells_the_offer_the_deadline_in_paris_time_and_the_documents(client):
    now = timezone.now()
    call = CallFactory(
        title="Appel à innovateur territorial — saison 3",
        opens_at=now - datetime.timedelta(days=1),
        closes_at=paris(now.year + 1, 1, 31, 23, 59, 59),
        offer="Trois mois de pré-incubation à la Cité numérique.",
    )
    RequiredDocument.objects.create(call=call, name="Présentation du projet (pitch)")

    content = client.get(f"/appels/{call.edition.slug}/").content.decode()

    assert "Appel ouvert" in content
    assert f"jusqu'au 31 janvier {now.year + 1} à 23:59 (heure de Paris)" in content
    assert "Trois mois de pré-incubation à la Cité numérique." in content
    assert "Présentation du projet (pitch)" in content
    assert f'href="/appels/{call.edition.slug}/candidater/"' in content


def test_closed_call_page_offers_no_way_to_apply(client):
    call = CallFactory()

    content = client.get(f"/appels/{call.edition.slug}/").content.decode()

    assert "Appel clos" in content
    assert "candidater/" not in content


def test_unpublished_call_or_edition_is_not_found(client):
    hidden_call = CallFactory(is_published=False, title="Appel secret")
    hidden_edition = CallFactory(edition=EditionFactory(is_published=False))

    for call in (hidden_call, hidden_edition):
        response = client.get(f"/appels/{call.edition.slug}/")
        assert response.status_code == 404
        assert "Appel secret" not in response.content.decode()


def test_call_page_query_count_stays_flat_as_documents_grow(client):
    call = CallFactory()
    RequiredDocument.objects.create(call=call, name="Pitch")
    with CaptureQueriesContext(connection) as small:
        client.get(f"/appels/{call.edition.slug}/")
    for index in range(2):
        RequiredDocument.objects.create(call=call, name=f"Pièce {index}")

    with CaptureQueriesContext(connection) as large:
        client.get(f"/appels/{call.edition.slug}/")

    assert len(large) == len(small)


def test_call_page_lists_the_editions_phases_from_its_settings(client):
    edition = EditionFactory(
        phases={
            Phase.PRE_INCUBATION: {"months": 4, "days_per_week": Decimal("1.5")},
            Phase.EXPERIMENTATION: {"months": 9},
        }
    )
    call = CallFactory(edition=edition)

    content = client.get(f"/appels/{call.edition.slug}/").content.decode()

    assert "<li>Pré-incubation : 4 mois, 1,5 jour par semaine, avec des coachs.</li>" in content
    assert (
        "<li>Expérimentation : 9 mois, 2 jours par semaine, avec des moyens dédiés, "
        "renouvelable sur décision du jury.</li>"
    ) in content
    assert content.index("Pré-incubation :") < content.index("Expérimentation :")


def test_call_page_in_english_lists_the_phases_in_english(client):
    call = CallFactory()

    content = client.get(f"/en/appels/{call.edition.slug}/").content.decode()

    assert "<li>Pre-incubation: 3 months, 1 day a week, with coaches.</li>" in content
    assert (
        "<li>Experimentation: 6 months, 2 days a week, with dedicated resources, "
        "renewable by the jury's decision.</li>"
    ) in content

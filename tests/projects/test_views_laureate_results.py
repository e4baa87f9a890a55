"""A laureate's results on its public page: impact indicators with their validated
measurements, as a chart and a table, and the page's ETag following them."""

import datetime
from decimal import Decimal

import pytest

from projects.laureates.services.follow_up import review_measurement
from tests.programme.factories import (
    UserFactory,
)
from tests.projects.factories import (
    ImpactIndicatorFactory,
    MeasurementFactory,
    validated_measurements,
)

pytestmark = pytest.mark.django_db


def test_laureate_page_shows_a_published_indicator_with_its_validated_measurements(client):
    indicator = ImpactIndicatorFactory(
        name="Ménages repérés",
        unit="ménages",
        baseline=Decimal("40"),
        target=Decimal("1500"),
        method="Comptage mensuel du registre partagé.",
    )
    validated_measurements(
        indicator,
        (datetime.date(2022, 10, 31), Decimal("480"), "Registre partagé, octobre"),
        (datetime.date(2022, 12, 31), Decimal("1250"), "Registre partagé, décembre"),
    )

    html = client.get(f"/laureats/{indicator.project.slug}/").content.decode()

    assert "Résultats et indicateurs d'impact" in html
    assert '<h3 class="h5" id="indicateur-' in html and ">Ménages repérés</h3>" in html
    assert '<span class="tremplin-impact-value">1\xa0250</span>' in html
    assert 'le <time datetime="2022-12-31">31 décembre 2022</time>' in html
    assert "<dt>Valeur de départ</dt><dd>40 ménages</dd>" in html
    assert "<dt>Cible</dt><dd>1\xa0500 ménages</dd>" in html
    assert "Comptage mensuel du registre partagé." in html
    assert "<caption>Mesures validées de l'indicateur « Ménages repérés »</caption>" in html
    assert '<th scope="col">Valeur (ménages)</th>' in html
    assert (
        '<th scope="row"><time datetime="2022-10-31">31 octobre 2022</time></th>\n'
        '          <td class="text-end">480</td>\n'
        "          <td>Registre partagé, octobre</td>"
    ) in html
    assert "Registre partagé, décembre" in html


def test_indicator_chart_is_an_inline_svg_with_a_title_summary_and_references(client):
    indicator = ImpactIndicatorFactory(
        name="Ménages repérés", unit="ménages", baseline=Decimal("0"), target=Decimal("100")
    )
    for day, value in ((datetime.date(2022, 4, 30), 10), (datetime.date(2022, 6, 30), 60)):
        MeasurementFactory(indicator=indicator, measured_on=day, value=value, validated=True)

    html = client.get(f"/laureats/{indicator.project.slug}/").content.decode()

    pk = indicator.pk
    assert (
        '<svg class="tremplin-chart-svg" viewBox="0 0 400 240" role="img" '
        f'aria-labelledby="graphique-{pk}-titre graphique-{pk}-resume"'
    ) in html
    assert (
        f'<title id="graphique-{pk}-titre">Évolution de l\'indicateur « Ménages repérés »</title>'
    ) in html
    assert (
        "2 mesures validées, de 10 ménages le 30 avril 2022 à 60 ménages le 30 juin 2022. "
        "Valeur de départ : 0 ménages. Cible : 100 ménages.</desc>"
    ) in html
    assert '<polyline class="tremplin-chart-line" points="52.0,182.8 384.0,96.8"' in html
    assert html.count('<circle class="tremplin-chart-point"') == 2
    assert ">Cible : 100</text>" in html and ">Départ : 0</text>" in html
    assert '<text x="52.0" y="222" text-anchor="start">30 avr. 2022</text>' in html
    assert "style=" not in html.split("<svg", 1)[1].split("</svg>", 1)[0]


def test_unpublished_indicator_does_not_show_even_with_validated_measurements(client):
    indicator = ImpactIndicatorFactory(name="Coût interne", is_published=False)
    MeasurementFactory(indicator=indicator, value=Decimal("3141"), validated=True)

    html = client.get(f"/laureats/{indicator.project.slug}/").content.decode()

    assert "Coût interne" not in html
    assert "3\xa0141" not in html and "3141" not in html
    assert "Résultats et indicateurs" not in html
    assert "<svg" not in html.split("<main", 1)[1]


def test_published_indicator_with_only_proposed_or_rejected_measurements_does_not_show(client):
    indicator = ImpactIndicatorFactory(name="Ménages en attente")
    MeasurementFactory(indicator=indicator, value=Decimal("2718"), source="Tableur non vérifié")
    MeasurementFactory(
        indicator=indicator, value=Decimal("1618"), source="Source refusée", rejected=True
    )

    html = client.get(f"/laureats/{indicator.project.slug}/").content.decode()

    assert "Ménages en attente" not in html
    for text in ("2718", "2\xa0718", "1618", "1\xa0618", "Tableur non vérifié", "Source refusée"):
        assert text not in html


def test_indicator_shows_only_its_validated_measurements(client):
    indicator = ImpactIndicatorFactory(name="Ménages repérés")
    MeasurementFactory(indicator=indicator, value=Decimal("12"), validated=True)
    MeasurementFactory(
        indicator=indicator,
        measured_on=datetime.date(2022, 7, 1),
        value=Decimal("2718.6"),
        source="Tableur non vérifié",
    )

    html = client.get(f"/laureats/{indicator.project.slug}/").content.decode()

    assert "Ménages repérés" in html
    assert '<span class="tremplin-impact-value">12</span>' in html
    assert "2718,6" not in html and "2718.6" not in html
    assert "Tableur non vérifié" not in html
    assert "1 mesure validée : 12 ménages le 1er juin 2022." in html


def etag(client, project):
    return client.get(f"/laureats/{project.slug}/").headers["ETag"]


def test_laureate_page_etag_changes_when_a_measurement_is_validated_or_published(client):
    staff = UserFactory(innovation_staff=True)
    indicator = ImpactIndicatorFactory(is_published=False)
    measurement = MeasurementFactory(indicator=indicator)
    project = indicator.project
    proposed = etag(client, project)

    review_measurement(measurement, actor=staff, accept=True)
    validated = etag(client, project)
    indicator.is_published = True
    indicator.save()
    published = etag(client, project)

    assert len({proposed, validated, published}) == 3
    assert "Indicateur" in client.get(f"/laureats/{project.slug}/").content.decode()

"""The open data set of impact indicators: one record per measurement the public sees.

That is what a laureate's page shows (``projects.public``): the validated measurements
of the indicators staff published, of public projects. Each record repeats its
indicator (name, unit, baseline, target, method) so that the file reads on its own;
``projet_identifiant`` joins it to the laureates' data set.
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from projects.models import Measurement, Project
from projects.public.open_data import DataSet, Field, utc_stamp

FIELDS = (
    Field(
        "projet_identifiant",
        "string",
        _("Identifiant du projet"),
        _("Identifiant du projet, le même que le champ identifiant du fichier des lauréats."),
    ),
    Field("projet_titre", "string", _("Projet"), _("Nom du projet lauréat.")),
    Field("edition", "string", _("Édition"), _("Nom de l'édition (saison) du programme.")),
    Field("edition_annee", "integer", _("Année de l'édition"), _("Année de l'édition.")),
    Field("indicateur", "string", _("Indicateur"), _("Ce que l'indicateur mesure.")),
    Field(
        "unite",
        "string",
        _("Unité"),
        _("Unité des valeurs de l'indicateur ; vide si elle n'est pas précisée."),
        required=False,
    ),
    Field(
        "valeur_depart",
        "number",
        _("Valeur de départ"),
        _("Valeur de l'indicateur avant le projet ; vide si elle n'est pas connue."),
        required=False,
    ),
    Field(
        "cible",
        "number",
        _("Cible"),
        _("Valeur que le projet vise ; vide si elle n'est pas fixée."),
        required=False,
    ),
    Field(
        "methode",
        "string",
        _("Méthode de mesure"),
        _("Comment la valeur est mesurée ; vide si elle n'est pas décrite."),
        required=False,
    ),
    Field(
        "date_mesure", "date", _("Date de la mesure"), _("Date à laquelle la valeur a été mesurée.")
    ),
    Field(
        "valeur",
        "number",
        _("Valeur"),
        _("Valeur mesurée, vérifiée par l'équipe innovation."),
    ),
    Field("source", "string", _("Source"), _("D'où vient le chiffre : outil, enquête, registre…")),
    Field(
        "url",
        "string",
        _("Page du projet"),
        _("Adresse de la page du projet, où l'indicateur est présenté en graphique."),
        format="uri",
    ),
    Field(
        "mise_a_jour",
        "datetime",
        _("Mise à jour"),
        _(
            "Date et heure de la validation de la mesure, ou de la dernière modification de "
            "son indicateur si elle est plus récente, en temps universel (UTC)."
        ),
    ),
)


def number(value):
    """A decimal as a JSON number, without the trailing zeros of its two decimal places
    (``Decimal("12.50")`` → ``12.5``, ``Decimal("40.00")`` → ``40``); ``None`` → ``""``."""
    if value is None:
        return ""
    return int(value) if value == value.to_integral_value() else float(value)


def measurement_records(build_absolute_uri):
    """One record per public measurement, by edition, project, indicator, then date."""
    measurements = (
        Measurement.objects.public()
        .filter(indicator__project__in=Project.objects.public())
        .select_related("indicator__project__application__call__edition")
        .order_by(
            "indicator__project__application__call__edition__number",
            "indicator__project__title",
            "indicator__project__pk",
            "indicator__position",
            "indicator__pk",
            "measured_on",
            "pk",
        )
    )
    return [_record(measurement, build_absolute_uri) for measurement in measurements]


def _record(measurement, build_absolute_uri):
    indicator = measurement.indicator
    project = indicator.project
    edition = project.application.call.edition
    return {
        "projet_identifiant": project.slug,
        "projet_titre": project.title,
        "edition": edition.name,
        "edition_annee": edition.year,
        "indicateur": indicator.name,
        "unite": indicator.unit,
        "valeur_depart": number(indicator.baseline),
        "cible": number(indicator.target),
        "methode": indicator.method,
        "date_mesure": measurement.measured_on.isoformat(),
        "valeur": number(measurement.value),
        "source": measurement.source,
        "url": build_absolute_uri(reverse("public:laureate", args=[project.slug])),
        "mise_a_jour": utc_stamp(max(measurement.reviewed_at, indicator.updated_at)),
    }


INDICATORS = DataSet(
    name="indicateurs",
    url_name="indicators",
    records_key="mesures",
    title=_("Mesures des indicateurs d'impact"),
    description=_(
        "Un enregistrement par mesure d'un indicateur d'impact publié, une fois vérifiée "
        "par l'équipe innovation : les chiffres que montre la page de chaque projet, "
        "avec la méthode, la valeur de départ, la cible et la source."
    ),
    download_name=_("les mesures des indicateurs"),
    fields=FIELDS,
    load=measurement_records,
)

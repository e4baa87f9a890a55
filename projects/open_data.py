"""The open data set of laureate projects: one record per public project.

``FIELDS`` is the one description of the data set: the CSV's columns, the JSON's keys,
the table on the ``/donnees/`` page and the Table Schema
(https://specs.frictionlessdata.io/table-schema/) all come from it. Values are in
French whatever the visitor's language, so that the files stay the same for everyone.
"""

import datetime
from dataclasses import dataclass

from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from projects.enums import Phase, ReintegrationOutcome

LICENCE = {
    "name": "Licence Ouverte / Open Licence version 2.0",
    "url": "https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
    "spdx": "etalab-2.0",
}
RUNNING, ENDED = "en_cours", "termine"


@dataclass(frozen=True)
class Field:
    name: str
    type: str  # a Table Schema type: string, integer, date, datetime
    title: str
    description: str
    enum: tuple = ()
    format: str = "default"
    required: bool = True


FIELDS = (
    Field(
        "identifiant",
        "string",
        _("Identifiant"),
        _("Identifiant stable du projet, celui de l'adresse de sa page."),
    ),
    Field("titre", "string", _("Titre"), _("Nom du projet lauréat.")),
    Field("edition", "string", _("Édition"), _("Nom de l'édition (saison) du programme.")),
    Field("edition_annee", "integer", _("Année de l'édition"), _("Année de l'édition.")),
    Field(
        "thematique",
        "string",
        _("Thématique"),
        _("Thématique de service public du projet ; vide si elle n'est pas précisée."),
        required=False,
    ),
    Field(
        "phase",
        "string",
        _("Phase"),
        _(
            "Code de la phase actuelle : pre_incubation (pré-incubation), experimentation "
            "(expérimentation), reintegration (réintégration dans les directions métiers), "
            "abandoned (abandon)."
        ),
        enum=tuple(Phase.values),
    ),
    Field("phase_libelle", "string", _("Phase (libellé)"), _("Libellé de la phase actuelle.")),
    Field(
        "phase_depuis",
        "date",
        _("Dans cette phase depuis le"),
        _("Date de la décision qui a fait entrer le projet dans sa phase actuelle."),
    ),
    Field(
        "statut",
        "string",
        _("Statut"),
        _(
            "en_cours : le projet est accompagné (pré-incubation ou expérimentation) ; "
            "termine : réintégré ou abandonné."
        ),
        enum=(RUNNING, ENDED),
    ),
    Field(
        "issue",
        "string",
        _("Issue"),
        _("Pour un projet réintégré, ce qu'il est devenu ; vide pour les autres."),
        enum=tuple(ReintegrationOutcome.labels),
        required=False,
    ),
    Field(
        "resume",
        "string",
        _("Présentation"),
        _("Présentation publique du projet."),
        required=False,
    ),
    Field("url", "string", _("Page du projet"), _("Adresse de la page du projet."), format="uri"),
    Field(
        "mise_a_jour",
        "datetime",
        _("Mise à jour"),
        _("Date et heure de la dernière modification du projet, en temps universel (UTC)."),
    ),
)
FIELD_NAMES = [field.name for field in FIELDS]


def laureate_records(projects, build_absolute_uri):
    """One dict per project, keyed by ``FIELD_NAMES``, values as JSON types.

    ``projects`` come from ``Project.objects.public().with_public_phase()`` with their
    edition and theme.
    """
    with translation.override("fr"):
        return [_record(project, build_absolute_uri) for project in projects]


def _record(project, build_absolute_uri):
    edition = project.application.call.edition
    since = project.public_phase_since
    return {
        "identifiant": project.slug,
        "titre": project.title,
        "edition": edition.name,
        "edition_annee": edition.year,
        "thematique": project.theme.name if project.theme else "",
        "phase": project.public_phase,
        "phase_libelle": str(project.public_phase_label),
        "phase_depuis": since.isoformat() if since else "",
        "statut": RUNNING if project.is_publicly_running else ENDED,
        "issue": str(project.public_outcome_label),
        "resume": project.public_summary,
        "url": build_absolute_uri(reverse("public:laureate", args=[project.slug])),
        "mise_a_jour": project.updated_at.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
    }


def table_schema(build_absolute_uri):
    """The Table Schema of the CSV, for validators (validata.fr, frictionless)."""
    with translation.override("fr"):
        return {
            "$schema": "https://specs.frictionlessdata.io/schemas/table-schema.json",
            "name": "laureats",
            "title": str(_("Projets lauréats")),
            "licenses": [
                {"name": LICENCE["spdx"], "title": LICENCE["name"], "path": LICENCE["url"]}
            ],
            "path": build_absolute_uri(reverse("open_data:laureates_csv")),
            "primaryKey": "identifiant",
            "missingValues": [""],
            "fields": [_schema_field(field) for field in FIELDS],
        }


def _schema_field(field):
    constraints = {"required": field.required}
    if field.enum:
        constraints["enum"] = [str(value) for value in field.enum]
    if field.name == "identifiant":
        constraints["unique"] = True
    return {
        "name": field.name,
        "type": field.type,
        "format": field.format,
        "title": str(field.title),
        "description": str(field.description),
        "constraints": constraints,
    }

"""The open data sets, what they share, and the first of them: the laureate projects.

A ``DataSet`` is the one description of a data set: its CSV's columns, its JSON's keys,
its table on the ``/donnees/`` page and its Table Schema
(https://specs.frictionlessdata.io/table-schema/) all come from its ``fields``. Values
are in French whatever the visitor's language, so that the files stay the same for
everyone. The measurements of impact indicators are in ``projects.open_data_indicators``.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from editions.enums import RUNNING_PHASES, Phase
from projects.enums import ReintegrationOutcome
from projects.models import Project

LICENCE = {
    "name": "Licence Ouverte / Open Licence version 2.0",
    "url": "https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
    "spdx": "etalab-2.0",
}
RUNNING, ENDED = "en_cours", "termine"
# A slug no page has, put in the reversed path and replaced by each record's slug.
SLUG = "0slug0"

# The Table Schema types the data sets use, as the /donnees/ page names them.
TYPE_LABELS = {
    "string": _("texte"),
    "integer": _("nombre entier"),
    "number": _("nombre décimal (point comme séparateur)"),
    "date": _("date (AAAA-MM-JJ)"),
    "datetime": _("date et heure (ISO 8601)"),
}


@dataclass(frozen=True)
class Field:
    name: str
    type: str  # a key of TYPE_LABELS
    title: str
    description: str
    enum: tuple = ()
    format: str = "default"
    required: bool = True

    @property
    def type_label(self):
        return TYPE_LABELS[self.type]


@dataclass(frozen=True)
class DataSet:
    """A data set published as ``/donnees/<name>.csv``, ``.json`` and ``.schema.json``.

    ``load(build_absolute_uri)`` returns one dict per record, keyed by the fields'
    names, values as JSON types; each record has a ``mise_a_jour`` (UTC). The JSON file
    holds the records under ``records_key``. ``url_name`` prefixes the names of the
    files' URLs in the ``open_data`` namespace; ``download_name`` completes « Télécharger
    … » on the ``/donnees/`` page.
    """

    name: str
    url_name: str
    records_key: str
    title: str
    description: str
    download_name: str
    fields: tuple
    load: Callable
    primary_key: str = ""

    @property
    def field_names(self):
        return [field.name for field in self.fields]

    @property
    def csv_url(self):
        return reverse(f"open_data:{self.url_name}_csv")

    @property
    def json_url(self):
        return reverse(f"open_data:{self.url_name}_json")

    @property
    def schema_url(self):
        return reverse(f"open_data:{self.url_name}_schema")

    def records(self, build_absolute_uri):
        with translation.override("fr"):
            return self.load(build_absolute_uri)


def utc_stamp(moment):
    """An aware datetime as the data sets write it: ISO 8601 in UTC, to the second."""
    return moment.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def table_schema(data_set, build_absolute_uri):
    """The Table Schema of ``data_set``'s CSV, for validators (validata.fr, frictionless)."""
    with translation.override("fr"):
        schema = {
            "$schema": "https://specs.frictionlessdata.io/schemas/table-schema.json",
            "name": data_set.name,
            "title": str(data_set.title),
            "description": str(data_set.description),
            "licenses": [
                {"name": LICENCE["spdx"], "title": LICENCE["name"], "path": LICENCE["url"]}
            ],
            "path": build_absolute_uri(data_set.csv_url),
            "missingValues": [""],
            "fields": [_schema_field(field, data_set) for field in data_set.fields],
        }
        if data_set.primary_key:
            schema["primaryKey"] = data_set.primary_key
        return schema


def _schema_field(field, data_set):
    constraints = {"required": field.required}
    if field.enum:
        constraints["enum"] = [str(value) for value in field.enum]
    if field.name == data_set.primary_key:
        constraints["unique"] = True
    return {
        "name": field.name,
        "type": field.type,
        "format": field.format,
        "title": str(field.title),
        "description": str(field.description),
        "constraints": constraints,
    }


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


def laureate_records(build_absolute_uri):
    """One record per public project, by edition then title, in one pass over plain
    values (no model objects): labels translated and the pages' address built once."""
    phases, outcomes = dict(Phase.choices), dict(ReintegrationOutcome.choices)
    phases = {value: str(label) for value, label in phases.items()}
    outcomes = {value: str(label) for value, label in outcomes.items()}
    page = build_absolute_uri(reverse("public:laureate", args=[SLUG]))
    projects = (
        Project.objects.public()
        .with_public_phase()
        .order_by("application__call__edition__number", "title", "pk")
        .values_list(
            *("slug", "title", "application__call__edition__name"),
            *("application__call__edition__year", "theme__name", "public_phase"),
            *("public_outcome", "public_phase_at", "public_summary", "updated_at"),
        )
    )
    return [
        {
            "identifiant": slug,
            "titre": title,
            "edition": edition,
            "edition_annee": year,
            "thematique": theme or "",
            "phase": phase,
            "phase_libelle": phases.get(phase, ""),
            "phase_depuis": timezone.localdate(since).isoformat() if since else "",
            "statut": RUNNING if phase in RUNNING_PHASES else ENDED,
            "issue": outcomes.get(outcome, ""),
            "resume": summary,
            "url": page.replace(SLUG, slug, 1),
            "mise_a_jour": utc_stamp(updated_at),
        }
        for (
            slug,
            title,
            edition,
            year,
            theme,
            phase,
            outcome,
            since,
            summary,
            updated_at,
        ) in projects
    ]


LAUREATES = DataSet(
    name="laureats",
    url_name="laureates",
    records_key="laureats",
    title=_("Projets lauréats"),
    description=_(
        "Un enregistrement par projet lauréat publié : sa phase actuelle telle qu'elle a "
        "été rendue publique, depuis quand, son statut et l'adresse de sa page."
    ),
    download_name=_("les lauréats"),
    fields=FIELDS,
    load=laureate_records,
    primary_key="identifiant",
)

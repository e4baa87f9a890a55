"""Staff exports, in the admin: the « Exports » screen and its CSV and XLSX downloads of
applications, projects, indicator measurements and jury scores; and the ranking of a
session (``ranking_table``), the chair's « classement.csv ».

It lives in ``jury``, the top app, because the scores are the jury's and ``projects``
never imports ``jury``; the other tables come from ``projects.exports``.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from editions.enums import ALL_EDITIONS
from editions.models import Edition
from jury.enums import ItemKind
from jury.models import ConflictOfInterest, Score
from programme.exports import csv_response, local_datetime, xlsx_response
from projects.applications.exports import applications_table
from projects.staff.exports import indicators_table, projects_table

SCREEN_PERMISSION = "projects.view_project"
FORMATS = ("csv", "xlsx")

SCORE_HEADER = [
    gettext_lazy("séance"),
    gettext_lazy("date de la séance"),
    gettext_lazy("point"),
    gettext_lazy("objet"),
    gettext_lazy("sujet"),
    gettext_lazy("critère"),
    gettext_lazy("coefficient"),
    gettext_lazy("membre"),
    gettext_lazy("note"),
    gettext_lazy("note maximale"),
]


def french_decimal(value):
    """« 14,25 »: two decimals and a decimal comma, as French spreadsheets read a number
    in a CSV separated by semicolons; rounded half up as the pages show it (Django's
    ``floatformat``); empty for no value."""
    if value is None:
        return ""
    rounded = Decimal(str(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return str(rounded).replace(".", ",")


def ranking_table(session, ranking):
    """The ranked table of ``session`` (``jury.ranking.rank`` as the reader may see it):
    one row per item, with French labels (kind, status, decision), never codes, and
    French decimals; the mean normalised per juror beside the raw one when chosen."""
    header = [
        gettext_lazy("objet"),
        gettext_lazy("rang"),
        gettext_lazy("ex æquo"),
        gettext_lazy("point"),
        gettext_lazy("sujet"),
        gettext_lazy("statut du sujet"),
        gettext_lazy("moyenne brute /20"),
        *([gettext_lazy("moyenne normalisée par juré /20")] if session.is_normalised else []),
        gettext_lazy("écart /20"),
        gettext_lazy("notes"),
        gettext_lazy("déports"),
        gettext_lazy("décision"),
    ]
    rows = [
        [
            ItemKind(kind).label,
            row.rank or "",
            _("oui") if row.tied else "",
            row.item.position,
            str(row.item.subject),
            _subject_status(row.item),
            french_decimal(row.mean),
            *([french_decimal(row.normalised_mean)] if session.is_normalised else []),
            french_decimal(row.spread),
            row.scorers,
            ", ".join(row.withdrawn),
            _decision_label(row.item),
        ]
        for kind, rows in ranking.items()
        for row in rows
    ]
    return header, rows


def _subject_status(item):
    if item.application_id:
        return item.application.get_status_display()
    return item.project.get_phase_display()


def _decision_label(item):
    decision = getattr(item, "decision", None)
    if decision is None:
        return ""
    label = decision.get_outcome_display()
    if decision.reintegration_outcome:
        label = f"{label} ({decision.get_reintegration_outcome_display()})"
    return label


def scores_table(edition=None):
    """Every mark given, one row per member, criterion and item. A member who withdrew
    from an item never counts on it, as in the ranking, even for a mark given before."""
    withdrawn = ConflictOfInterest.objects.filter(item=OuterRef("item"), member=OuterRef("member"))
    scores = (
        Score.objects.exclude(Exists(withdrawn))
        .select_related(
            "item__session",
            "item__application",
            "item__project",
            "criterion",
            "member__user",
        )
        .order_by("item__session__starts_at", "item__position", "member__pk", "criterion__position")
    )
    if edition is not None:
        scores = scores.filter(
            Q(item__application__call__edition=edition)
            | Q(item__project__application__call__edition=edition)
        )
    rows = [
        [
            score.item.session.title,
            local_datetime(score.item.session.starts_at),
            score.item.position,
            score.item.get_kind_display(),
            str(score.item.subject),
            score.criterion.name,
            score.criterion.weight,
            str(score.member.user),
            score.value,
            score.scale_max,
        ]
        for score in scores
    ]
    return SCORE_HEADER, rows


@dataclass(frozen=True)
class Dataset:
    slug: str
    label: str
    description: str
    table: object
    permissions: tuple


DATASETS = {
    dataset.slug: dataset
    for dataset in [
        Dataset(
            "candidatures",
            gettext_lazy("Candidatures"),
            gettext_lazy("Chaque candidature, son statut et la composition de son équipe."),
            applications_table,
            (SCREEN_PERMISSION, "projects.view_application"),
        ),
        Dataset(
            "projets",
            gettext_lazy("Projets lauréats"),
            gettext_lazy(
                "Chaque projet, sa phase, sa période en cours et son suivi en chiffres "
                "(accompagnement, jalons, mesures)."
            ),
            projects_table,
            (SCREEN_PERMISSION,),
        ),
        Dataset(
            "indicateurs",
            gettext_lazy("Indicateurs d'impact"),
            gettext_lazy(
                "Une ligne par mesure : indicateur, projet, valeur de départ, cible, "
                "valeur mesurée, source, état et vérification."
            ),
            indicators_table,
            (SCREEN_PERMISSION, "projects.view_impactindicator", "projects.view_measurement"),
        ),
        Dataset(
            "notes",
            gettext_lazy("Notes du jury"),
            gettext_lazy(
                "Chaque note donnée, par séance, point, critère et membre, sans les "
                "membres déportés."
            ),
            scores_table,
            (SCREEN_PERMISSION, "jury.view_score"),
        ),
    ]
}


def _edition_from(request):
    """The edition asked for in ``?edition=``, the latest one when none is asked for,
    ``None`` for ``?edition=toutes`` (every edition). An unknown one is a 404, never a
    silent export of every edition."""
    slug = request.GET.get("edition")
    if slug == ALL_EDITIONS:
        return None
    if not slug:
        return Edition.objects.order_by("-number").first()
    return get_object_or_404(Edition, slug=slug)


def exports_page(request):
    if not request.user.has_perm(SCREEN_PERMISSION):
        raise PermissionDenied
    edition = _edition_from(request)
    query = f"?{urlencode({'edition': edition.slug if edition else ALL_EDITIONS})}"
    datasets = [
        {
            "dataset": dataset,
            "links": [
                (
                    file_format.upper(),
                    reverse("admin:export_download", args=[dataset.slug, file_format]) + query,
                )
                for file_format in FORMATS
            ],
        }
        for dataset in DATASETS.values()
        if request.user.has_perms(dataset.permissions)
    ]
    context = {
        **admin.site.each_context(request),
        "title": _("Exports"),
        "editions": Edition.objects.order_by("-number"),
        "chosen": edition,
        "all_editions": ALL_EDITIONS,
        "datasets": datasets,
    }
    return TemplateResponse(request, "admin/projects/exports.html", context)


def export_download(request, dataset, file_format):
    chosen = DATASETS.get(dataset)
    if chosen is None or file_format not in FORMATS:
        raise Http404(_("Cet export n'existe pas."))
    if not request.user.has_perms(chosen.permissions):
        raise PermissionDenied
    edition = _edition_from(request)
    header, rows = chosen.table(edition=edition)
    parts = [chosen.slug, edition.slug if edition else "", timezone.localdate().isoformat()]
    filename = "-".join(part for part in parts if part) + f".{file_format}"
    if file_format == "xlsx":
        return xlsx_response(filename, header, rows, sheet_title=chosen.label)
    return csv_response(filename, header, rows)

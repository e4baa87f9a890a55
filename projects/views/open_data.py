"""Open data: the laureates as CSV and JSON, their Table Schema, and the page that
documents them. The files are the same in every language (French values)."""

import csv
import io
import json

from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse

from programme.context_processors import current_programme
from programme.exports import safe_cell
from programme.public_pages import public_page
from projects.freshness import site_fingerprint
from projects.models import Project
from projects.open_data import FIELD_NAMES, FIELDS, LICENCE, laureate_records, table_schema


def _records(request):
    projects = (
        Project.objects.public()
        .with_related()
        .with_public_phase()
        .order_by("application__call__edition__number", "title", "pk")
    )
    return laureate_records(projects, request.build_absolute_uri)


def _open_to_every_site(response):
    # Anyone may read open data, from any page or application.
    response["Access-Control-Allow-Origin"] = "*"
    return response


@public_page(site_fingerprint)
def open_data(request):
    context = {"fields": FIELDS, "licence": LICENCE}
    return render(request, "projects/public/open_data.html", context)


@public_page(site_fingerprint)
def laureates_csv(request):
    """RFC 4180 CSV in UTF-8, comma-separated, one header row of ``FIELD_NAMES``.

    A cell that a spreadsheet would run as a formula starts with an apostrophe; the JSON
    file gives every value exactly.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(FIELD_NAMES)
    for record in _records(request):
        writer.writerow([safe_cell(record[name]) for name in FIELD_NAMES])
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="laureats.csv"'
    return _open_to_every_site(response)


@public_page(site_fingerprint)
def laureates_json(request):
    programme = current_programme(request)
    records = _records(request)
    data = {
        "titre": "Projets lauréats",
        "producteur": programme.authority_name if programme else "",
        "licence": LICENCE["name"],
        "licence_url": LICENCE["url"],
        "documentation": request.build_absolute_uri(reverse("public:open_data")),
        "schema": request.build_absolute_uri(reverse("open_data:laureates_schema")),
        "mise_a_jour": max((record["mise_a_jour"] for record in records), default=None),
        "laureats": records,
    }
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 2})
    return _open_to_every_site(response)


@public_page(site_fingerprint)
def laureates_schema(request):
    schema = table_schema(request.build_absolute_uri)
    response = HttpResponse(
        json.dumps(schema, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    return _open_to_every_site(response)

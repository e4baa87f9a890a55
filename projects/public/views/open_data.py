"""Open data: each data set as CSV and JSON with its Table Schema, and the page that
documents them. The files are the same in every language (French values)."""

import csv
import io
import json

from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation

from programme.context_processors import current_programme
from programme.exports import safe_cell
from programme.public_pages import public_page
from projects.public.freshness import site_fingerprint
from projects.public.open_data import LAUREATES, LICENCE, table_schema
from projects.public.open_data_indicators import INDICATORS

# In the order of the /donnees/ page.
DATA_SETS = (LAUREATES, INDICATORS)


@public_page(site_fingerprint)
def open_data(request):
    context = {"data_sets": DATA_SETS, "licence": LICENCE}
    return render(request, "projects/public/open_data.html", context)


def file_view(kind, write, data_set):
    """The view of ``data_set``'s ``kind`` file, answered by ``write(request, data_set)``:
    a public page, open to every site."""

    def view(request):
        response = write(request, data_set)
        # Anyone may read open data, from any page or application.
        response["Access-Control-Allow-Origin"] = "*"
        return response

    view.__name__ = view.__qualname__ = f"{data_set.url_name}_{kind}"
    return public_page(site_fingerprint)(view)


def write_csv(request, data_set):
    """RFC 4180 CSV in UTF-8, comma-separated, one header row of the fields' names.

    A cell that a spreadsheet would run as a formula starts with an apostrophe; the JSON
    file gives every value exactly.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(data_set.field_names)
    for record in data_set.records(request.build_absolute_uri):
        writer.writerow([safe_cell(record[name]) for name in data_set.field_names])
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{data_set.name}.csv"'
    return response


def write_json(request, data_set):
    programme = current_programme(request)
    records = data_set.records(request.build_absolute_uri)
    with translation.override("fr"):
        data = {
            "titre": str(data_set.title),
            "producteur": programme.authority_name if programme else "",
            "licence": LICENCE["name"],
            "licence_url": LICENCE["url"],
            "documentation": request.build_absolute_uri(reverse("public:open_data")),
            "schema": request.build_absolute_uri(data_set.schema_url),
            "mise_a_jour": max((record["mise_a_jour"] for record in records), default=None),
            data_set.records_key: records,
        }
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 2})


def write_schema(request, data_set):
    schema = table_schema(data_set, request.build_absolute_uri)
    return HttpResponse(
        json.dumps(schema, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )


# (kind, end of the file's name, writer): the three files of each data set.
FILES = (
    ("csv", ".csv", write_csv),
    ("json", ".json", write_json),
    ("schema", ".schema.json", write_schema),
)

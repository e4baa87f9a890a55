"""The open data files: one address each, the same content in every language.

Each data set has ``/donnees/<name>.csv``, ``.json`` and ``.schema.json``, named
``<url_name>_csv``, ``_json`` and ``_schema`` (``laureates_csv``, ``indicators_csv``…).
"""

from django.urls import path

from projects.public.views import open_data

app_name = "open_data"

urlpatterns = [
    path(
        f"donnees/{data_set.name}{ending}",
        open_data.file_view(kind, write, data_set),
        name=f"{data_set.url_name}_{kind}",
    )
    for data_set in open_data.DATA_SETS
    for kind, ending, write in open_data.FILES
]

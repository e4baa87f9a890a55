"""The open data files: one address each, the same content in every language."""

from django.urls import path

from projects.views import open_data

app_name = "open_data"

urlpatterns = [
    path("donnees/laureats.csv", open_data.laureates_csv, name="laureates_csv"),
    path("donnees/laureats.json", open_data.laureates_json, name="laureates_json"),
    path("donnees/laureats.schema.json", open_data.laureates_schema, name="laureates_schema"),
]

"""Public pages about editions and laureates, under French paths (in English under /en/,
see the root URLconf)."""

from django.urls import path

from projects.views import open_data, public, public_editions

app_name = "public"

urlpatterns = [
    path("editions/", public_editions.edition_list, name="editions"),
    path("editions/<slug:slug>/", public_editions.edition_detail, name="edition"),
    path("laureats/", public.laureate_list, name="laureates"),
    path("laureats/<slug:slug>/", public.laureate_detail, name="laureate"),
    path("donnees/", open_data.open_data, name="open_data"),
]

"""Public pages about editions and laureates, under French paths (in English under /en/,
see the root URLconf)."""

from django.urls import path

from projects.public.views import editions, open_data, pages

app_name = "public"

urlpatterns = [
    path("editions/", editions.edition_list, name="editions"),
    path("editions/<slug:slug>/", editions.edition_detail, name="edition"),
    path("laureats/", pages.laureate_list, name="laureates"),
    path("laureats/<slug:slug>/", pages.laureate_detail, name="laureate"),
    path("donnees/", open_data.open_data, name="open_data"),
]

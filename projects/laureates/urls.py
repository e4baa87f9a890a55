"""Following a laureate: its team, its coaches and staff. Included by ``projects.urls``
(namespace ``projects``)."""

from django.urls import path

from projects.laureates.views import follow_up, reporting

urlpatterns = [
    path("accompagnement/", follow_up.coaching_list, name="coaching_list"),
    path("suivi/<int:pk>/", follow_up.overview, name="follow_up"),
    path("suivi/<int:pk>/seances/ajouter/", follow_up.coaching_form, name="coaching_add"),
    path("suivi/<int:pk>/seances/<int:entry_pk>/", follow_up.coaching_form, name="coaching_edit"),
    path("suivi/<int:pk>/jalons/ajouter/", follow_up.milestone_form, name="milestone_add"),
    path(
        "suivi/<int:pk>/jalons/<int:milestone_pk>/",
        follow_up.milestone_form,
        name="milestone_edit",
    ),
    path("suivi/<int:pk>/temps/", reporting.time_declaration, name="time_declaration"),
    path("suivi/<int:pk>/indicateurs/ajouter/", reporting.indicator_form, name="indicator_add"),
    path(
        "suivi/<int:pk>/indicateurs/<int:indicator_pk>/",
        reporting.indicator_form,
        name="indicator_edit",
    ),
    path(
        "suivi/<int:pk>/indicateurs/<int:indicator_pk>/mesures/ajouter/",
        reporting.measurement_add,
        name="measurement_add",
    ),
    path("suivi/<int:pk>/bilan/", reporting.report, name="report"),
]

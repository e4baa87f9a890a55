from django.urls import path

from projects.views import evidence, follow_up, members, team

app_name = "projects"

urlpatterns = [
    path("mon-espace/", team.team_space, name="team_space"),
    path("appels/<slug:edition_slug>/candidater/", team.start, name="application_start"),
    path("candidatures/<int:pk>/", team.detail, name="application_detail"),
    path("candidatures/<int:pk>/modifier/", team.edit, name="application_edit"),
    path("candidatures/<int:pk>/deposer/", team.submit, name="application_submit"),
    path("candidatures/<int:pk>/retirer/", team.withdraw, name="application_withdraw"),
    path("candidatures/<int:pk>/equipe/ajouter/", members.member_form, name="member_add"),
    path("candidatures/<int:pk>/equipe/<int:member_pk>/", members.member_form, name="member_edit"),
    path(
        "candidatures/<int:pk>/equipe/<int:member_pk>/retirer/",
        members.member_remove,
        name="member_remove",
    ),
    path("candidatures/<int:pk>/pieces/", members.attachments, name="application_attachments"),
    path(
        "candidatures/<int:pk>/pieces/<int:attachment_pk>/supprimer/",
        members.attachment_remove,
        name="attachment_remove",
    ),
    path("pieces-jointes/<int:attachment_pk>/", members.attachment_download, name="attachment"),
    path("accord-responsable/<str:token>/", members.manager_agreement, name="manager_agreement"),
    # Following a laureate (issue 8): its team, its coaches and staff.
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
    path("suivi/<int:pk>/temps/", evidence.time_declaration, name="time_declaration"),
    path("suivi/<int:pk>/indicateurs/ajouter/", evidence.indicator_form, name="indicator_add"),
    path(
        "suivi/<int:pk>/indicateurs/<int:indicator_pk>/",
        evidence.indicator_form,
        name="indicator_edit",
    ),
    path(
        "suivi/<int:pk>/indicateurs/<int:indicator_pk>/mesures/ajouter/",
        evidence.measurement_add,
        name="measurement_add",
    ),
    path("suivi/<int:pk>/bilan/", evidence.report, name="report"),
]

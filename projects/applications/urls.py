"""The applicant's pages: the team space, drafts, team members, files, the line manager's
answer. Included by ``projects.urls`` (namespace ``projects``)."""

from django.urls import path

from projects.applications.views import letters, members, team

urlpatterns = [
    path("mon-espace/", team.team_space, name="team_space"),
    path("mon-espace/mes-donnees/", team.my_data, name="my_data"),
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
    path("lettres-de-decision/<int:letter_pk>/", letters.decision_letter, name="decision_letter"),
    path("accord-responsable/<str:token>/", members.manager_agreement, name="manager_agreement"),
]

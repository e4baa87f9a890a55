from django.urls import path

from jury.views import agenda, chair, member, minutes, sheets

app_name = "jury"

urlpatterns = [
    path("jury/", member.sessions, name="sessions"),
    path("jury/seances/<int:pk>/", member.session_detail, name="session"),
    path("jury/seances/<int:pk>/points/<int:item_pk>/", member.item_detail, name="item"),
    path(
        "jury/seances/<int:pk>/points/<int:item_pk>/deport/",
        member.declare_conflict_view,
        name="conflict",
    ),
    path(
        "jury/seances/<int:pk>/points/<int:item_pk>/pieces/<int:attachment_pk>/",
        member.document,
        name="document",
    ),
    path("jury/seances/<int:pk>/deliberation/", chair.deliberation, name="deliberation"),
    path("jury/seances/<int:pk>/presence/", chair.attendance, name="attendance"),
    path("jury/seances/<int:pk>/points/<int:item_pk>/decision/", chair.decision, name="decision"),
    path("jury/seances/<int:pk>/cloture/", chair.close, name="close"),
    path("jury/seances/<int:pk>/etapes/<slug:step>/", agenda.session_step, name="step"),
    path("jury/seances/<int:pk>/moyennes/", agenda.averaging, name="averaging"),
    path("jury/seances/<int:pk>/points/<int:item_pk>/retrait/", agenda.remove, name="remove_item"),
    path(
        "jury/seances/<int:pk>/points/<int:item_pk>/notation/",
        agenda.item_scoring,
        name="item_scoring",
    ),
    path("jury/seances/<int:pk>/classement.csv", chair.export_scores, name="export_scores"),
    path(
        "jury/seances/<int:pk>/membres/<int:member_pk>/grille-de-notation.pdf",
        sheets.scoring_sheet,
        name="scoring_sheet",
    ),
    path("jury/seances/<int:pk>/emargement.pdf", sheets.sign_in_sheet, name="sign_in_sheet"),
    path("jury/seances/<int:pk>/proces-verbal/", minutes.minutes, name="minutes"),
    path(
        "jury/seances/<int:pk>/proces-verbal.html",
        minutes.minutes_document,
        name="minutes_document",
    ),
    path("jury/seances/<int:pk>/proces-verbal.pdf", minutes.minutes_pdf, name="minutes_pdf"),
]

"""Signing in and out, passwords and the account page, under French paths."""

from django.urls import path

from programme import views_accounts as views
from programme import views_proconnect, views_second_factor

app_name = "accounts"

urlpatterns = [
    path("connexion/", views.sign_in, name="sign_in"),
    path("connexion/lien/", views.sign_in_link, name="sign_in_link"),
    path("connexion/mot-de-passe/", views.PasswordLoginView.as_view(), name="password_login"),
    path(
        "connexion/mot-de-passe/oubli/",
        views.PasswordResetView.as_view(),
        name="password_reset",
    ),
    path(
        "connexion/mot-de-passe/oubli/envoye/",
        views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "connexion/mot-de-passe/nouveau/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "connexion/mot-de-passe/nouveau/enregistre/",
        views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("connexion/proconnect/", views_proconnect.sign_in, name="proconnect_sign_in"),
    path("connexion/proconnect/retour/", views_proconnect.callback, name="proconnect_callback"),
    path("connexion/second-facteur/", views_second_factor.verify, name="second_factor"),
    path(
        "connexion/second-facteur/activer/",
        views_second_factor.enrol,
        name="second_factor_enrol",
    ),
    path("deconnexion/", views.SignOutView.as_view(), name="sign_out"),
    path("deconnexion/proconnect/", views_proconnect.signed_out, name="proconnect_signed_out"),
    path("compte/", views.account, name="account"),
    path("compte/mot-de-passe/", views.PasswordChangeView.as_view(), name="password_change"),
]

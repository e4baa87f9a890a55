"""The pages every public site owes."""

from django.urls import path

from programme import views_site as views

app_name = "legal"

urlpatterns = [
    path("accessibilite/", views.accessibility, name="accessibility"),
    path("mentions-legales/", views.legal_notice, name="notice"),
    path("donnees-personnelles/", views.personal_data, name="personal_data"),
]

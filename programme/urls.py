"""Root URLconf: the one place in the settings package that wires every app in."""

from django.contrib import admin
from django.urls import include, path

from programme import views as programme_views
from projects.views import public as projects_public

urlpatterns = [
    path("", projects_public.home, name="home"),
    path("theme.css", programme_views.theme_css, name="theme_css"),
    path("logo", programme_views.logo, name="logo"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("", include("programme.urls_accounts")),
    path("", include("editions.urls")),
    path("", include("projects.urls")),
]

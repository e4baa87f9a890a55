"""Root URLconf: the one place in the settings package that wires every app in."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path

from programme import sitemaps as programme_sitemaps
from programme import views as programme_views
from programme import views_site
from programme.public_pages import public_page
from projects.public import sitemaps as projects_sitemaps
from projects.public.freshness import site_fingerprint
from projects.public.views import pages as projects_public

SITEMAPS = {
    "sections": projects_sitemaps.SectionsSitemap,
    "editions": projects_sitemaps.EditionSitemap,
    "laureates": projects_sitemaps.LaureateSitemap,
    "news": programme_sitemaps.NewsSitemap,
    "legal": programme_sitemaps.LegalPagesSitemap,
    "open_data": projects_sitemaps.OpenDataSitemap,
}

urlpatterns = [
    path("theme.css", programme_views.theme_css, name="theme_css"),
    path("logo", programme_views.logo, name="logo"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("", include("programme.urls_accounts")),
    path("", include("projects.urls")),
    path("", include("jury.urls")),
]
urlpatterns += [
    path("healthz", views_site.healthz, name="healthz"),
    path("langue/<str:code>/", views_site.switch_language, name="switch_language"),
    path(
        "sitemap.xml",
        public_page(site_fingerprint)(programme_sitemaps.sitemap),
        {"sitemaps": SITEMAPS},
        name="sitemap",
    ),
    path(
        "sitemap-<str:section>.xml",
        public_page(site_fingerprint)(sitemap_views.sitemap),
        {"sitemaps": SITEMAPS},
        name="sitemap_section",
    ),
    path("", include("projects.public.urls_open_data")),
]
# Public pages: in French at their path, in English under /en/. The language is in the
# address, so that every cache keeps one page per address (programme.middleware).
urlpatterns += i18n_patterns(
    path("", projects_public.home, name="home"),
    path("", include("editions.urls")),
    path("", include("programme.urls_news")),
    path("", include("programme.urls_legal")),
    path("", include("projects.public.urls")),
    prefix_default_language=False,
)

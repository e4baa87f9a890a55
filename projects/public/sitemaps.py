"""The editions' and laureates' public pages in the sitemap."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from editions.models import Edition
from programme.sitemaps import LocalisedSitemap
from projects.models import Project
from projects.public import urls_open_data


class SectionsSitemap(LocalisedSitemap):
    """The home page and the entry page of each section."""

    priority = 0.8
    changefreq = "weekly"

    def items(self):
        return ["home", "public:editions", "public:laureates", "public:open_data"]

    def location(self, name):
        return self.path(name)


class EditionSitemap(LocalisedSitemap):
    """Each published edition, and its call when published."""

    priority = 0.6

    def items(self):
        editions = Edition.objects.published().select_related("call").order_by("number")
        entries = []
        for edition in editions:
            entries.append(("public:edition", edition, edition.updated_at))
            call = getattr(edition, "call", None)
            if call and call.is_published:
                entries.append(("editions:call", edition, call.updated_at))
        return entries

    def location(self, entry):
        name, edition, _changed = entry
        return self.path(name, edition.slug)

    def lastmod(self, entry):
        return entry[2]


class LaureateSitemap(LocalisedSitemap):
    priority = 0.7

    def items(self):
        return Project.objects.public().order_by("pk")

    def location(self, project):
        return self.path("public:laureate", project.slug)

    def lastmod(self, project):
        return project.updated_at


class OpenDataSitemap(Sitemap):
    """The open data files: one address each, whatever the language."""

    priority = 0.5

    def items(self):
        return [f"open_data:{pattern.name}" for pattern in urls_open_data.urlpatterns]

    def location(self, name):
        return reverse(name)

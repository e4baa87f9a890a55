"""The editions' and laureates' public pages in the sitemap."""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max, Q
from django.urls import reverse

from editions.models import Call, Edition
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
    """Each published edition, then each published call of a published edition."""

    priority = 0.6

    def parts(self):
        editions = Edition.objects.published().order_by("number").only("slug", "updated_at")
        calls = (
            Call.objects.filter(is_published=True, edition__in=Edition.objects.published())
            .select_related("edition")
            .order_by("edition__number")
            .only("updated_at", "edition__slug")
        )
        return [editions, calls]

    def items(self):
        return [item for part in self.parts() for item in part]

    def location(self, item):
        if isinstance(item, Call):
            return self.path("editions:call", item.edition.slug)
        return self.path("public:edition", item.slug)

    def lastmod(self, item):
        return item.updated_at

    def latest_change(self):
        latest = Edition.objects.published().aggregate(
            edition=Max("updated_at"),
            call=Max("call__updated_at", filter=Q(call__is_published=True)),
        )
        return max((moment for moment in latest.values() if moment), default=None)


class LaureateSitemap(LocalisedSitemap):
    priority = 0.7

    def projects(self):
        return Project.objects.public()

    def items(self):
        return self.projects().order_by("pk").only("slug", "updated_at")

    def location(self, project):
        return self.path("public:laureate", project.slug)

    def lastmod(self, project):
        return project.updated_at

    def latest_change(self):
        return self.projects().aggregate(latest=Max("updated_at"))["latest"]


class OpenDataSitemap(Sitemap):
    """The open data files: one address each, whatever the language."""

    priority = 0.5

    def items(self):
        return [f"open_data:{pattern.name}" for pattern in urls_open_data.urlpatterns]

    def location(self, name):
        return reverse(name)

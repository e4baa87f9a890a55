"""The programme's public pages in the sitemap: the news and the legal pages."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from programme.models import NewsItem


class LocalisedSitemap(Sitemap):
    """Every public page exists in each language: list them all, with their alternates."""

    i18n = True
    alternates = True
    x_default = True


class LegalPagesSitemap(LocalisedSitemap):
    priority = 0.2
    changefreq = "yearly"

    def items(self):
        return ["legal:notice", "legal:personal_data", "legal:accessibility"]

    def location(self, name):
        return reverse(name)


class NewsSitemap(LocalisedSitemap):
    priority = 0.5

    def items(self):
        return [("news:list", None)] + [
            ("news:detail", item) for item in NewsItem.objects.public().order_by("-published_at")
        ]

    def location(self, entry):
        name, item = entry
        return reverse(name, args=[item.slug] if item else [])

    def lastmod(self, entry):
        return entry[1].updated_at if entry[1] else None

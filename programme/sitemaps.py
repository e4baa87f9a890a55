"""The sitemap: one file while every section fits in one (``SECTION_LIMIT`` addresses), past
that the index of the sections' files (``sitemap``); the programme's own sections, the
news and the legal pages.

A sitemap lists thousands of addresses, each with its alternates: paths are reversed
once per page name and language, then built from that (``LocalisedSitemap.path``), and
each section reads its items once per request.
"""

from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.core.paginator import Paginator
from django.urls import reverse
from django.utils import translation
from django.utils.functional import cached_property

from programme.models import NewsItem

# Addresses per file (each language counts): past it a section spreads over several
# files, and /sitemap.xml becomes their index. The protocol allows 50,000; a smaller
# file keeps each request short.
SECTION_LIMIT = 2000
# A slug no page has, put in the reversed path and replaced by each item's slug (slugs
# are ASCII letters, digits, hyphens and underscores: nothing to escape).
SLUG = "0slug0"


def sitemap(request, sitemaps):
    """The whole sitemap while each section fits in one file, else the sitemap index
    that points to each section's files (``sitemap_section``, ``?p=`` past the first)."""
    sections = {name: site() for name, site in sitemaps.items()}
    if any(site.paginator.num_pages > 1 for site in sections.values()):
        return sitemap_views.index(request, sections, sitemap_url_name="sitemap_section")
    return sitemap_views.sitemap(request, sections)


class LocalisedSitemap(Sitemap):
    """Every public page exists in each language: list them all, with their alternates."""

    i18n = True
    alternates = True
    x_default = True
    limit = SECTION_LIMIT

    @cached_property
    def paginator(self):
        # Django's is a property: it would read the items again at each use.
        return Paginator(self._items(), self.limit)

    @cached_property
    def _paths(self):
        return {}

    def path(self, name, slug=None):
        """The path of page ``name`` (of the item ``slug``) in the active language."""
        key = (name, translation.get_language(), slug is None)
        if key not in self._paths:
            self._paths[key] = reverse(name, args=[] if slug is None else [SLUG])
        return self._paths[key] if slug is None else self._paths[key].replace(SLUG, slug, 1)


class LegalPagesSitemap(LocalisedSitemap):
    priority = 0.2
    changefreq = "yearly"

    def items(self):
        return ["legal:notice", "legal:personal_data", "legal:accessibility"]

    def location(self, name):
        return self.path(name)


class NewsSitemap(LocalisedSitemap):
    priority = 0.5

    def items(self):
        return [("news:list", None)] + [
            ("news:detail", item) for item in NewsItem.objects.public().order_by("-published_at")
        ]

    def location(self, entry):
        name, item = entry
        return self.path(name, item.slug if item else None)

    def lastmod(self, entry):
        return entry[1].updated_at if entry[1] else None

"""The sitemap: ``/sitemap.xml`` is always the index of the sections' files, each file at
most ``SECTION_LIMIT`` addresses (``?p=2``… past it); the programme's own sections, the
news and the legal pages.

Neither the index nor a section's file grows with the programme: the index counts each
section's items in SQL (``LocalisedItems``) and reads its latest change as one aggregate
(``latest_change``), never loading the items; a file reads only the items of its page. A
sitemap lists its addresses with their alternates: paths are reversed once per page name
and language, then built from that (``LocalisedSitemap.path``).
"""

from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.core.paginator import Paginator
from django.db.models import Max, QuerySet
from django.urls import reverse
from django.utils import translation
from django.utils.functional import cached_property

from programme.models import NewsItem

# Addresses per file (each language counts): past it a section spreads over several
# files. The protocol allows 50,000; a smaller file keeps each request short (a file of
# 1,000 addresses with their alternates is about 0.4 MB).
SECTION_LIMIT = 1000
# A slug no page has, put in the reversed path and replaced by each item's slug (slugs
# are ASCII letters, digits, hyphens and underscores: nothing to escape).
SLUG = "0slug0"


def sitemap(request, sitemaps):
    """The sitemap index: each section's files (``sitemap_section``, ``?p=`` past the
    first), whatever the size of the programme."""
    sections = {name: site() for name, site in sitemaps.items()}
    return sitemap_views.index(request, sections, sitemap_url_name="sitemap_section")


class LocalisedItems:
    """A section's items in every language, as Django's paginator reads them: counted in
    SQL (``count``), sliced page by page (only the page's items are read).

    ``parts`` are lists or querysets, one after the other; an item comes in each of
    ``languages`` in turn, as Django's ``Sitemap._items`` lists them."""

    def __init__(self, parts, languages):
        self.parts = parts
        self.languages = languages

    @cached_property
    def sizes(self):
        return [part.count() if isinstance(part, QuerySet) else len(part) for part in self.parts]

    def count(self):
        return sum(self.sizes) * len(self.languages)

    def __len__(self):
        return self.count()

    def __getitem__(self, index):
        width = len(self.languages)
        start, stop, _step = index.indices(self.count())
        first, last = start // width, -(-stop // width)
        items, offset = [], 0
        for part, size in zip(self.parts, self.sizes, strict=True):
            low, high = max(first - offset, 0), min(last - offset, size)
            if low < high:
                items.extend(part[low:high])
            offset += size
        localised = [(item, language) for item in items for language in self.languages]
        return localised[start - first * width : stop - first * width]


class LocalisedSitemap(Sitemap):
    """Every public page exists in each language: list them all, with their alternates."""

    i18n = True
    alternates = True
    x_default = True
    limit = SECTION_LIMIT

    def parts(self):
        """The items as lists or querysets one after the other (``items()`` by default)."""
        return [self.items()]

    @cached_property
    def paginator(self):
        # Django's is a property that lists every item in every language at each use.
        return Paginator(LocalisedItems(self.parts(), self._languages()), self.limit)

    def latest_change(self):
        """The latest change of the section's items, in one aggregate; ``None`` when its
        items carry no date."""
        return None

    def get_latest_lastmod(self):
        # Django's reads every item; the index asks each section.
        return self.latest_change()

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
    """The news list, then each public news item."""

    priority = 0.5

    def news(self):
        return NewsItem.objects.public()

    def parts(self):
        items = self.news().order_by("-published_at", "pk").only("slug", "updated_at")
        return [["news:list"], items]

    def items(self):
        return [item for part in self.parts() for item in part]

    def location(self, item):
        return self.path(item) if isinstance(item, str) else self.path("news:detail", item.slug)

    def lastmod(self, item):
        return None if isinstance(item, str) else item.updated_at

    def latest_change(self):
        return self.news().aggregate(latest=Max("updated_at"))["latest"]

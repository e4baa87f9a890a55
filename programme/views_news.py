"""Public pages of the news: the list, an article, and the Atom feed."""

from django.contrib.syndication.views import Feed
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import linebreaks
from django.utils.translation import gettext as _

from programme.context_processors import current_programme
from programme.enums import NewsStatus
from programme.freshness import programme_fingerprint
from programme.models import NewsItem
from programme.public_pages import public_page

NEWS_PER_PAGE = 10
FEED_ITEMS = 20


@public_page(programme_fingerprint)
def news_list(request):
    items = NewsItem.objects.public().order_by("-published_at", "-pk")
    page = Paginator(items, NEWS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "programme/public/news_list.html", {"page": page})


@public_page(programme_fingerprint)
def news_detail(request, slug):
    item = get_object_or_404(NewsItem.objects.public(), slug=slug)
    return render(request, "programme/public/news_detail.html", {"item": item})


class NewsFeed(Feed):
    """The current news as Atom: archived items leave the feed, drafts never enter it.

    The programme is the feed's object (``get_object``), so that the one instance keeps
    no per-request state.
    """

    feed_type = Atom1Feed

    def get_object(self, request, *args, **kwargs):
        return current_programme(request)

    def title(self, programme):
        name = programme.name if programme else "Tremplin"
        return _("Actualités — %(name)s") % {"name": name}

    def subtitle(self, programme):
        return programme.tagline if programme else ""

    def link(self):
        return reverse("news:list")

    def author_name(self, programme):
        return programme.authority_name if programme else ""

    def items(self):
        return NewsItem.objects.filter(status=NewsStatus.PUBLISHED).order_by(
            "-published_at", "-pk"
        )[:FEED_ITEMS]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        # Atom carries HTML: the text is escaped, as on the site.
        return linebreaks(item.summary or item.body, autoescape=True)

    def item_link(self, item):
        return reverse("news:detail", args=[item.slug])

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        return [item.category] if item.category else []


news_feed = public_page(programme_fingerprint)(NewsFeed())

"""One search box for staff across the programme: applications, projects, people,
sessions, grouped by kind, each result linked to its admin page.

``programme`` cannot read applications or sessions (the apps above it hold them): each
app registers its kinds with ``register_kind`` (in its ``AppConfig.ready``). A kind is
searched in one query with a limit, so the page costs the same whatever the rows; it is
shown only to staff who may view its model. Accents and case do not matter
(``programme.text.matching``).
"""

from dataclasses import dataclass

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from programme.models import User
from programme.text import matching

LIMIT = 10
# Shorter than this, a search would match nearly everything.
MIN_LENGTH = 2
MAX_LENGTH = 100


@dataclass(frozen=True)
class SearchKind:
    """What to search: ``queryset()`` (its related rows selected) over ``fields``;
    ``describe(obj)`` is the line under a result's name (its edition, its date)."""

    label: str
    model: type
    fields: tuple
    queryset: object
    describe: object

    def allowed(self, user):
        opts = self.model._meta
        return user.has_perm(f"{opts.app_label}.view_{opts.model_name}")

    def search(self, text):
        """Up to ``LIMIT`` results, and whether there were more."""
        found = list(matching(self.queryset(), self.fields, text).order_by("pk")[: LIMIT + 1])
        return found[:LIMIT], len(found) > LIMIT

    def change_url(self, obj):
        opts = self.model._meta
        return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])

    def list_url(self, text):
        opts = self.model._meta
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        return f"{url}?{urlencode({'q': text})}"


_kinds = []


def register_kind(kind):
    if kind not in _kinds:
        _kinds.append(kind)


def _user_line(user):
    return user.email


register_kind(
    SearchKind(
        gettext_lazy("Personnes"),
        User,
        ("first_name", "last_name", "email"),
        User.objects.all,
        _user_line,
    )
)


def search_page(request):
    kinds = [kind for kind in _kinds if kind.allowed(request.user)]
    if not kinds:
        raise PermissionDenied
    text = " ".join(request.GET.get("q", "").split())
    refusal = ""
    groups = []
    if len(text) > MAX_LENGTH:
        refusal = _("Cherchez au plus %(count)d caractères.") % {"count": MAX_LENGTH}
    elif text and len(text) < MIN_LENGTH:
        refusal = _("Tapez au moins %(count)d caractères.") % {"count": MIN_LENGTH}
    elif text:
        for kind in kinds:
            found, more = kind.search(text)
            groups.append(
                {
                    "label": kind.label,
                    "results": [
                        {"name": str(obj), "line": kind.describe(obj), "url": kind.change_url(obj)}
                        for obj in found
                    ],
                    "more_url": kind.list_url(text) if more else "",
                }
            )
    context = {
        **admin.site.each_context(request),
        "title": _("Rechercher dans le programme"),
        "text": text,
        "refusal": refusal,
        "groups": groups,
        "limit": LIMIT,
    }
    return TemplateResponse(request, "admin/programme/search.html", context)


admin.site.register_view(
    "recherche/",
    search_page,
    name="search",
    label=gettext_lazy("Rechercher"),
    description=gettext_lazy(
        "Candidatures, projets, personnes et séances du jury, sans tenir compte des accents."
    ),
    permission="programme.view_user",
)

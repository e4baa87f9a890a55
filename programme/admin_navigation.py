"""The admin's list of applications and models (the index page and the navigation
sidebar of every admin page), cheap on every page.

``app_list_html`` writes Django's ``admin/app_list.html`` in Python, each label
translated once per list rather than once per model; ``AppLists`` keeps the list that
``AdminSite.get_app_list`` builds for a set of permissions, since building it asks every
model admin for its four permissions and reverses two addresses per model.
"""

from urllib.parse import quote

from django.urls import get_script_prefix
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from programme.escaping import escape

# Django's message (its admin catalogue), with its typographic apostrophe.
NOTHING = "You don\N{RIGHT SINGLE QUOTATION MARK}t have permission to view or edit anything."
KEPT = 64  # lists kept (one per set of permissions, language and script prefix)


class AppLists:
    """The app lists of one admin site, per account's permissions.

    What ``get_app_list`` returns depends only on the account's model permissions (its
    own and its groups', or all of them for a superuser): the site's model admins answer
    their permission checks from those alone (the ``rules`` predicates name no model
    permission). The lists kept are shared: callers read them, never change them.
    """

    def __init__(self):
        self._lists = {}

    @staticmethod
    def key(user, app_label):
        superuser = user.is_superuser
        permissions = "superuser" if superuser else frozenset(user.get_all_permissions())
        return (
            user.is_active,
            user.is_staff,
            permissions,
            app_label,
            get_language(),
            get_script_prefix(),
        )

    def get(self, request, app_label, build):
        key = self.key(request.user, app_label)
        if key not in self._lists:
            if len(self._lists) >= KEPT:
                self._lists.clear()
            self._lists[key] = build(request, app_label)
        return self._lists[key]


def _in_path(url, path):
    return bool(url) and url in path


def app_list_html(app_list, request_path, show_changelinks):
    """Django's ``admin/app_list.html`` for ``app_list`` on the page at ``request_path``."""
    if not app_list:
        return mark_safe(f"<p>{_(NOTHING)}</p>")
    path = quote(request_path, safe="/")
    esc = escape
    # Django's own labels (its admin catalogue), written as ``{% translate %}`` does.
    head = (
        '<thead class="visually-hidden"><tr>'
        f'<th scope="col">{_("Model name")}</th>'
        f'<th scope="col">{_("Add link")}</th>'
        f'<th scope="col">{_("Change or view list link")}</th>'
        "</tr></thead>"
    )
    add, view, change = _("Add"), _("View"), _("Change")
    title = _("Models in the %(name)s application")
    html = []
    for app in app_list:
        label, app_url = esc(app["app_label"]), app["app_url"]
        current_app = " current-app" if _in_path(app_url, path) else ""
        html.append(
            f'<div class="app-{label} module{current_app}"><table><caption>'
            f'<a href="{esc(app_url)}" class="section" '
            f'title="{title % {"name": esc(app["name"])}}">{esc(app["name"])}</a>'
            f"</caption>{head}"
        )
        for model in app["models"]:
            model_name = esc(str(model["object_name"]).lower())
            admin_url, add_url = model["admin_url"], model.get("add_url")
            current = _in_path(admin_url, path)
            row_id = f"{label}-{model_name}"
            name = esc(model["name"])
            if admin_url:
                aria = ' aria-current="page"' if current else ""
                name = f'<a href="{esc(admin_url)}"{aria}>{name}</a>'
            html.append(
                f'<tr class="model-{model_name}{" current-model" if current else ""}">'
                f'<th scope="row" id="{row_id}">{name}</th>'
            )
            if add_url:
                html.append(
                    f'<td><a href="{esc(add_url)}" class="addlink" '
                    f'aria-describedby="{row_id}">{add}</a></td>'
                )
            else:
                html.append("<td></td>")
            if admin_url and show_changelinks:
                kind, text = (
                    ("viewlink", view) if model.get("view_only") else ("changelink", change)
                )
                html.append(
                    f'<td><a href="{esc(admin_url)}" class="{kind}" '
                    f'aria-describedby="{row_id}">{text}</a></td>'
                )
            elif show_changelinks:
                html.append("<td></td>")
            html.append("</tr>")
        html.append("</table></div>")
    return mark_safe("".join(html))

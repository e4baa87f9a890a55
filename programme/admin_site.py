"""The staff's admin site: Django's, in French, with the programme's workflow screens.

Apps register their staff screens with ``admin.site.register_view``; the site wraps them
in ``admin_view`` (signed-in, active staff only), serves them under ``/admin/`` and lists
them on the index page (unless ``listed=False``: a download behind a listed screen).

Only accounts that passed their second factor are let in (``has_permission``); one that
has not is sent to its page, and the login form counts wrong passwords like the site's
(``programme.throttle``).

Apps add panels to the index page (the staff dashboard) with
``admin.site.register_panel``: a template and a function of the request giving its
context, shown to staff holding the panel's permission.
"""

import logging
from dataclasses import dataclass

from django.contrib import admin
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from programme import proconnect, second_factor
from programme.admin_navigation import AppLists

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class StaffView:
    route: str
    view: object
    name: str
    label: str
    description: str
    permission: str
    listed: bool = True


@dataclass(frozen=True)
class IndexPanel:
    template: str
    context: object
    permission: str


class TremplinAdminSite(admin.AdminSite):
    site_header = _("Tremplin — administration du programme")
    site_title = _("Tremplin")
    index_title = _("Pilotage du programme")
    index_template = "admin/tremplin_index.html"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._staff_views = []
        self._panels = []
        self._app_lists = AppLists()

    def logout(self, request, extra_context=None):
        """Django's, then, for a staff member signed in with ProConnect, the end of the
        ProConnect session too (as the site's sign-out does)."""
        id_token = request.session.get(proconnect.ID_TOKEN_SESSION_KEY)
        response = super().logout(request, extra_context)
        if request.method != "POST" or not id_token or not proconnect.is_enabled():
            return response
        try:
            return proconnect.logout_redirect(
                request, id_token, proconnect.site_url("accounts:proconnect_signed_out")
            )
        except (*proconnect.ERRORS, proconnect.ProConnectError):
            logger.warning("ProConnect: the logout request failed", exc_info=True)
            return response

    def get_app_list(self, request, app_label=None):
        """Django's, built once per set of permissions (``admin_navigation.AppLists``):
        ``each_context`` (the sidebar of every page) and the index page ask for it, and
        each build checks every model's permissions."""
        return self._app_lists.get(request, app_label, super().get_app_list)

    def has_permission(self, request):
        return super().has_permission(request) and second_factor.is_verified(request.user)

    def login(self, request, extra_context=None):
        """Django's login page, counting wrong passwords; an account with admin access
        signed in without its second factor goes to the second-factor page."""
        user = request.user
        if user.is_active and user.is_staff and not second_factor.is_verified(user):
            next_url = request.GET.get(REDIRECT_FIELD_NAME) or reverse(f"{self.name}:index")
            return redirect(second_factor.second_factor_url(user, next_url))
        if request.method == "GET" and self.has_permission(request):
            return redirect(f"{self.name}:index")

        from django.contrib.admin.forms import AdminAuthenticationForm

        from programme.views_accounts import AdminLoginView

        context = {
            **self.each_context(request),
            "title": _("Connexion"),
            "subtitle": None,
            "app_path": request.get_full_path(),
            "username": user.get_username(),
        }
        if REDIRECT_FIELD_NAME not in request.GET and REDIRECT_FIELD_NAME not in request.POST:
            context[REDIRECT_FIELD_NAME] = reverse(f"{self.name}:index")
        context.update(extra_context or {})
        request.current_app = self.name
        return AdminLoginView.as_view(
            extra_context=context,
            authentication_form=self.login_form or AdminAuthenticationForm,
            template_name=self.login_template or "admin/login.html",
        )(request)

    def register_view(self, route, view, *, name, label, description="", permission, listed=True):
        """Serve ``view`` at ``/admin/<route>`` for staff holding ``permission``."""
        self._staff_views.append(
            StaffView(route, view, name, label, description, permission, listed)
        )

    def register_panel(self, template, context, *, permission):
        """Show ``template`` on the index page, rendered with ``context(request)``."""
        self._panels.append(IndexPanel(template, context, permission))

    def get_urls(self):
        staff_urls = [
            path(staff_view.route, self.admin_view(staff_view.view), name=staff_view.name)
            for staff_view in self._staff_views
        ]
        return staff_urls + super().get_urls()

    def staff_views_for(self, request):
        return [
            {
                "url": reverse(f"{self.name}:{staff_view.name}"),
                "label": staff_view.label,
                "description": staff_view.description,
            }
            for staff_view in self._staff_views
            if staff_view.listed and request.user.has_perm(staff_view.permission)
        ]

    def panels_for(self, request):
        return [
            {"template": panel.template, **panel.context(request)}
            for panel in self._panels
            if request.user.has_perm(panel.permission)
        ]

    def index(self, request, extra_context=None):
        extra_context = {
            "staff_views": self.staff_views_for(request),
            "panels": self.panels_for(request),
            **(extra_context or {}),
        }
        return super().index(request, extra_context)

"""What the admin modules of every app share: the rows services write, which staff read
and never edit; the staff screens of one object served beside its change form; the
author of a row staff add."""

from functools import partial

from django.contrib import admin
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import path
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from programme.admin_rows import cells_per_table
from programme.escaping import escape


class RecordAdmin(admin.ModelAdmin):
    """Rows written by the services (history, audit log, marks, decisions): staff read
    them here, never add, edit or delete them."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ObjectScreensMixin:
    """Staff screens of one object beside its change form.

    ``object_screens()`` gives each as ``(route, view, url name)``; the view is called as
    ``view(model_admin, request, **url arguments)``, through the admin's ``admin_view``
    (signed-in, active staff), before the admin's own URLs.
    """

    def object_screens(self):
        return []

    def get_urls(self):
        return [
            path(route, self.admin_site.admin_view(partial(view, self)), name=name)
            for route, view, name in self.object_screens()
        ] + super().get_urls()


def _checkboxes(model_admin):
    """Each row's checkbox, its label translated once per table."""
    # Django's own message and translation (its admin catalogue).
    label = _("Select this object for an action - {}")
    start = f'<input type="checkbox" name="{escape(ACTION_CHECKBOX_NAME)}" value="'
    return lambda obj: mark_safe(
        f'{start}{escape(str(obj.pk))}" class="action-select" '
        f'aria-label="{label.format(escape(str(obj)))}">'
    )


class QuickActionCheckboxMixin:
    """The list's selection checkbox as Django renders it, without a widget template per
    row (the widget's template rendering was the costliest cell of a 100-row list)."""

    @staticmethod
    def checkbox(obj, label):
        return format_html(
            '<input type="checkbox" name="{}" value="{}" class="action-select" aria-label="{}">',
            ACTION_CHECKBOX_NAME,
            str(obj.pk),
            format_html(label, str(obj)),
        )

    @cells_per_table(_checkboxes)
    def action_checkbox(self, obj):
        return self.checkbox(obj, _("Select this object for an action - {}"))


class CreatedByStaffMixin:
    """A row staff add in the admin is written as theirs (``created_by``)."""

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

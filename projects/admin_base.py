"""What the admin modules of applications and laureates share: read-only history, the
history timeline and the confirmation step of each move staff may make.

The timeline screens load through the admin's permissions, call the lifecycle services
and nothing else to move anything, and show the guards' reasons next to each move the
staff cannot make.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.views.main import ChangeList
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import get_script_prefix, reverse
from django.utils.functional import cached_property
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from programme.admin_base import ObjectScreensMixin, RecordAdmin
from programme.admin_rows import cells_per_table
from programme.enums import DecisionSource
from programme.escaping import escape
from programme.lifecycles import Refused
from programme.rules import require_perm

STAFF = DecisionSource.STAFF


class ReadOnlyInline(admin.TabularInline):
    """History shown as it was written: nobody adds, edits or deletes it here."""

    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class ObjectLinks:
    """The address of an admin page of one object, for every row of a list: reversed
    once with a made-up primary key (per page name, admin site and script prefix), then
    built from the parts around it, as primary keys are integers (nothing to escape)."""

    MARK = 918273645

    def __init__(self):
        self._parts = {}

    def url(self, name, pk, current_app=None):
        key = (name, current_app, get_script_prefix())
        if key not in self._parts:
            path = reverse(name, args=[self.MARK], current_app=current_app)
            head, _mark, tail = path.partition(f"/{self.MARK}/")
            self._parts[key] = (f"{head}/", f"/{tail}")
        head, tail = self._parts[key]
        return f"{head}{int(pk)}{tail}"


class LinkedOnceChangeList(ChangeList):
    """The list whose rows link to their change form without a reverse per row."""

    def url_for_result(self, result):
        opts = self.opts
        return self.model_admin.links.url(
            f"admin:{opts.app_label}_{opts.model_name}_change",
            getattr(result, self.pk_attname),
            current_app=self.model_admin.admin_site.name,
        )


class TimelineMixin(ObjectScreensMixin):
    """A history page and a confirmation page per move, beside the change form; the
    list's links to them built without a reverse per row."""

    timeline_view = None
    move_view = None
    change_form_template = "admin/projects/change_form_with_timeline.html"

    @cached_property
    def links(self):
        return ObjectLinks()

    def get_changelist(self, request, **kwargs):
        return LinkedOnceChangeList

    def object_screens(self):
        opts = self.model._meta
        prefix = f"{opts.app_label}_{opts.model_name}"
        return [
            ("<int:pk>/historique/", self.timeline_view, f"{prefix}_timeline"),
            ("<int:pk>/changer/<str:target>/", self.move_view, f"{prefix}_move"),
        ]

    @admin.display(description=gettext_lazy("historique"))
    @cells_per_table(lambda model_admin: model_admin.timeline_links())
    def timeline_link(self, obj):
        return self.timeline_links()(obj)

    def timeline_links(self):
        """Each row's link to its history, the label translated once per table."""
        opts = self.model._meta
        name = f"admin:{opts.app_label}_{opts.model_name}_timeline"
        label = escape(_("Historique et décisions"))

        def link(obj):
            url = self.links.url(name, obj.pk, current_app=self.admin_site.name)
            return mark_safe(f'<a href="{escape(url)}">{label}</a>')

        return link


class TransitionAdmin(RecordAdmin):
    """The whole history, read-only."""

    date_hierarchy = "at"
    list_filter = ["decided_by"]


class MoveForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Motif de la décision"),
        widget=forms.Textarea(attrs={"rows": 4, "cols": 60}),
        help_text=gettext_lazy("Enregistré dans l'historique et communiqué à l'équipe."),
    )


def require_permission(request, permission):
    require_perm(request.user, permission)


def move_or_404(lifecycle, source, target):
    move = lifecycle.find(source, target) if target in lifecycle.states.values else None
    if move is None or not move.allows(STAFF):
        raise Http404(_("Ce changement n'existe pas pour cet objet."))
    return move


def staff_moves(lifecycle, current, url_name, pk, refusals_for):
    """Each move staff may make from ``current``, with what blocks it now."""
    return [
        {
            "label": move.label,
            "url": reverse(url_name, args=[pk, move.target]),
            "refusals": refusals_for(move.target),
        }
        for move in lifecycle.moves
        if move.source == current and move.allows(STAFF)
    ]


def timeline_page(model_admin, request, subject, events, moves, **context):
    """The history timeline of ``subject`` (an application or a project): its ``events``
    and, for staff who may change it, the moves they may make; ``moves`` is the lifecycle,
    the current state and the refusals of a move to a target."""
    model = subject._meta.model_name
    lifecycle, current, refusals_for = moves
    url_name = f"admin:projects_{model}_move"
    may_move = request.user.has_perm(f"projects.change_{model}")
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": subject._meta,
        "title": _("Historique de %(title)s") % {"title": subject.title},
        "subject": subject,
        "events": events,
        "actions": staff_moves(lifecycle, current, url_name, subject.pk, refusals_for)
        if may_move
        else [],
        **context,
    }
    return TemplateResponse(request, "admin/projects/timeline.html", context)


def timeline_events(application_history, project_history=()):
    events = [
        {
            "at": row.at,
            "label": row.get_to_status_display(),
            "kind": "application",
            "row": row,
        }
        for row in application_history
    ] + [
        {
            "at": row.at,
            "label": _("Renouvellement de l'expérimentation")
            if row.is_renewal
            else row.get_to_phase_display(),
            "kind": "project",
            "row": row,
        }
        for row in project_history
    ]
    return sorted(events, key=lambda event: (event["at"], event["kind"] == "project"))


def confirm_move(model_admin, request, *, subject, move, form, timeline_url, current_label):
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": subject._meta,
        "title": _("Confirmer : %(move)s") % {"move": move.label},
        "subject": subject,
        "move": move,
        "current_label": current_label,
        "form": form,
        "timeline_url": timeline_url,
    }
    return TemplateResponse(request, "admin/projects/confirm_move.html", context)


def after_move(request, history, label, timeline_url):
    if history is None:
        messages.info(request, _("Ce changement a déjà été fait : rien n'a été modifié."))
    else:
        messages.success(request, _("C'est fait : %(move)s.") % {"move": label})
    return redirect(timeline_url)


def confirm_then_move(
    model_admin, request, *, subject, move, form, timeline_url, current_label, perform
):
    """The confirmation step of a move: on a valid POST, ``perform(form)`` calls the
    lifecycle service and returns its history row; a refusal goes back on the form."""
    if request.method == "POST" and form.is_valid():
        try:
            history = perform(form)
        except Refused as refused:
            refused.add_to_form(form)
        else:
            return after_move(request, history, move.label, timeline_url)
    return confirm_move(
        model_admin,
        request,
        subject=subject,
        move=move,
        form=form,
        timeline_url=timeline_url,
        current_label=current_label,
    )

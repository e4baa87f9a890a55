"""Bulk screening of applications from the admin list, through the lifecycle service;
the publication of a call's screening decisions to the teams; the CSV export of the
selection."""

from django.contrib import admin, messages
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from editions.models import Call
from programme.enums import DecisionSource
from programme.exports import csv_response
from programme.lifecycles import Refused
from projects.admin_base import MoveForm, require_permission
from projects.applications.exports import applications_table
from projects.applications.services import move_application, publish_screening, screening_to_publish
from projects.enums import ApplicationStatus
from projects.models import Application


def _screen(model_admin, request, queryset, target, label):
    """Ask for the reason once, then apply the decision to each selected application."""
    form = MoveForm(request.POST if "apply" in request.POST else None)
    if "apply" in request.POST and form.is_valid():
        moved, refused = 0, []
        for application in queryset.select_related("call"):
            try:
                if move_application(
                    application,
                    target,
                    actor=request.user,
                    decided_by=DecisionSource.STAFF,
                    reason=form.cleaned_data["reason"],
                ):
                    moved += 1
            except Refused as refusal:
                refused.append(f"{application} : {' '.join(refusal.reasons)}")
        model_admin.message_user(
            request,
            ngettext(
                "%(label)s : %(count)d candidature, en attente de publication aux équipes.",
                "%(label)s : %(count)d candidatures, en attente de publication aux équipes.",
                moved,
            )
            % {"label": label, "count": moved},
            messages.SUCCESS,
        )
        for line in refused:
            model_admin.message_user(request, line, messages.WARNING)
        return None
    context = {
        **model_admin.admin_site.each_context(request),
        "title": label,
        "opts": model_admin.model._meta,
        "queryset": queryset,
        "form": form,
        "action": request.POST.get("action"),
        "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
    }
    return TemplateResponse(request, "admin/projects/screen_applications.html", context)


@admin.action(description=gettext_lazy("Présélectionner (avec un motif)"), permissions=["change"])
def shortlist(model_admin, request, queryset):
    return _screen(
        model_admin, request, queryset, ApplicationStatus.SHORTLISTED, _("Présélectionner")
    )


@admin.action(
    description=gettext_lazy("Ne pas présélectionner (avec un motif)"), permissions=["change"]
)
def not_shortlist(model_admin, request, queryset):
    return _screen(
        model_admin,
        request,
        queryset,
        ApplicationStatus.NOT_SHORTLISTED,
        _("Ne pas présélectionner"),
    )


@admin.action(
    description=gettext_lazy("Déclarer non recevables (avec un motif)"), permissions=["change"]
)
def mark_ineligible(model_admin, request, queryset):
    return _screen(
        model_admin, request, queryset, ApplicationStatus.INELIGIBLE, _("Déclarer non recevable")
    )


def with_screening_counts(queryset):
    return queryset.with_untold_screening().with_team_counts()


@admin.action(description=gettext_lazy("Exporter en CSV"), permissions=["view"])
def export_csv(model_admin, request, queryset):
    """The selected applications, with the columns of the « Exports » screen."""
    selection = Application.objects.filter(pk__in=queryset.values("pk"))
    return csv_response("candidatures.csv", *applications_table(applications=selection))


class UntoldScreeningFilter(admin.SimpleListFilter):
    title = gettext_lazy("publication aux équipes")
    parameter_name = "publication"

    def lookups(self, request, model_admin):
        return [("en-attente", _("En attente de publication"))]

    def queryset(self, request, queryset):
        if self.value() == "en-attente":
            return queryset.filter(untold_screening=True)
        return queryset


def calls_with_untold_screening():
    """The calls with screening decisions waiting to be published, and how many."""
    waiting = Application.objects.untold_screening().values("pk")
    return (
        Call.objects.filter(applications__in=waiting)
        .annotate(waiting=Count("applications", distinct=True))
        .select_related("edition")
        .order_by("edition__number")
    )


def publish_screening_view(model_admin, request, call_pk):
    """Confirm, then tell the teams of a call the screening decisions waiting for them."""
    require_permission(request, "projects.change_application")
    call = get_object_or_404(Call.objects.select_related("edition"), pk=call_pk)
    changelist = reverse("admin:projects_application_changelist")
    if request.method == "POST":
        count = publish_screening(call, actor=request.user)
        if count:
            model_admin.message_user(
                request,
                ngettext(
                    "Décision de présélection publiée : %(count)d équipe prévenue.",
                    "Décisions de présélection publiées : %(count)d équipes prévenues.",
                    count,
                )
                % {"count": count},
                messages.SUCCESS,
            )
        else:
            model_admin.message_user(
                request,
                _("Aucune décision de présélection n'attendait d'être publiée : rien n'a changé."),
                messages.INFO,
            )
        return redirect(f"{changelist}?call__edition__id__exact={call.edition_id}")
    applications = list(screening_to_publish(call))
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": Application._meta,
        "title": _("Publier les décisions de présélection"),
        "call": call,
        "rows": [(application, application.last_transition()) for application in applications],
        "refusals": []
        if applications
        else [_("Aucune décision de présélection n'attend d'être publiée pour cet appel.")],
    }
    return TemplateResponse(request, "admin/projects/publish_screening.html", context)

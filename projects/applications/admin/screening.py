"""Bulk screening of applications from the admin list, through the lifecycle service,
and the CSV export of the selection."""

from django.contrib import admin, messages
from django.db.models import Count, Q
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from programme.enums import DecisionSource
from programme.exports import csv_response
from programme.lifecycles import Refused
from projects.admin_base import MoveForm
from projects.applications.exports import applications_table
from projects.applications.services import move_application
from projects.enums import ApplicationStatus, ManagerResponse, MemberKind
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
            _("%(label)s : %(count)d candidature(s).") % {"label": label, "count": moved},
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
    return queryset.annotate(
        member_count=Count("team_members", distinct=True),
        pending_agreements=Count(
            "team_members",
            filter=Q(
                team_members__kind=MemberKind.AGENT,
                team_members__manager_response=ManagerResponse.PENDING,
            ),
            distinct=True,
        ),
        attachment_count=Count("attachments", distinct=True),
    )


@admin.action(description=gettext_lazy("Exporter en CSV"), permissions=["view"])
def export_csv(model_admin, request, queryset):
    """The selected applications, with the columns of the « Exports » screen."""
    selection = Application.objects.filter(pk__in=queryset.values("pk"))
    return csv_response("candidatures.csv", *applications_table(applications=selection))

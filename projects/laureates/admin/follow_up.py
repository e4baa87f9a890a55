"""The follow-up of laureates in the admin: periods with their coaching, milestones, time
and resources; indicators and the measurements staff check; phase reports.

Statuses are shown, never edited: a measurement is checked, a report given back to its
team, through the actions of ``projects.admin_review`` and the services behind them.
"""

from django.contrib import admin
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from programme.admin_base import CreatedByStaffMixin, ObjectScreensMixin, RecordAdmin
from projects.admin_base import ReadOnlyInline
from projects.enums import MeasurementStatus
from projects.laureates.admin import reporting as admin_review
from projects.models import (
    CoachingEntry,
    ImpactIndicator,
    Measurement,
    Milestone,
    PhasePeriod,
    PhaseReport,
    Resource,
    TeamMember,
    TimeCommitment,
    TimeDeclaration,
)

EDITION = "project__application__call__edition"


class MilestoneInline(admin.TabularInline):
    """A milestone's wording and due date are plain data; its state moves through
    ``set_milestone_status``, on a page of its own."""

    model = Milestone
    extra = 0
    fields = [
        "title",
        "due_on",
        "description",
        "status",
        "status_changed_at",
        "status_note",
        "change_status",
    ]
    readonly_fields = ["status", "status_changed_at", "status_note", "change_status"]

    @admin.display(description=_("action"))
    def change_status(self, milestone):
        return admin_review.milestone_status_link(milestone)


class CoachingEntryInline(admin.StackedInline):
    model = CoachingEntry
    extra = 0
    autocomplete_fields = ["coach"]
    fields = [("held_on", "duration_hours", "coach"), "topics", "next_steps"]


class TimeCommitmentInline(admin.TabularInline):
    """Planned days a week per member, for the members of the project's own team."""

    model = TimeCommitment
    extra = 0
    fields = ["member", "planned_days_per_week"]

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        team = TeamMember.objects.none()
        if obj is not None:
            team = TeamMember.objects.filter(application_id=obj.project.application_id)
        formset.form.base_fields["member"].queryset = team.order_by("last_name", "first_name")
        return formset


class TimeDeclarationInline(ReadOnlyInline):
    """The days given each month, as the team declared them."""

    model = TimeDeclaration
    fields = ["month", "member", "days_given", "comment", "declared_by", "declared_at"]
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("member", "declared_by")


class ResourceInline(admin.TabularInline):
    model = Resource
    extra = 0
    fields = ["kind", "label", "amount_granted", "amount_used", "use_note"]


class PhaseReportInline(admin.StackedInline):
    """The team's report, read-only: staff may only give a submitted one back."""

    model = PhaseReport
    can_delete = False
    fields = [
        ("status", "submitted_at", "submitted_by"),
        "problem",
        "tested",
        "results",
        "indicators_comment",
        ("recommendation", "recommendation_reasons"),
        ("reopened_at", "reopened_by", "reopened_reason"),
        "reopen",
    ]
    readonly_fields = [
        "status",
        "submitted_at",
        "submitted_by",
        *PhaseReport.TEAM_FIELDS,
        "reopened_at",
        "reopened_by",
        "reopened_reason",
        "reopen",
    ]

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=_("action"))
    def reopen(self, report):
        return admin_review.reopen_link(report)


@admin.register(PhasePeriod)
class PhasePeriodAdmin(ObjectScreensMixin, admin.ModelAdmin):
    """Periods are opened and closed by the lifecycle service; here staff keep their
    means and follow-up."""

    list_display = ["__str__", "edition", "planned_start", "planned_end", "actual_end"]
    list_filter = ["phase", EDITION]
    list_select_related = [EDITION]
    search_fields = ["project__title"]
    autocomplete_fields = ["coaches"]
    readonly_fields = ["project", "sequence", "phase", "actual_end"]
    fieldsets = [
        (None, {"fields": ["project", ("sequence", "phase")]}),
        (
            _("Dates"),
            {"fields": [("planned_start", "planned_end"), ("actual_start", "actual_end")]},
        ),
        (_("Moyens"), {"fields": ["days_per_week", "place"]}),
        (
            _("Accompagnement"),
            {"fields": ["coaches", "objectives", "results_summary", "results_published"]},
        ),
    ]
    inlines = [
        MilestoneInline,
        CoachingEntryInline,
        TimeCommitmentInline,
        TimeDeclarationInline,
        ResourceInline,
        PhaseReportInline,
    ]

    @admin.display(description=_("édition"), ordering=f"{EDITION}__number")
    def edition(self, period):
        return period.project.application.call.edition

    def has_add_permission(self, request):
        # A period is opened by projects.laureates.services when a project enters a phase.
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def object_screens(self):
        return [
            (
                "<int:pk>/jalons/<int:milestone_pk>/etat/",
                admin_review.milestone_status_view,
                "projects_milestone_status",
            )
        ]

    def save_formset(self, request, form, formset, change):
        if formset.model is Milestone:
            for milestone_form in formset.forms:
                if milestone_form.instance.pk is None:
                    milestone_form.instance.created_by = request.user
        super().save_formset(request, form, formset, change)


class MeasurementInline(ReadOnlyInline):
    model = Measurement
    fields = [
        "measured_on",
        "value",
        "source",
        "status",
        "entered_by",
        "reviewed_by",
        "reviewed_at",
        "review_note",
    ]
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("entered_by", "reviewed_by")


@admin.register(ImpactIndicator)
class ImpactIndicatorAdmin(CreatedByStaffMixin, admin.ModelAdmin):
    list_display = ["name", "project", "unit", "baseline", "target", "is_published", "to_review"]
    list_filter = ["is_published", EDITION]
    list_select_related = ["project"]
    search_fields = ["name", "project__title"]
    autocomplete_fields = ["project"]
    fields = [
        "project",
        "name",
        "unit",
        ("baseline", "target"),
        "method",
        "position",
        "is_published",
        ("created_by", "updated_at"),
    ]
    readonly_fields = ["created_by", "updated_at"]
    inlines = [MeasurementInline]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                proposed=Count(
                    "measurements", filter=Q(measurements__status=MeasurementStatus.PROPOSED)
                )
            )
        )

    @admin.display(description=_("mesures à valider"), ordering="proposed")
    def to_review(self, indicator):
        return indicator.proposed

    def get_readonly_fields(self, request, obj=None):
        if obj is not None:
            return [*self.readonly_fields, "project"]
        return self.readonly_fields


@admin.register(Measurement)
class MeasurementAdmin(admin.ModelAdmin):
    """Staff check the measurements teams and coaches enter: the validated ones of a
    published indicator are public."""

    list_display = [
        "indicator",
        "project",
        "measured_on",
        "value",
        "source",
        "status",
        "entered_by",
    ]
    list_filter = ["status", f"indicator__{EDITION}"]
    list_select_related = ["indicator__project", "entered_by"]
    search_fields = ["indicator__name", "indicator__project__title", "source"]
    actions = [admin_review.validate_measurements, admin_review.reject_measurements]
    fields = [
        "indicator",
        ("measured_on", "value"),
        "source",
        ("entered_by", "entered_at"),
        "status",
        ("reviewed_by", "reviewed_at"),
        "review_note",
    ]
    readonly_fields = [
        "indicator",
        "entered_by",
        "entered_at",
        "status",
        "reviewed_by",
        "reviewed_at",
        "review_note",
    ]

    @admin.display(description=_("projet"), ordering="indicator__project__title")
    def project(self, measurement):
        return measurement.indicator.project

    def has_add_permission(self, request):
        # The team or a coach enters measurements, from the project's follow-up.
        return False

    def has_review_permission(self, request):
        return request.user.has_perm("projects.review_measurement")

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and not obj.is_proposed:
            # A checked figure stays as it was checked.
            return [*self.readonly_fields, "measured_on", "value", "source"]
        return self.readonly_fields


@admin.register(PhaseReport)
class PhaseReportAdmin(ObjectScreensMixin, RecordAdmin):
    list_display = ["project", "period", "status", "submitted_at", "reopen"]
    list_filter = ["status", f"period__{EDITION}"]
    list_select_related = ["period__project"]
    search_fields = ["period__project__title"]
    fields = ["period", *PhaseReportInline.fields]
    readonly_fields = ["period", *PhaseReportInline.readonly_fields]

    @admin.display(description=_("projet"), ordering="period__project__title")
    def project(self, report):
        return report.period.project

    @admin.display(description=_("action"))
    def reopen(self, report):
        return admin_review.reopen_link(report)

    def object_screens(self):
        return [
            (
                "<int:pk>/rendre-a-l-equipe/",
                admin_review.reopen_report_view,
                "projects_phasereport_reopen",
            )
        ]

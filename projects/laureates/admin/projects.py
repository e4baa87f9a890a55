"""The admin of laureate projects: their periods, indicators and history. Phases are
read-only here: they move only through ``projects.laureates.services``."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from projects.admin_base import ReadOnlyInline, TimelineMixin, TransitionAdmin
from projects.laureates.admin import timeline
from projects.models import ImpactIndicator, PhasePeriod, Project, ProjectTransition


class PhasePeriodInline(admin.StackedInline):
    """A period's dates and means; its follow-up lives on its own page (the change link)."""

    model = PhasePeriod
    extra = 0
    can_delete = False
    show_change_link = True
    autocomplete_fields = ["coaches"]
    readonly_fields = ["sequence", "phase", "actual_end"]
    fieldsets = [
        (None, {"fields": [("sequence", "phase")]}),
        (
            _("Dates"),
            {"fields": [("planned_start", "planned_end"), ("actual_start", "actual_end")]},
        ),
        (
            _("Moyens"),
            {"fields": ["days_per_week", "place"]},
        ),
        (
            _("Accompagnement"),
            {"fields": ["coaches", "objectives", "results_summary", "results_published"]},
        ),
    ]

    def has_add_permission(self, request, obj=None):
        return False


class ImpactIndicatorInline(admin.TabularInline):
    """The figures that show a project's results; each is public once ticked « publié »."""

    model = ImpactIndicator
    extra = 0
    fields = ["name", "unit", "baseline", "target", "method", "position", "is_published"]


class ProjectTransitionInline(ReadOnlyInline):
    model = ProjectTransition
    fields = ["at", "from_phase", "to_phase", "outcome", "decided_by", "actor", "reason"]
    readonly_fields = fields


@admin.register(Project)
class ProjectAdmin(TimelineMixin, admin.ModelAdmin):
    timeline_view = staticmethod(timeline.project_timeline)
    move_view = staticmethod(timeline.move_project_view)
    list_display = [
        "title",
        "edition",
        "theme",
        "phase",
        "phase_since",
        "is_published",
        "timeline_link",
        "follow_up_link",
    ]
    list_filter = ["phase", "application__call__edition", "theme", "is_published"]
    list_select_related = ["application__call__edition", "theme"]
    search_fields = ["title", "public_summary", "application__title"]
    autocomplete_fields = ["theme"]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["application", "phase", "outcome", "phase_since", "follow_up_link"]
    inlines = [PhasePeriodInline, ImpactIndicatorInline, ProjectTransitionInline]
    fieldsets = [
        (None, {"fields": ["application", "title", "slug", "theme", "public_summary"]}),
        (_("Suivi"), {"fields": ["follow_up_link"]}),
        (_("Phase"), {"fields": [("phase", "phase_since"), "outcome"]}),
        (_("Publication"), {"fields": ["is_published", "publish_with_decision"]}),
    ]

    @admin.display(description=_("édition"), ordering="application__call__edition__number")
    def edition(self, project):
        return project.application.call.edition

    @admin.display(description=_("suivi"))
    def follow_up_link(self, project):
        """The follow-up as the team and its coaches see it, on the site."""
        url = reverse("projects:follow_up", args=[project.pk])
        return format_html('<a href="{}">{}</a>', url, _("Suivi du projet"))

    def has_add_permission(self, request):
        # A project is born from a selected application, through projects.services.
        return False


@admin.register(ProjectTransition)
class ProjectTransitionAdmin(TransitionAdmin):
    list_display = ["at", "project", "from_phase", "to_phase", "outcome", "decided_by", "actor"]
    list_filter = ["decided_by", "to_phase"]
    list_select_related = ["project", "actor"]
    search_fields = ["project__title", "reason"]

"""Staff admin of applications and projects. Statuses and phases are read-only here:
they move only through ``projects.services``."""

from django.contrib import admin
from django.template.defaultfilters import filesizeformat
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

# admin_dashboard and admin_follow_up register on import (the dashboard panel, the
# follow-up models).
from projects import admin_actions, admin_dashboard, admin_follow_up, admin_views  # noqa: F401
from projects.admin_base import ReadOnlyInline
from projects.models import (
    Application,
    ApplicationTransition,
    Attachment,
    ImpactIndicator,
    PhasePeriod,
    Project,
    ProjectTransition,
    TeamMember,
)


class TeamMemberInline(admin.StackedInline):
    model = TeamMember
    extra = 0
    autocomplete_fields = ["user", "department", "school", "organisation"]
    readonly_fields = ["manager_response", "manager_responded_at", "invited_at"]
    fieldsets = [
        (None, {"fields": [("first_name", "last_name"), ("email", "user"), ("role", "kind")]}),
        (
            _("Profil"),
            {
                "fields": [
                    "job_title",
                    "department",
                    ("manager_name", "manager_email"),
                    ("manager_response", "manager_responded_at"),
                    "school",
                    "organisation",
                ]
            },
        ),
        (_("Consentement"), {"fields": [("public_name_consent", "public_name_consent_at")]}),
    ]


class AttachmentInline(ReadOnlyInline):
    model = Attachment
    fields = ["original_name", "required_document", "content_type", "size_display", "uploaded_at"]
    readonly_fields = fields

    @admin.display(description=_("taille"))
    def size_display(self, attachment):
        return filesizeformat(attachment.size)


class ApplicationTransitionInline(ReadOnlyInline):
    model = ApplicationTransition
    fields = ["at", "from_status", "to_status", "decided_by", "actor", "reason"]
    readonly_fields = fields


class TimelineMixin:
    """A history page and a confirmation page per move, beside the change form."""

    timeline_view = None
    move_view = None
    change_form_template = "admin/projects/change_form_with_timeline.html"

    def get_urls(self):
        opts = self.model._meta
        prefix = f"{opts.app_label}_{opts.model_name}"
        return [
            path(
                "<int:pk>/historique/",
                self.admin_site.admin_view(self._timeline),
                name=f"{prefix}_timeline",
            ),
            path(
                "<int:pk>/changer/<str:target>/",
                self.admin_site.admin_view(self._move),
                name=f"{prefix}_move",
            ),
            *super().get_urls(),
        ]

    def _timeline(self, request, pk):
        return self.timeline_view(self, request, pk)

    def _move(self, request, pk, target):
        return self.move_view(self, request, pk, target)

    @admin.display(description=_("historique"))
    def timeline_link(self, obj):
        opts = obj._meta
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_timeline", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, _("Historique et décisions"))


@admin.register(Application)
class ApplicationAdmin(TimelineMixin, admin.ModelAdmin):
    timeline_view = staticmethod(admin_views.application_timeline)
    move_view = staticmethod(admin_views.move_application_view)
    list_display = [
        "title",
        "edition",
        "theme",
        "status",
        "submitted_at",
        "members",
        "pending",
        "attachments",
        "timeline_link",
    ]
    list_filter = ["status", "call__edition", "theme"]
    actions = [
        admin_actions.shortlist,
        admin_actions.not_shortlist,
        admin_actions.mark_ineligible,
        admin_actions.export_csv,
    ]
    list_select_related = ["call__edition", "theme"]
    search_fields = ["title", "problem", "team_members__last_name", "team_members__email"]
    autocomplete_fields = ["call", "theme"]
    readonly_fields = ["status", "submitted_at", "created_by", "created_at", "updated_at"]
    inlines = [TeamMemberInline, AttachmentInline, ApplicationTransitionInline]
    fieldsets = [
        (None, {"fields": ["call", "title", "theme", "status", "submitted_at"]}),
        (
            _("Projet"),
            {"fields": ["problem", "target_users", "proposed_solution", "expected_impact"]},
        ),
        (_("Suivi"), {"fields": ["created_by", "created_at", "updated_at"]}),
    ]

    @admin.display(description=_("édition"), ordering="call__edition__number")
    def edition(self, application):
        return application.call.edition

    def get_queryset(self, request):
        return admin_actions.with_screening_counts(super().get_queryset(request))

    @admin.display(description=_("membres"), ordering="member_count")
    def members(self, application):
        return application.member_count

    @admin.display(description=_("accords en attente"), ordering="pending_agreements")
    def pending(self, application):
        return application.pending_agreements

    @admin.display(description=_("pièces"), ordering="attachment_count")
    def attachments(self, application):
        return application.attachment_count

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)


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
    timeline_view = staticmethod(admin_views.project_timeline)
    move_view = staticmethod(admin_views.move_project_view)
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
        (_("Publication"), {"fields": ["is_published"]}),
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


class TransitionAdmin(admin.ModelAdmin):
    """The whole history, read-only."""

    date_hierarchy = "at"
    list_filter = ["decided_by"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ApplicationTransition)
class ApplicationTransitionAdmin(TransitionAdmin):
    list_display = ["at", "application", "from_status", "to_status", "decided_by", "actor"]
    list_filter = ["decided_by", "to_status", "application__call__edition"]
    list_select_related = ["application", "actor"]
    search_fields = ["application__title", "reason"]


@admin.register(ProjectTransition)
class ProjectTransitionAdmin(TransitionAdmin):
    list_display = ["at", "project", "from_phase", "to_phase", "outcome", "decided_by", "actor"]
    list_filter = ["decided_by", "to_phase"]
    list_select_related = ["project", "actor"]
    search_fields = ["project__title", "reason"]

"""The admin of applications: their teams, files, history and decision letters. Statuses
are read-only here: they move only through ``projects.applications.services``."""

from django.contrib import admin
from django.template.defaultfilters import filesizeformat
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from programme.admin_base import CreatedByStaffMixin, QuickActionCheckboxMixin
from projects.admin_base import ReadOnlyInline, TimelineMixin, TransitionAdmin
from projects.applications.admin import screening, timeline
from projects.models import (
    Application,
    ApplicationTransition,
    Attachment,
    DecisionLetter,
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


class DecisionLetterInline(ReadOnlyInline):
    """The letters told to the team, each downloaded through the team's checked view."""

    model = DecisionLetter
    fields = ["created_at", "decision", "download"]
    readonly_fields = fields

    @admin.display(description=_("décision"))
    def decision(self, letter):
        return letter.terms["decision"]

    @admin.display(description=_("lettre (PDF)"))
    def download(self, letter):
        return format_html(
            '<a href="{}">{}</a>',
            reverse("projects:decision_letter", args=[letter.pk]),
            _("Télécharger"),
        )


@admin.register(Application)
class ApplicationAdmin(
    QuickActionCheckboxMixin, CreatedByStaffMixin, TimelineMixin, admin.ModelAdmin
):
    timeline_view = staticmethod(timeline.application_timeline)
    move_view = staticmethod(timeline.move_application_view)
    list_display = [
        "title",
        "edition",
        "theme",
        "status",
        "told",
        "submitted_at",
        "members",
        "pending",
        "attachments",
        "timeline_link",
    ]
    list_filter = ["status", screening.UntoldScreeningFilter, "call__edition", "theme"]
    change_list_template = "admin/projects/application_change_list.html"
    actions = [
        screening.shortlist,
        screening.not_shortlist,
        screening.mark_ineligible,
        screening.export_csv,
    ]
    list_select_related = ["call__edition", "theme"]
    search_fields = ["title", "problem", "team_members__last_name", "team_members__email"]
    autocomplete_fields = ["call", "theme"]
    readonly_fields = ["status", "submitted_at", "created_by", "created_at", "updated_at"]
    inlines = [
        TeamMemberInline,
        AttachmentInline,
        ApplicationTransitionInline,
        DecisionLetterInline,
    ]
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

    def get_urls(self):
        return [
            path(
                "publier-preselection/<int:call_pk>/",
                self.admin_site.admin_view(self._publish_screening),
                name="projects_application_publish_screening",
            ),
            *super().get_urls(),
        ]

    def _publish_screening(self, request, call_pk):
        return screening.publish_screening_view(self, request, call_pk)

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            "calls_to_publish": screening.calls_with_untold_screening()
            if self.has_change_permission(request)
            else [],
            **(extra_context or {}),
        }
        return super().changelist_view(request, extra_context)

    def get_queryset(self, request):
        return screening.with_screening_counts(super().get_queryset(request))

    @admin.display(description=_("publication"), boolean=False, ordering="untold_screening")
    def told(self, application):
        return _("en attente de publication") if application.untold_screening else "—"

    @admin.display(description=_("membres"), ordering="member_count")
    def members(self, application):
        return application.member_count

    @admin.display(description=_("accords en attente"), ordering="pending_agreements")
    def pending(self, application):
        return application.pending_agreements

    @admin.display(description=_("pièces"), ordering="attachment_count")
    def attachments(self, application):
        return application.attachment_count


@admin.register(ApplicationTransition)
class ApplicationTransitionAdmin(TransitionAdmin):
    list_display = ["at", "application", "from_status", "to_status", "decided_by", "actor"]
    list_filter = ["decided_by", "to_status", "application__call__edition"]
    list_select_related = ["application", "actor"]
    search_fields = ["application__title", "reason"]

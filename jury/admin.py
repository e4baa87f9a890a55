"""Staff admin of the jury. Session statuses, scores, conflicts and decisions are shown
read-only: they are written by ``jury.services``."""

from django.contrib import admin
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from jury.admin_agenda import (
    AgendaItemInline,
    FrozenOnceScoringMixin,
    FrozenWhenClosedMixin,
    cancel_dropped_pitches,
)
from jury.admin_views import session_step, session_steps
from jury.exports import export_download, exports_page
from jury.models import (
    AgendaItem,
    ConflictOfInterest,
    Convocation,
    Criterion,
    Decision,
    JuryMember,
    MinutesRecord,
    Score,
    Session,
    TeamInvitation,
)
from jury.services import add_default_criteria
from jury.tasks import send_pitch_cancellation, send_pitch_invitation, send_session_invitation
from programme.admin_base import ObjectScreensMixin, RecordAdmin
from programme.admin_outbox import label_mail
from programme.admin_search import SearchKind, register_kind
from programme.dates import format_date


class ConvocationInline(FrozenWhenClosedMixin, admin.TabularInline):
    model = Convocation
    extra = 0
    autocomplete_fields = ["member"]


class CriterionInline(FrozenOnceScoringMixin, admin.TabularInline):
    """The grids change only before scoring opens: marks are given against them."""

    model = Criterion
    extra = 0
    fields = ["grid", "position", "name", "weight", "scale_max", "description"]


@admin.register(JuryMember)
class JuryMemberAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "public_title", "is_active"]
    list_filter = ["role", "is_active", "programme"]
    list_select_related = ["user"]
    search_fields = ["user__first_name", "user__last_name", "user__email", "public_title"]
    autocomplete_fields = ["user"]


@admin.register(Session)
class SessionAdmin(ObjectScreensMixin, admin.ModelAdmin):
    change_form_template = "admin/jury/session_change_form.html"
    list_display = ["title", "starts_at", "place", "status", "item_count"]
    list_filter = ["status"]
    search_fields = ["title", "place"]
    date_hierarchy = "starts_at"
    readonly_fields = [
        "status",
        "averaging",
        "closed_at",
        "closed_by",
        "minutes_fingerprint",
        "team_invitations",
    ]
    inlines = [ConvocationInline, AgendaItemInline, CriterionInline]
    autocomplete_fields = ["substitute_chair"]
    fieldsets = [
        (None, {"fields": ["programme", "title", "starts_at", "place"]}),
        (
            _("Règles"),
            {"fields": ["quorum", "casting_vote_enabled", "substitute_chair", "averaging"]},
        ),
        (_("Statut"), {"fields": ["status", "closed_at", "closed_by", "minutes_fingerprint"]}),
        (_("Équipes convoquées"), {"fields": ["team_invitations"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(item_total=Count("items"))

    @admin.display(description=_("empreinte SHA-256 du procès-verbal enregistré"))
    def minutes_fingerprint(self, session):
        """Staff check a printed copy against it; the PDF is stored on first reading."""
        record = MinutesRecord.objects.filter(session=session).first()
        return record.sha256 if record else "—"

    @admin.display(description=_("convocations envoyées aux équipes"))
    def team_invitations(self, session):
        """Which teams were told which slot, when and by whom (the last invitation)."""
        invitations = (
            TeamInvitation.objects.filter(item__session=session)
            .select_related("item__application", "sent_by")
            .order_by("starts_at")
        )
        lines = [
            (
                _("%(team)s : de %(start)s à %(end)s ; convocation envoyée le %(sent)s par %(by)s")
                % {
                    "team": invitation.item.application,
                    "start": format_date(timezone.localtime(invitation.starts_at), "H:i"),
                    "end": format_date(timezone.localtime(invitation.ends_at), "H:i"),
                    "sent": format_date(timezone.localtime(invitation.sent_at), "DATETIME_FORMAT"),
                    "by": invitation.sent_by.get_full_name() or invitation.sent_by.email,
                },
            )
            for invitation in invitations
        ]
        if not lines:
            return _("Aucune équipe n'a encore été convoquée.")
        return format_html("<ul>{}</ul>", format_html_join("", "<li>{}</li>", lines))

    @admin.display(description=_("points"), ordering="item_total")
    def item_count(self, session):
        return session.item_total

    def save_formset(self, request, form, formset, change):
        if formset.model is AgendaItem:
            cancel_dropped_pitches(formset, actor=request.user)
        super().save_formset(request, form, formset, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        add_default_criteria(form.instance, actor=request.user)

    def object_screens(self):
        return [("<int:pk>/etape/<str:step>/", session_step, "jury_session_step")]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        session = self.get_object(request, object_id)
        steps = session_steps(session) if session else {}
        extra_context = {
            "session_steps": [
                {
                    "label": label,
                    "refusals": refusals,
                    "url": reverse("admin:jury_session_step", args=[object_id, slug]),
                }
                for slug, (label, refusals, _run) in steps.items()
            ],
            **(extra_context or {}),
        }
        return super().change_view(request, object_id, form_url, extra_context)

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.is_closed:
            return [field.name for field in self.model._meta.fields] + [
                "closed_by",
                "minutes_fingerprint",
                "team_invitations",
            ]
        return super().get_readonly_fields(request, obj)


@admin.register(AgendaItem)
class AgendaItemAdmin(RecordAdmin):
    list_display = ["__str__", "session", "kind"]
    list_filter = ["kind", "session"]
    list_select_related = ["session", "application", "project"]
    search_fields = ["application__title", "project__title", "session__title"]


@admin.register(Decision)
class DecisionAdmin(RecordAdmin):
    list_display = [
        "item",
        "outcome",
        "votes_for",
        "votes_against",
        "votes_abstain",
        "applied_at",
        "published_at",
    ]
    list_filter = ["outcome", "item__session"]
    list_select_related = ["item__session", "item__application", "item__project"]
    search_fields = ["item__application__title", "item__project__title", "public_reasons"]


@admin.register(Score)
class ScoreAdmin(RecordAdmin):
    list_display = ["item", "member", "criterion", "value", "scale_max"]
    list_filter = ["item__session"]
    list_select_related = [
        "item__application",
        "item__project",
        "member__user",
        "criterion",
    ]


@admin.register(ConflictOfInterest)
class ConflictOfInterestAdmin(RecordAdmin):
    list_display = ["item", "member", "declared_by", "declared_at"]
    list_filter = ["item__session"]
    list_select_related = ["item__application", "item__project", "member__user", "declared_by"]


admin.site.register_view(
    "exports/",
    exports_page,
    name="exports",
    label=_("Exports"),
    description=_(
        "Les candidatures, les projets, les indicateurs et les notes du jury en CSV ou "
        "XLSX, par édition."
    ),
    permission="projects.view_project",
)
admin.site.register_view(
    "exports/<slug:dataset>.<slug:file_format>",
    export_download,
    name="export_download",
    label=_("Télécharger un export"),
    permission="projects.view_project",
    listed=False,
)

label_mail(send_session_invitation, _("Convocation à une séance du jury"))
label_mail(send_pitch_invitation, _("Convocation d'une équipe à présenter son projet au jury"))
label_mail(send_pitch_cancellation, _("Annulation du passage d'une équipe devant le jury"))


def _session_line(session):
    return format_date(timezone.localtime(session.starts_at), "DATETIME_FORMAT")


register_kind(
    SearchKind(
        _("Séances du jury"), Session, ("title", "place"), Session.objects.all, _session_line
    )
)

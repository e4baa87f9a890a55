from django.contrib import admin, messages
from django.db.models import Count
from django.shortcuts import redirect
from django.urls import path
from django.utils.translation import gettext_lazy as _

from editions.admin_calendar import PERMISSION as CALENDAR_PERMISSION
from editions.admin_calendar import calendar_ics, calendar_page
from editions.admin_season import next_season_view
from editions.forms import CallForm
from editions.models import Call, Edition, EditionPhase, RequiredDocument
from editions.phases import PERIOD_PHASES, kind_of
from editions.services import add_default_phases, save_call


class RequiredDocumentInline(admin.TabularInline):
    model = RequiredDocument
    extra = 0


@admin.register(Call)
class CallAdmin(admin.ModelAdmin):
    list_display = ["title", "edition", "opens_at", "closes_at", "state", "is_published"]
    list_filter = ["is_published", "edition"]
    list_select_related = ["edition"]
    search_fields = ["title", "edition__name"]
    autocomplete_fields = ["edition"]
    inlines = [RequiredDocumentInline]
    form = CallForm

    def save_model(self, request, obj, form, change):
        save_call(obj, actor=request.user, warnings=getattr(form, "closing_warnings", ()))

    @admin.display(description=_("état"))
    def state(self, call):
        return call.state_at().label


class CallInline(admin.StackedInline):
    model = Call
    extra = 0
    fields = [
        "title",
        "opens_at",
        "closes_at",
        "offer",
        "eligibility",
        "rules",
        "min_team_size",
        "max_team_size",
        "is_published",
    ]
    show_change_link = True

    def get_readonly_fields(self, request, obj=None):
        # Once the call exists its dates change on its own page, which asks to confirm a
        # closing moved into the past or before a submission and records it.
        if obj is not None and Call.objects.filter(edition=obj).exists():
            return ["opens_at", "closes_at"]
        return []


class EditionPhaseInline(admin.TabularInline):
    """One row per period phase: what its periods start from in this edition."""

    model = EditionPhase
    fields = ["phase", "months", "days_per_week", "place"]
    max_num = len(PERIOD_PHASES)
    can_delete = False

    def get_extra(self, request, obj=None, **kwargs):
        # A new edition shows every phase, filled with its kind's defaults.
        return 0 if obj else len(PERIOD_PHASES)


@admin.register(Edition)
class EditionAdmin(admin.ModelAdmin):
    ordering = ["-number"]
    list_display = ["name", "number", "year", "is_published", "application_count"]
    list_filter = ["is_published", "programme"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["coaches"]
    inlines = [EditionPhaseInline, CallInline]
    actions = ["prepare_next_season"]
    fieldsets = [
        (None, {"fields": ["programme", "number", "name", "year", "slug", "summary"]}),
        (_("Publication"), {"fields": ["is_published"]}),
        (_("Accompagnement"), {"fields": ["coaches"]}),
    ]

    @admin.action(description=_("Préparer la saison suivante"), permissions=["add"])
    def prepare_next_season(self, request, queryset):
        """From the list: the form of the one edition chosen (a season has one source)."""
        chosen = list(queryset.values_list("pk", flat=True)[:2])
        if len(chosen) != 1:
            self.message_user(
                request,
                _("Choisissez une seule édition : la saison suivante part d'une édition."),
                messages.WARNING,
            )
            return None
        return redirect("admin:editions_edition_next_season", chosen[0])

    def get_urls(self):
        return [
            path(
                "<int:pk>/saison-suivante/",
                self.admin_site.admin_view(self._next_season),
                name="editions_edition_next_season",
            ),
            *super().get_urls(),
        ]

    def _next_season(self, request, pk):
        return next_season_view(self, request, pk)

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        if isinstance(inline, EditionPhaseInline) and obj.pk is None:
            kwargs["initial"] = [
                {
                    "phase": phase,
                    "months": kind_of(phase).default_months,
                    "days_per_week": kind_of(phase).default_days_per_week,
                }
                for phase in PERIOD_PHASES
            ]
        return kwargs

    def save_related(self, request, form, formsets, change):
        """After the inlines, the phases staff left out get their kind's defaults."""
        super().save_related(request, form, formsets, change)
        add_default_phases(form.instance, actor=request.user)

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(application_total=Count("call__applications"))

    @admin.display(description=_("candidatures"), ordering="application_total")
    def application_count(self, edition):
        return edition.application_total


admin.site.register_view(
    "calendrier/",
    calendar_page,
    name="editions_calendar",
    label=_("Calendrier des éditions"),
    description=_(
        "Les ouvertures et clôtures des appels, la présélection, les séances du jury et "
        "les fins de phase, par édition ou pour toutes, avec leur fichier iCalendar."
    ),
    permission=CALENDAR_PERMISSION,
)
admin.site.register_view(
    "calendrier.ics",
    calendar_ics,
    name="editions_calendar_ics",
    label=_("Télécharger le calendrier"),
    permission=CALENDAR_PERMISSION,
    listed=False,
)

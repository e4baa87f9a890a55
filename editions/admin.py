from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from editions.models import Call, Edition, RequiredDocument


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

    @admin.display(description=_("état"))
    def state(self, call):
        return call.state_at().label


class CallInline(admin.StackedInline):
    model = Call
    extra = 0
    fields = ["title", "opens_at", "closes_at", "max_team_size", "is_published"]
    show_change_link = True


@admin.register(Edition)
class EditionAdmin(admin.ModelAdmin):
    ordering = ["-number"]
    list_display = ["name", "number", "year", "is_published", "application_count"]
    list_filter = ["is_published", "programme"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["coaches"]
    inlines = [CallInline]
    fieldsets = [
        (None, {"fields": ["programme", "number", "name", "year", "slug", "summary"]}),
        (_("Publication"), {"fields": ["is_published"]}),
        (
            _("Phases"),
            {
                "fields": [
                    ("preincubation_months", "preincubation_days_per_week"),
                    "preincubation_place",
                    "coaches",
                    ("experimentation_months", "experimentation_days_per_week"),
                ],
                "description": _(
                    "Valeurs de départ des périodes des projets lauréats de cette édition."
                ),
            },
        ),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(application_total=Count("call__applications"))

    @admin.display(description=_("candidatures"), ordering="application_total")
    def application_count(self, edition):
        return edition.application_total

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import (
    AdminPasswordChangeForm,
    AdminUserCreationForm,
    SetUnusablePasswordMixin,
    UserChangeForm,
)
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.text import Truncator, format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from programme import (
    accounts,
    admin_mail_templates,  # noqa: F401 (registers the screens of mail texts on import)
    admin_outbox,  # noqa: F401 (registers the outbox on import)
    admin_search,  # noqa: F401 (registers the search screen on import)
)
from programme.actions import action_label
from programme.admin_accounts import reset_second_factor_action
from programme.admin_base import RecordAdmin
from programme.enums import NewsStatus
from programme.lifecycles import MoveRefused
from programme.models import AuditEntry, NewsItem, Objective, Organisation, Programme, Theme, User
from programme.services import move_news_item


class UserCreationForm(AdminUserCreationForm):
    class Meta:
        model = User
        fields = ("email",)


class UserEditForm(UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"


class PasswordChangeForm(AdminPasswordChangeForm):
    # Django appends its warning to the help text in English, outside its catalogue.
    usable_password_help_text = format_lazy(
        '{}<ul id="id_unusable_warning" class="messagelist"><li class="warning">{}</li></ul>',
        SetUnusablePasswordMixin.usable_password_help_text,
        _("Si l'option est désactivée, le mot de passe actuel de cette personne sera perdu."),
    )


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    form = UserEditForm
    add_form = UserCreationForm
    change_password_form = PasswordChangeForm
    # Adds the links to a person's export and erasure, when an app serves them.
    change_form_template = "admin/programme/user/change_form.html"
    ordering = ["last_name", "first_name", "email"]
    list_display = ["email", "first_name", "last_name", "organisation", "is_staff", "is_active"]
    list_filter = ["is_staff", "is_superuser", "is_active", "groups"]
    list_select_related = ["organisation"]
    search_fields = ["email", "first_name", "last_name"]
    autocomplete_fields = ["organisation"]
    actions = [reset_second_factor_action, "unlink_proconnect"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (
            _("Identité"),
            {"fields": ["first_name", "last_name", "organisation", "job_title", "proconnect"]},
        ),
        (
            _("Droits"),
            {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]},
        ),
        (_("Dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (
            None,
            {
                "classes": ["wide"],
                "fields": ["email", "usable_password", "password1", "password2"],
            },
        )
    ]
    readonly_fields = ["proconnect"]

    @admin.display(description=_("ProConnect"))
    def proconnect(self, user):
        identities = user.proconnect_identities.order_by("linked_at")
        if not identities:
            return _("Non relié")
        return format_html_join(
            ", ",
            "{} ({})",
            (
                (identity.issuer, date_format(timezone.localtime(identity.linked_at)))
                for identity in identities
            ),
        )

    @admin.action(
        description=_("Délier ProConnect des comptes sélectionnés"), permissions=["change"]
    )
    def unlink_proconnect(self, request, queryset):
        unlinked = sum(
            1 for user in queryset if accounts.unlink_proconnect(user, actor=request.user)
        )
        self.message_user(
            request,
            ngettext(
                "%(count)d compte délié de ProConnect : sa prochaine connexion ProConnect le "
                "reliera par son adresse e-mail vérifiée.",
                "%(count)d comptes déliés de ProConnect : leur prochaine connexion ProConnect "
                "les reliera par leur adresse e-mail vérifiée.",
                unlinked,
            )
            % {"count": unlinked},
        )

    def has_reset_second_factor_permission(self, request):
        return request.user.has_perm("programme.reset_second_factor")


class ObjectiveInline(admin.TabularInline):
    model = Objective
    extra = 0


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ["name", "authority_name", "started_on"]
    search_fields = ["name", "authority_name"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [ObjectiveInline]
    fieldsets = [
        (None, {"fields": ["name", "slug", "authority_name", "tagline", "description"]}),
        (_("Contact"), {"fields": ["started_on", "contact_email", "website_url"]}),
        (
            _("Identité visuelle"),
            {"fields": ["primary_colour", "secondary_colour", "logo", "logo_alt"]},
        ),
        (
            _("Mentions légales et données personnelles"),
            {
                "fields": [
                    "postal_address",
                    "publication_director",
                    "hosting_provider",
                    "dpo_email",
                    "minutes_place",
                ]
            },
        ),
        (
            _("Déclaration d'accessibilité"),
            {
                "fields": [
                    "accessibility_status",
                    "accessibility_statement_on",
                    "accessibility_audit",
                ]
            },
        ),
    ]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "kind"]
    list_filter = ["kind"]
    search_fields = ["name", "short_name"]


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(NewsItem)
class NewsItemAdmin(admin.ModelAdmin):
    list_display = ["title", "status", "published_at", "archived_at"]
    list_filter = ["status", "category"]
    search_fields = ["title", "summary", "body"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["status", "published_at", "archived_at", "status_changed_by"]
    list_select_related = ["programme"]
    actions = ["publish", "archive"]

    def _move(self, request, queryset, target):
        moved = 0
        for item in queryset:
            try:
                if move_news_item(item, target, actor=request.user):
                    moved += 1
            except MoveRefused as refused:
                self.message_user(request, f"{item} : {refused}", messages.WARNING)
        self.message_user(
            request,
            ngettext(
                "%(count)d actualité mise à jour.", "%(count)d actualités mises à jour.", moved
            )
            % {"count": moved},
        )

    @admin.action(description=_("Publier les actualités sélectionnées"), permissions=["change"])
    def publish(self, request, queryset):
        self._move(request, queryset, NewsStatus.PUBLISHED)

    @admin.action(description=_("Archiver les actualités sélectionnées"), permissions=["change"])
    def archive(self, request, queryset):
        self._move(request, queryset, NewsStatus.ARCHIVED)


class ActionFilter(admin.SimpleListFilter):
    """The actions of the log by their French labels, not their codes."""

    title = _("action")
    parameter_name = "action"

    def lookups(self, request, model_admin):
        actions = AuditEntry.objects.order_by().values_list("action", flat=True).distinct()
        return sorted(((action, action_label(action)) for action in actions), key=lambda c: c[1])

    def queryset(self, request, queryset):
        return queryset.filter(action=self.value()) if self.value() else queryset


@admin.register(AuditEntry)
class AuditEntryAdmin(RecordAdmin):
    """The audit log, read-only: filtered by person, kind of object, action and date; an
    object's admin page links here, filtered on that object."""

    list_display = ["at", "actor_display", "action_display", "subject_link", "reason_excerpt"]
    list_filter = [
        ("actor", admin.RelatedOnlyFieldListFilter),
        ("content_type", admin.RelatedOnlyFieldListFilter),
        ActionFilter,
        "at",
    ]
    search_fields = ["object_repr", "actor_label", "reason", "actor__email"]
    date_hierarchy = "at"
    list_select_related = ["actor", "content_type"]
    fields = [
        "at",
        "actor_display",
        "action_display",
        "subject_link",
        "changes_table",
        "reason",
    ]
    readonly_fields = fields

    def lookup_allowed(self, lookup, value, request=None):
        # The link from an object's page filters on the object itself.
        return lookup in ("object_id", "content_type__id__exact") or super().lookup_allowed(
            lookup, value, request
        )

    @admin.display(description=_("par"), ordering="actor_label")
    def actor_display(self, entry):
        return entry.actor_label or _("Tremplin (automatique) ou lien reçu par courriel")

    @admin.display(description=_("action"), ordering="action")
    def action_display(self, entry):
        return entry.action_label

    @admin.display(description=_("objet"), ordering="object_repr")
    def subject_link(self, entry):
        model = entry.content_type.model_class()
        label = f"{model._meta.verbose_name if model else entry.content_type} : {entry.object_repr}"
        try:
            url = reverse(
                f"admin:{entry.content_type.app_label}_{entry.content_type.model}_change",
                args=[entry.object_id],
            )
        except NoReverseMatch:
            return label
        return format_html('<a href="{}">{}</a>', url, label)

    @admin.display(description=_("motif"))
    def reason_excerpt(self, entry):
        return Truncator(entry.reason).chars(80)

    @admin.display(description=_("champs modifiés"))
    def changes_table(self, entry):
        lines = entry.change_lines()
        if not lines:
            return "—"
        return format_html(
            "<table><thead><tr><th scope='col'>{}</th><th scope='col'>{}</th>"
            "<th scope='col'>{}</th></tr></thead><tbody>{}</tbody></table>",
            _("champ"),
            _("avant"),
            _("après"),
            format_html_join("", "<tr><td>{}</td><td>{}</td><td>{}</td></tr>", lines),
        )

"""The admin's pages about signing in: the log of protected accounts' sign-ins, the
cool-offs after failed attempts (staff lift them), and the action that takes a person's
second factor off (a lost phone). The devices themselves have no admin page: it would
show their secret keys."""

import contextlib

from django.contrib import admin, messages
from django.contrib.admin.sites import NotRegistered
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from programme.admin_base import RecordAdmin
from programme.models import SignInCooloff, SignInRecord
from programme.second_factor import reset_second_factor
from programme.throttle import lift_cooloff

for device_model in (TOTPDevice, StaticDevice):
    with contextlib.suppress(NotRegistered):
        admin.site.unregister(device_model)


@admin.register(SignInRecord)
class SignInRecordAdmin(RecordAdmin):
    list_display = ["at", "user", "ip_address", "step", "succeeded"]
    list_filter = ["succeeded", "step", "at"]
    list_select_related = ["user"]
    search_fields = ["user__email", "ip_address"]
    date_hierarchy = "at"
    fields = readonly_fields = ["at", "user", "ip_address", "step", "succeeded"]


@admin.register(SignInCooloff)
class SignInCooloffAdmin(RecordAdmin):
    list_display = [
        "account",
        "ip_address",
        "scope",
        "failures",
        "last_failure_at",
        "blocked_until",
    ]
    list_filter = ["scope"]
    search_fields = ["account", "ip_address"]
    fields = readonly_fields = list_display
    actions = ["lift"]

    def has_lift_permission(self, request):
        return request.user.has_perm("programme.delete_signincooloff")

    @admin.action(description=_("Lever l'attente des lignes sélectionnées"), permissions=["lift"])
    def lift(self, request, queryset):
        cooloffs = list(queryset)
        for cooloff in cooloffs:
            lift_cooloff(cooloff, actor=request.user)
        self.message_user(
            request,
            ngettext("%(count)d attente levée.", "%(count)d attentes levées.", len(cooloffs))
            % {"count": len(cooloffs)},
            messages.SUCCESS,
        )


@admin.action(
    description=_("Réinitialiser le second facteur (téléphone perdu)"),
    permissions=["reset_second_factor"],
)
def reset_second_factor_action(modeladmin, request, queryset):
    """Take the devices off the selected people, but not one's own: another staff
    member must vouch for a lost phone."""
    people = list(queryset.exclude(pk=request.user.pk))
    if len(people) < queryset.count():
        modeladmin.message_user(
            request,
            _("Votre propre second facteur ne peut être réinitialisé que par une autre personne."),
            messages.WARNING,
        )
    for person in people:
        reset_second_factor(person, actor=request.user)
    if people:
        modeladmin.message_user(
            request,
            ngettext(
                "Second facteur réinitialisé pour %(count)d personne : elle en activera un "
                "nouveau à sa prochaine connexion.",
                "Second facteur réinitialisé pour %(count)d personnes : elles en activeront "
                "un nouveau à leur prochaine connexion.",
                len(people),
            )
            % {"count": len(people)},
            messages.SUCCESS,
        )

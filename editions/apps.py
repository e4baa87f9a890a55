from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EditionsConfig(AppConfig):
    name = "editions"
    verbose_name = _("Éditions")

    def ready(self):
        from editions.calendar import call_events, register_source
        from editions.freshness import next_call_change
        from programme.public_cache import register_change_times
        from programme.retention import register_role

        # A coach of an edition keeps their account under the retention schedule.
        register_role("coached_editions")
        # A public page kept in the cache expires when a call opens or closes.
        register_change_times(next_call_change)
        # The calendar shows each call's opening and closing.
        register_source(call_events)

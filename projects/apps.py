from django.apps import AppConfig
from django.contrib.auth.signals import user_logged_in
from django.utils.translation import gettext_lazy as _


def _claim_memberships(sender, request, user, **kwargs):
    from projects.applications.services.team import claim_memberships

    claim_memberships(user)


class ProjectsConfig(AppConfig):
    name = "projects"
    verbose_name = _("Candidatures et projets")

    def ready(self):
        # Accounts live in ``programme``, which must not know about teams: when someone
        # signs in, the memberships they were invited to under their e-mail become theirs.
        user_logged_in.connect(_claim_memberships, dispatch_uid="claim_team_memberships")
        # The retention schedule (``programme.retention``) applies to teams and files too.
        from projects.retention import register_kinds

        register_kinds()
        # The editions' calendar shows each call's screening and the periods' planned ends.
        from editions.calendar import register_source
        from projects.staff.calendar import phase_end_events, screening_events

        register_source(screening_events)
        register_source(phase_end_events)
        # Staff may write their own text for the mails of applications and projects.
        from projects.mail_events import register_events

        register_events()

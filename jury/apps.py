from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JuryConfig(AppConfig):
    name = "jury"
    verbose_name = _("Jury")

    def ready(self):
        from editions.calendar import register_source
        from jury.admin_views import next_session
        from jury.calendar import session_events
        from jury.letters import programme_president
        from jury.mail_events import register_events
        from jury.models import JuryMember
        from jury.rules import chairs_a_jury
        from jury.services.pitches import invited_slots
        from programme.retention import register_role
        from programme.second_factor import register_second_factor_requirement
        from projects.applications.pitches import register_pitch_slots
        from projects.letters import register_signatory
        from projects.rights import register_person_record
        from projects.staff.board import register_upcoming_session

        # The phase board (in projects) shows the next session and its agenda.
        register_upcoming_session(next_session)
        # The editions' calendar shows the jury's sessions.
        register_source(session_events)
        # A jury member's account is kept by the retention schedule.
        register_role("jury_memberships")
        # A person's export holds their jury memberships, marks, withdrawals, attendance.
        register_person_record(JuryMember, lambda user: JuryMember.objects.filter(user=user))
        # Presidents, secretaries and substitute chairs pass a second factor.
        register_second_factor_requirement(chairs_a_jury)
        # Decision letters (in projects) are signed by the jury's president.
        register_signatory(programme_president)
        # A shortlisted team sees in its space the slot it was invited to pitch at.
        register_pitch_slots(invited_slots)
        # Staff may write their own text for the jury's mails.
        register_events()

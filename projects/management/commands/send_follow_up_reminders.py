from django.core.management.base import BaseCommand
from django.utils import timezone

from programme.mail import send_templated_mail
from projects.laureates.reminders import follow_up_reminders


class Command(BaseCommand):
    help = (
        "Mail each running project's team and coaches its milestones past due and the "
        "members who have not declared their time for the month just ended. Run it once "
        "a month, e.g. from cron on the 1st."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="List the reminders without mailing them."
        )

    def handle(self, *args, dry_run=False, **options):
        reminders = follow_up_reminders(timezone.localdate())
        sent = 0
        for reminder in reminders:
            line = (
                f"{reminder.project}: {len(reminder.overdue)} milestone(s) past due, "
                f"{len(reminder.undeclared)} member(s) without time declared"
            )
            self.stdout.write(line)
            if not dry_run:
                sent += send_templated_mail(
                    "projects/email/follow_up_reminder",
                    {
                        "reminder": reminder,
                        "project": reminder.project,
                        "follow_up_path": f"/suivi/{reminder.project.pk}/",
                    },
                    reminder.recipients,
                )
        verb = "would be mailed" if dry_run else "mailed"
        self.stdout.write(
            self.style.SUCCESS(f"{len(reminders)} reminder(s) {verb}; {sent} e-mail(s) sent.")
        )

"""The e-mail outbox in the admin: django-tasks-db's task results, read-only, in French,
each mail with its state (en attente, envoyé, échec) and, for the mails whose app says
so (``describe_mails``), its recipient, subject and batch (a mailing).

django-tasks-db ships no French. Its model, field and state names are marked for
translation in English; the catalogue of this project translates them (the strings
below are listed so that ``makemessages`` keeps them), and this admin replaces the
package's own, whose column names are not translatable.
"""

from dataclasses import dataclass

from django.contrib import admin
from django.contrib.admin.views.main import ChangeList
from django.utils import formats, timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop, pgettext_lazy
from django_tasks import TaskResultStatus
from django_tasks_db.admin import DBTaskResultAdmin
from django_tasks_db.models import DBTaskResult

from programme.models import User
from programme.tasks import send_password_reset_mail, send_sign_in_link_mail

# The strings django-tasks-db and django-tasks mark for translation and the outbox shows.
PACKAGE_STRINGS = (
    gettext_noop("Task Result"),
    gettext_noop("Task Results"),
    gettext_noop("status"),
    gettext_noop("enqueued at"),
    gettext_noop("started at"),
    gettext_noop("finished at"),
    gettext_noop("args kwargs"),
    gettext_noop("priority"),
    gettext_noop("task path"),
    gettext_noop("worker id"),
    gettext_noop("queue name"),
    gettext_noop("backend name"),
    gettext_noop("run after"),
    gettext_noop("return value"),
    gettext_noop("exception class path"),
    gettext_noop("traceback"),
    pgettext_lazy("Task", "Ready"),
    pgettext_lazy("Task", "Running"),
    pgettext_lazy("Task", "Failed"),
    pgettext_lazy("Task", "Successful"),
)

# What each mail task sends, for the outbox's list: each app names its own mails.
MAIL_LABELS = {}
# For the tasks whose rows say who they write to: task path → ``describe(rows)``, giving
# ``{row.pk: MailDetails}`` for a page of rows in a fixed number of queries.
MAIL_DETAILS = {}
STATES = {
    TaskResultStatus.READY: _("En attente"),
    TaskResultStatus.RUNNING: _("En attente"),
    TaskResultStatus.SUCCESSFUL: _("Envoyé"),
    TaskResultStatus.FAILED: _("Échec"),
}


@dataclass(frozen=True)
class MailDetails:
    """What the outbox shows of one mail: never its body (nor a link in it)."""

    recipient: str
    subject: str
    batch: str = ""
    batch_url: str = ""


def label_mail(task, label):
    """Show the results of ``task`` as ``label`` in the outbox."""
    MAIL_LABELS[task.module_path] = label


def describe_mails(task, describe):
    """Show the recipient, subject and batch of each row of ``task``: ``describe(rows)``
    returns ``{row.pk: MailDetails}``."""
    MAIL_DETAILS[task.module_path] = describe


class OutboxChangeList(ChangeList):
    """The page's rows, each with ``details`` (a ``MailDetails`` or ``None``), fetched
    once per kind of mail on the page."""

    def get_results(self, request):
        super().get_results(request)
        by_path = {}
        for row in self.result_list:
            by_path.setdefault(row.task_path, []).append(row)
        details = {}
        for task_path, rows in by_path.items():
            if task_path in MAIL_DETAILS:
                details.update(MAIL_DETAILS[task_path](rows))
        for row in self.result_list:
            row.details = details.get(row.pk)


label_mail(send_sign_in_link_mail, _("Lien de connexion"))
label_mail(send_password_reset_mail, _("Nouveau mot de passe"))


def describing_recipients(model, address):
    """A ``describe`` for tasks whose first argument is the id of a ``model`` row, which
    ``address(row)`` gives the recipient of: the rows of a page in one query; the
    subject is known only when the mail is made."""

    def describe(rows):
        by_id = {}
        for row in rows:
            args = (row.args_kwargs or {}).get("args") or []
            if args:
                by_id.setdefault(args[0], []).append(row.pk)
        details = {}
        for obj in model.objects.filter(pk__in=by_id):
            for row_pk in by_id[obj.pk]:
                details[row_pk] = MailDetails(recipient=address(obj), subject="—")
        return details

    return describe


for account_task in (send_sign_in_link_mail, send_password_reset_mail):
    describe_mails(account_task, describing_recipients(User, lambda user: user.email))

admin.site.unregister(DBTaskResult)


@admin.register(DBTaskResult)
class OutboxAdmin(DBTaskResultAdmin):
    change_form_template = "admin/programme/outbox/change_form.html"
    list_display = (
        "mail",
        "recipient",
        "mail_subject",
        "state",
        "batch",
        "enqueued_at",
        "started_at",
        "finished_at",
        "priority",
        "queue_name",
    )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        row = self.get_object(request, object_id)
        if row is not None:
            name = _("%(mail)s, mis en file le %(date)s") % {
                "mail": self.mail(row),
                "date": formats.date_format(timezone.localtime(row.enqueued_at), "j F Y H:i"),
            }
            extra_context = {**(extra_context or {}), "subtitle": name}
        return super().change_view(request, object_id, form_url, extra_context)

    def get_changelist(self, request, **kwargs):
        return OutboxChangeList

    @admin.display(description=_("destinataire"))
    def recipient(self, obj):
        details = getattr(obj, "details", None)
        return details.recipient if details else "—"

    @admin.display(description=_("objet"))
    def mail_subject(self, obj):
        details = getattr(obj, "details", None)
        return details.subject if details else "—"

    @admin.display(description=_("état"), ordering="status")
    def state(self, obj):
        return STATES.get(obj.status, obj.status)

    @admin.display(description=_("envoi groupé"))
    def batch(self, obj):
        details = getattr(obj, "details", None)
        if not details or not details.batch:
            return "—"
        if details.batch_url:
            return format_html('<a href="{}">{}</a>', details.batch_url, details.batch)
        return details.batch

    @admin.display(description=_("e-mail"), ordering="task_path")
    def mail(self, obj):
        # The path, not ``obj.task``: a task since renamed or removed still shows.
        return MAIL_LABELS.get(obj.task_path, obj.task_path.rsplit(".", 1)[-1])

    @admin.display(description=_("trace de l'erreur"))
    def formatted_traceback(self, obj):
        return super().formatted_traceback(obj)

    @admin.display(description=_("à envoyer après"))
    def display_run_after(self, obj):
        return super().display_run_after(obj)

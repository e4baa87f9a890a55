"""The e-mail outbox in the admin: django-tasks-db's task results, read-only, in French.

django-tasks-db ships no French. Its model, field and state names are marked for
translation in English; the catalogue of this project translates them (the strings
below are listed so that ``makemessages`` keeps them), and this admin replaces the
package's own, whose column names are not translatable.
"""

from django.contrib import admin
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop, pgettext_lazy
from django_tasks_db.admin import DBTaskResultAdmin
from django_tasks_db.models import DBTaskResult

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


def label_mail(task, label):
    """Show the results of ``task`` as ``label`` in the outbox."""
    MAIL_LABELS[task.module_path] = label


label_mail(send_sign_in_link_mail, _("Lien de connexion"))
label_mail(send_password_reset_mail, _("Nouveau mot de passe"))

admin.site.unregister(DBTaskResult)


@admin.register(DBTaskResult)
class OutboxAdmin(DBTaskResultAdmin):
    change_form_template = "admin/programme/outbox/change_form.html"
    list_display = (
        "mail",
        "status",
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

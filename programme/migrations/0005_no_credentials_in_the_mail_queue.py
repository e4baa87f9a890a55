"""Take the sign-in links and password-reset tokens out of the mail queue.

They were queued inside the mails' arguments (``programme.tasks.send_mail_later``), so
the task results table held live credentials. Mails still waiting are queued again the
new way (the account's id; the token is made when the mail is sent), or deleted when no
account has their address any more; the others keep their row, with the link or token
blanked wherever it was copied (arguments, traceback).
"""

from urllib.parse import parse_qs, urlsplit

from django.db import migrations

OLD_TASK = "programme.tasks.send_mail_later"
SIGN_IN = "programme/email/sign_in_link"
RESET = "programme/email/password_reset"
NEW_TASKS = {
    SIGN_IN: "programme.tasks.send_sign_in_link_mail",
    RESET: "programme.tasks.send_password_reset_mail",
}
# The secret part of each mail's context.
SECRET_KEYS = {SIGN_IN: ("link",), RESET: ("token",)}
BLANKED = "[effacé]"


def _arguments(args_kwargs):
    """(template prefix, context, recipients) of ``send_mail_later``, however passed."""
    args = list(args_kwargs.get("args") or [])
    kwargs = args_kwargs.get("kwargs") or {}
    names = ("template_prefix", "context", "recipients")
    values = dict(zip(names, args, strict=False)) | kwargs
    return values.get("template_prefix"), values.get("context") or {}, values.get("recipients")


def _secrets(prefix, context):
    """The strings that grant access: the whole link and the token in it, or the token."""
    found = [context[key] for key in SECRET_KEYS[prefix] if context.get(key)]
    for value in list(found):
        found += parse_qs(urlsplit(value).query).get("sesame", [])
    return found


def _next_url(context):
    return parse_qs(urlsplit(context.get("link", "")).query).get("next", [""])[0]


def _requeue(row, prefix, context, recipients, user_model):
    address = (recipients or [""])[0]
    user = user_model.objects.filter(email__iexact=address).first() if address else None
    if user is None:
        row.delete()
        return
    row.task_path = NEW_TASKS[prefix]
    args = [user.pk, _next_url(context)] if prefix == SIGN_IN else [user.pk]
    row.args_kwargs = {"args": args, "kwargs": {}}
    row.save(update_fields=["task_path", "args_kwargs"])


def _blank(row, prefix, context, recipients, secrets):
    context = dict(context) | {key: BLANKED for key in SECRET_KEYS[prefix] if key in context}
    row.args_kwargs = {"args": [prefix, context, recipients], "kwargs": {}}
    traceback = row.traceback or ""
    for secret in sorted(secrets, key=len, reverse=True):
        traceback = traceback.replace(secret, BLANKED)
    row.traceback = traceback
    row.save(update_fields=["args_kwargs", "traceback"])


def scrub_credentials(apps, schema_editor):
    task_results = apps.get_model("django_tasks_database", "DBTaskResult")
    user_model = apps.get_model("programme", "User")
    for row in task_results.objects.filter(task_path=OLD_TASK).order_by("enqueued_at"):
        prefix, context, recipients = _arguments(row.args_kwargs or {})
        if prefix not in SECRET_KEYS:
            continue
        if row.status == "READY":
            _requeue(row, prefix, context, recipients, user_model)
        else:
            _blank(row, prefix, context, recipients, _secrets(prefix, context))


class Migration(migrations.Migration):
    dependencies = [
        ("programme", "0004_programme_minutes_place"),
        ("django_tasks_database", "0021_conditional_partial_index_ordering"),
    ]

    # Nothing to restore: a blanked credential is gone, and was only good once anyway.
    operations = [migrations.RunPython(scrub_credentials, migrations.RunPython.noop)]

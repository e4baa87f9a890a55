from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.contrib.auth.signals import user_logged_in
from django.db.backends.signals import connection_created
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _
from django_tasks_db.apps import TasksAppConfig


def _sync_staff_group(sender, **kwargs):
    from programme.roles import sync_staff_group

    sync_staff_group(using=kwargs.get("using", "default"))


class ProgrammeConfig(AppConfig):
    default = True
    name = "programme"
    verbose_name = _("Programme")

    def ready(self):
        # Permissions are created by a post_migrate handler of django.contrib.auth;
        # ours runs once for the last app so that every permission exists by then.
        post_migrate.connect(_sync_staff_group, sender=self, dispatch_uid="sync_staff_group")
        from programme import public_cache_invalidation
        from programme.middleware import stamp_sign_in
        from programme.text import register_sqlite_functions

        connection_created.connect(register_sqlite_functions, dispatch_uid="sqlite_functions")
        # Session plumbing, not business logic: the session's lifetime starts at sign-in.
        user_logged_in.connect(stamp_sign_in, dispatch_uid="stamp_sign_in")
        # Cache plumbing: a change to what public pages show ends their kept copies.
        public_cache_invalidation.connect()


class TremplinAdminConfig(admin_apps.AdminConfig):
    """Django's admin, with the staff's site (``INSTALLED_APPS`` names it explicitly)."""

    default = False
    default_site = "programme.admin_site.TremplinAdminSite"


class OutboxConfig(TasksAppConfig):
    """django-tasks-db's queue (its task results are the e-mail outbox), named in French
    in the admin; the same app, label and migrations."""

    default = False
    verbose_name = _("Boîte d'envoi")

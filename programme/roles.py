"""The innovation staff role, expressed as a group with the permissions it needs.

The other roles are memberships owned by the apps that define them: a jury member has a
``jury.JuryMember`` row, a coach is assigned to ``projects.PhasePeriod`` rows, an
applicant is a ``projects.TeamMember`` of an application.
"""

from django.apps import apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.utils.translation import gettext_lazy as _

STAFF_GROUP_NAME = "Équipe innovation"
# The four apps, and the e-mail outbox (task results of the database queue).
STAFF_APP_LABELS = ("programme", "editions", "projects", "jury", "django_tasks_database")
STAFF_ROLE_LABEL = _("Équipe innovation")


def is_innovation_staff(user):
    """Innovation staff: active, admin access, and in the staff group (or superuser)."""
    if not (user.is_authenticated and user.is_active and user.is_staff):
        return False
    if user.is_superuser:
        return True
    return any(group.name == STAFF_GROUP_NAME for group in user.groups.all())


def sync_staff_group(using="default"):
    """Create the staff group and give it every permission of the four apps.

    Run after each migration, so a new model's permissions reach staff without a
    manual step. Returns the group.
    """
    # post_migrate reaches apps one at a time; make sure the later apps' permissions
    # exist before they are granted.
    for app_config in apps.get_app_configs():
        if app_config.label in STAFF_APP_LABELS:
            create_permissions(app_config, verbosity=0, using=using)
    group, _created = Group.objects.using(using).get_or_create(name=STAFF_GROUP_NAME)
    permissions = Permission.objects.using(using).filter(
        content_type__app_label__in=STAFF_APP_LABELS
    )
    group.permissions.set(permissions)
    return group


def staff_emails():
    """The addresses of active innovation staff, for what staff must hear of."""
    from django.contrib.auth import get_user_model

    staff = get_user_model().objects.filter(is_active=True, is_staff=True)
    return list(
        staff.filter(groups__name=STAFF_GROUP_NAME).values_list("email", flat=True).distinct()
    )

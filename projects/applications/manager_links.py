"""The signed link mailed to an agent's line manager to agree or decline."""

from django.core import signing

from projects.models import TeamMember

SALT = "tremplin.manager-agreement"
MAX_AGE = 60 * 60 * 24 * 90


def manager_token(member):
    return signing.dumps({"member": member.pk, "manager": member.manager_email}, salt=SALT)


def member_for_manager_token(token):
    """The member a manager's link is about, or ``None`` if it is invalid or too old.

    A link stops working when the team names another manager.
    """
    try:
        data = signing.loads(token, salt=SALT, max_age=MAX_AGE)
    except signing.BadSignature:
        return None
    return (
        TeamMember.objects.select_related("application__call__edition")
        .filter(pk=data.get("member"), manager_email=data.get("manager"))
        .first()
    )

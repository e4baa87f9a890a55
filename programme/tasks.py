"""Background e-mail of the programme app: the mails that carry a credential.

A sign-in link or a password-reset token is a live secret: whoever reads it signs in as
its owner. So these tasks are queued with the account's id and nothing secret (the
queue's rows, ``DBTaskResult.args_kwargs``, are kept, shown in the admin and backed up),
and the token is made here, when the mail is sent, and exists only in the mail. A link
made at send time also lives its whole lifetime from the moment it leaves.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django_tasks import task
from sesame.utils import get_query_string

from programme.mail import send_templated_mail
from programme.models import Programme, User


def link_lifetime_minutes():
    return settings.SESAME_MAX_AGE // 60


def sign_in_link(user, next_url):
    """The absolute, one-time link that signs ``user`` in and then goes to ``next_url``."""
    query = get_query_string(user)
    if next_url:
        query += "&" + urlencode({"next": next_url})
    return f"{settings.SITE_URL}{reverse('accounts:sign_in_link')}{query}"


@task()
def send_sign_in_link_mail(user_id, next_url=""):
    """Mail the account ``user_id`` a sign-in link going on to ``next_url``.

    Nothing is sent to an account deactivated (or erased) since the request: its link
    would not sign in. Returns the number of mails sent.
    """
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        return 0
    programme = Programme.objects.current()
    return send_templated_mail(
        "programme/email/sign_in_link",
        {
            "link": sign_in_link(user, next_url),
            "minutes": link_lifetime_minutes(),
            "site_name": programme.name if programme else "Tremplin",
        },
        [user.email],
    )


@task()
def send_password_reset_mail(user_id):
    """Mail the account ``user_id`` a link to choose a new password.

    As Django's reset form does, only to an active account that has a password (an
    account made by link sets its first one from « Mon espace »). Returns the number
    of mails sent.
    """
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None or not user.has_usable_password():
        return 0
    return send_templated_mail(
        "programme/email/password_reset",
        {
            "uid": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
        [user.email],
    )

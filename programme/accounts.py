"""Accounts of people who apply once: the e-mail address is the account.

Anybody may ask for a sign-in link; an address nobody has yet becomes an account with no
usable password. The link signs in once, within ``SESAME_MAX_AGE`` seconds.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from sesame.utils import get_query_string

from programme.models import Programme, User
from programme.tasks import send_mail_later


def normalise_email(address):
    """The form in which addresses are stored: trimmed and lower-case."""
    return User.objects.normalize_email(address.strip()).lower()


def get_or_create_user(email):
    """The user whose login is ``email``, created with an unusable password if none is."""
    email = normalise_email(email)
    user = User.objects.filter(email__iexact=email).first()
    if user is not None:
        return user
    try:
        # Two requests for the same new address may race: the unique constraint decides.
        with transaction.atomic():
            return User.objects.create_user(email, password=None)
    except IntegrityError:
        return User.objects.get(email__iexact=email)


def link_lifetime_minutes():
    return settings.SESAME_MAX_AGE // 60


def sign_in_link(user, next_url):
    """The absolute, one-time link that signs ``user`` in and then goes to ``next_url``."""
    query = get_query_string(user)
    if next_url:
        query += "&" + urlencode({"next": next_url})
    return f"{settings.SITE_URL}{reverse('accounts:sign_in_link')}{query}"


def send_sign_in_link(email, *, next_url=""):
    """Mail a sign-in link to ``email``; return the user it was sent to, or None.

    Side effects, in order:

    1. creates the account if no user has this address (no usable password);
    2. queues the e-mail with the link, unless the account is deactivated (its link
       would not sign in): the caller gives the same answer either way, so the page
       tells nobody which addresses have an account.
    """
    user = get_or_create_user(email)
    if not user.is_active:
        return None
    programme = Programme.objects.current()
    send_mail_later.enqueue(
        "programme/email/sign_in_link",
        {
            "link": sign_in_link(user, next_url),
            "minutes": link_lifetime_minutes(),
            "site_name": programme.name if programme else "Tremplin",
        },
        [user.email],
    )
    return user

"""Accounts of people who apply once: the e-mail address is the account.

Anybody may ask for a sign-in link; an address nobody has yet becomes an account with no
usable password. The link signs in once, within ``SESAME_MAX_AGE`` seconds.
"""

from django.db import IntegrityError, transaction

from programme.models import User
from programme.tasks import link_lifetime_minutes, send_sign_in_link_mail

__all__ = ["get_or_create_user", "link_lifetime_minutes", "normalise_email", "send_sign_in_link"]


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


def send_sign_in_link(email, *, next_url=""):
    """Mail a sign-in link to ``email``; return the user it was sent to, or None.

    Side effects, in order:

    1. creates the account if no user has this address (no usable password);
    2. queues the e-mail, unless the account is deactivated (its link would not sign
       in): the caller gives the same answer either way, so the page tells nobody which
       addresses have an account. The queue holds the account's id and ``next_url``;
       the link is made when the mail is sent (``programme.tasks``).
    """
    user = get_or_create_user(email)
    if not user.is_active:
        return None
    send_sign_in_link_mail.enqueue(user.pk, next_url)
    return user

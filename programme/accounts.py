"""Accounts of people who apply once: the e-mail address is the account.

Anybody may ask for a sign-in link; an address nobody has yet becomes an account with no
usable password. The link signs in once, within ``SESAME_MAX_AGE`` seconds.
"""

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from programme import audit
from programme.actions import verb
from programme.lifecycles import ActionRefused
from programme.models import ProConnectIdentity, User
from programme.tasks import link_lifetime_minutes, send_sign_in_link_mail

__all__ = [
    "account_for_proconnect",
    "get_or_create_user",
    "link_lifetime_minutes",
    "normalise_email",
    "send_sign_in_link",
    "unlink_proconnect",
]

LINK_PROCONNECT = verb("account.link_proconnect", gettext_lazy("Compte relié à ProConnect"))
UNLINK_PROCONNECT = verb("account.unlink_proconnect", gettext_lazy("Compte délié de ProConnect"))


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


def account_for_proconnect(claims, *, issuer):
    """The account the ProConnect ``claims`` (the userinfo) sign in to; raises
    ``ActionRefused`` with the French reason when they sign in to none.

    Side effects, in order, the first time a subject is seen:

    1. creates the account if no user has the claim's e-mail address (agents may apply,
       as with a sign-in link), with the given and usual names;
    2. links the subject to that account;
    3. writes the audit entry ``account.link_proconnect``, the account being its actor.

    A subject already linked signs in to its account, whatever the address has become.
    The address links only when the provider does not say it is unverified, and only an
    account not linked yet: an account linked to another subject is refused, never
    signed in to, nor another account instead.
    """
    subject = claims.get("sub") or ""
    if not subject:
        raise ActionRefused([_("ProConnect n'a pas transmis votre identifiant.")])
    with transaction.atomic():
        identity = (
            ProConnectIdentity.objects.select_related("user")
            .filter(issuer=issuer, subject=subject)
            .first()
        )
        user = identity.user if identity else _link(claims, subject, issuer)
    if not user.is_active:
        raise ActionRefused([_("Ce compte est désactivé : adressez-vous à l'équipe du programme.")])
    return user


def _link(claims, subject, issuer):
    email = claims.get("email") or ""
    if not email:
        raise ActionRefused([_("ProConnect n'a pas transmis votre adresse e-mail.")])
    if claims.get("email_verified") is False:
        raise ActionRefused(
            [
                _(
                    "ProConnect indique que votre adresse e-mail n'est pas vérifiée : "
                    "elle ne peut pas ouvrir de compte ici."
                )
            ]
        )
    user = get_or_create_user(email)
    user = User.objects.select_for_update().get(pk=user.pk)
    if ProConnectIdentity.objects.filter(user=user, issuer=issuer).exists():
        raise ActionRefused(
            [
                _(
                    "Le compte de l'adresse {email} est déjà relié à une autre identité "
                    "ProConnect : connectez-vous avec celle-ci, ou par un lien reçu par e-mail."
                ).format(email=user.email)
            ]
        )
    before = audit.snapshot(user, ["first_name", "last_name"])
    if not user.first_name and not user.last_name:
        user.first_name = (claims.get("given_name") or "")[:150]
        user.last_name = (claims.get("usual_name") or "")[:150]
        user.save(update_fields=["first_name", "last_name"])
    try:
        with transaction.atomic():
            identity = ProConnectIdentity.objects.create(user=user, issuer=issuer, subject=subject)
    except IntegrityError:
        # The same subject signing in twice at once: the first one linked it.
        raise ActionRefused(
            [_("Cette identité ProConnect vient d'être reliée : reconnectez-vous.")]
        ) from None
    # The subject is personal data: the entry says which provider, the identity row
    # which subject (and goes with the account when it is erased).
    audit.record(
        user,
        LINK_PROCONNECT,
        actor=user,
        changes={**audit.changed(before, user), "proconnect": [None, identity.issuer]},
        reason=_("Première connexion avec ProConnect, par l'adresse e-mail vérifiée."),
    )
    return user


def unlink_proconnect(user, *, actor):
    """Take the ProConnect identities off ``user`` (an agent whose identity changed, and
    whose new one is refused as the account is linked); returns how many.

    Side effects, in order: the identities are deleted; the audit entry
    ``account.unlink_proconnect`` names their issuers. The next ProConnect sign-in links
    the account again by its verified address.
    """
    with transaction.atomic():
        identities = ProConnectIdentity.objects.select_for_update().filter(user=user)
        issuers = sorted(identities.values_list("issuer", flat=True))
        if not issuers:
            return 0
        identities.delete()
        audit.record(user, UNLINK_PROCONNECT, actor=actor, changes={"proconnect": [issuers, None]})
    return len(issuers)

"""The second factor of the accounts that can do the most: staff and jury chairs.

Who needs one: every account with admin access (``is_staff``), and whoever an app
above says (``register_second_factor_requirement``: the jury its presidents and
secretaries). Such an account, once signed in by password or by the e-mailed link, is
sent to the second-factor page before any other page but the public ones and the
account pages: to enrol (an authenticator app by its QR code, then ten single-use
recovery codes) if it has no device, else to type a code. The e-mailed link never
passes the second factor: only a code does.

The codes are django-otp's: TOTP (``otp_totp``, a code used once is refused, a wrong
one slows the device down) and static recovery codes (``otp_static``, each deleted once
used). A recovery code is shown once, at enrolment; the database keeps only its keyed
digest (``recovery_digest``), so a copy of the database lets nobody in. A lost
phone: another staff member holding ``programme.reset_second_factor`` takes the
person's devices off in the admin (``reset_second_factor``, audited); the person enrols
again at their next sign-in.
"""

import re
from urllib.parse import urlencode

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _
from django_otp import devices_for_user
from django_otp import login as otp_login
from django_otp import verify_token as otp_verify_token
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from programme import audit
from programme.actions import verb

ENROL = verb("second_factor.enrol", _("Second facteur activé"))
RESET = verb("second_factor.reset", _("Second facteur réinitialisé"))
APP_DEVICE_NAME = "Application d'authentification"
RECOVERY_DEVICE_NAME = "Codes de secours"
TOTP_CODE = re.compile(r"^\d{6}$")
RECOVERY_SALT = "tremplin.second_factor.recovery_code"

# Predicates ``predicate(user) -> bool`` registered by the apps above.
_REQUIREMENTS = []


def register_second_factor_requirement(predicate):
    """Accounts for which ``predicate(user)`` is true need a second factor too."""
    _REQUIREMENTS.append(predicate)


def requires_second_factor(user):
    if not user.is_authenticated:
        return False
    return user.is_staff or any(predicate(user) for predicate in _REQUIREMENTS)


def is_verified(user):
    """Whether this request's user passed a second factor (django-otp's middleware)."""
    return bool(getattr(user, "is_verified", lambda: False)())


def has_device(user):
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def second_factor_url(user, next_url=""):
    """The enrolment page for an account without a device, else the code page."""
    name = "second_factor" if has_device(user) else "second_factor_enrol"
    url = reverse(f"accounts:{name}")
    return f"{url}?{urlencode({'next': next_url})}" if next_url else url


# Pages an account may reach before its second factor: signing in and out, and the
# site's assets. Public pages (``is_public_page``) too: they are the same for everyone.
EXEMPT_NAMESPACES = {"accounts", "open_data"}
EXEMPT_VIEWS = {
    "admin:login",
    "admin:logout",
    "set_language",
    "switch_language",
    "theme_css",
    "logo",
    "healthz",
    "sitemap",
}


class SecondFactorMiddleware:
    """Send an account that needs a second factor and has not passed it to the
    second-factor page, from every page that is not exempt (after django-otp's
    ``OTPMiddleware``, which tells whether the session passed it)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):  # noqa: ARG002 (Django's signature)
        # Exempt pages first: public pages must not read the session (they would then
        # vary by cookie, and no shared cache could keep them).
        match = request.resolver_match
        if (
            getattr(view_func, "is_public_page", False)
            or match.namespace in EXEMPT_NAMESPACES
            or match.view_name in EXEMPT_VIEWS
        ):
            return None
        user = request.user
        if not user.is_authenticated or is_verified(user):
            return None
        if not requires_second_factor(user):
            return None
        next_url = request.get_full_path() if request.method == "GET" else ""
        return redirect(second_factor_url(user, next_url))


def qr_code_svg(device):
    """The device's ``otpauth://`` address as an SVG QR code, drawn here (no service)."""
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathFillImage)
    return image.to_string(encoding="unicode")


def pending_device(user):
    """The authenticator device being enrolled (unconfirmed), made if there is none."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    return device or TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=False)


def confirm_enrolment(request, device, code):
    """Enrol ``device`` if ``code`` is its current code; return the recovery codes, or
    None if the code is wrong.

    Side effects, in order: confirms the device and deletes the person's other devices;
    makes a new set of recovery codes; writes the audit entry; marks this session as
    having passed the second factor.
    """
    user = request.user
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().get(pk=device.pk, user=user)
        if not device.verify_token(_clean(code)):
            return None
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
        codes = _new_recovery_codes(user)
        audit.record(user, ENROL, actor=user)
    otp_login(request, device)
    return codes


def recovery_digest(code):
    """What the database keeps of a recovery code: its HMAC-SHA256 with the site's
    secret key, cut to the 16 characters of django-otp's token column (64 bits:
    guessing one needs the key as well as the database). A new secret key voids the
    codes given before it: the authenticator app still passes, and staff can reset."""
    digest = salted_hmac(RECOVERY_SALT, _clean(code), algorithm="sha256")
    return digest.hexdigest()[:16]


def _new_recovery_codes(user):
    """Ten new recovery codes for ``user`` (the old ones gone): returned to be shown
    once, stored as their digests."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_DEVICE_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _number in range(settings.TREMPLIN_RECOVERY_CODES)]
    StaticToken.objects.bulk_create(
        StaticToken(device=device, token=recovery_digest(code)) for code in codes
    )
    return codes


def verify(request, code):
    """Pass the second factor with ``code`` (the app's six digits, or a recovery code,
    then used up); return the device that accepted it, or None."""
    user = request.user
    code = _clean(code)
    if TOTP_CODE.match(code):
        kind, token = TOTPDevice, code
    else:
        kind, token = StaticDevice, recovery_digest(code)
    for device in devices_for_user(user, confirmed=True):
        if isinstance(device, kind):
            verified = otp_verify_token(user, device.persistent_id, token)
            if verified is not None:
                otp_login(request, verified)
                return verified
    return None


def _clean(code):
    return re.sub(r"[\s-]", "", code or "").lower()


def reset_second_factor(user, *, actor, reason=""):
    """Take every device off ``user`` (a lost phone): they enrol again at next sign-in.

    Side effects, in order: deletes the devices (their sessions no longer count as
    having passed the second factor); writes the audit entry.
    """
    with transaction.atomic():
        removed = 0
        for device in devices_for_user(user, confirmed=None):
            device.delete()
            removed += 1
        audit.record(user, RESET, actor=actor, changes={"devices": [removed, 0]}, reason=reason)
    return removed

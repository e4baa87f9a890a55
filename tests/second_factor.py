"""Signing in test clients with both factors, as staff and jury chairs must.

``Client.force_login`` in the suite signs in with both factors (``tests/conftest.py``
installs ``force_login_with_second_factor`` for every test): an account that needs a
second factor gets a confirmed authenticator device and a session that passed it. A test
of the second factor itself signs in with ``sign_in_first_factor_only``.
"""

from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from programme.second_factor import requires_second_factor

_force_login = Client.force_login


def sign_in_first_factor_only(client, user):
    """Signed in as after the password or the link, before the second factor."""
    _force_login(client, user)
    return client


def authenticator(user):
    """``user``'s confirmed authenticator device, made if they have none."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name="Téléphone", confirmed=True)


def pass_second_factor(client, user):
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = authenticator(user).persistent_id
    session.save()


def force_login_with_second_factor(client, user, backend=None):
    _force_login(client, user, backend)
    if requires_second_factor(user):
        pass_second_factor(client, user)


def current_code(device, *, steps_ahead=0):
    """The six digits the device's app shows now (or ``steps_ahead`` periods later)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = totp.time + steps_ahead * device.step
    return f"{totp.token():0{device.digits}d}"

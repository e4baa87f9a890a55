"""The second-factor pages: enrolling an authenticator app, then typing its codes.

Both pages count wrong codes like the password forms (``programme.throttle``), and
django-otp slows each device down after a wrong code as well.
"""

import base64
from http import HTTPStatus

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from programme import second_factor, throttle
from programme.enums import SignInStep
from programme.forms import SecondFactorForm
from programme.views_accounts import safe_next

WRONG_CODE = _("Code incorrect, expiré ou déjà utilisé.")


def _next(request):
    data = request.POST if request.method == "POST" else request.GET
    return safe_next(request, data.get("next", ""))


def _refused(request, template, context):
    """The page again, with when to retry, if this account or address must wait."""
    wait = throttle.wait_for(
        SignInStep.SECOND_FACTOR, request.user.email, throttle.client_ip(request)
    )
    if wait is None:
        return None
    context = {**context, "form": SecondFactorForm(initial={"next": context["next"]})}
    return render(request, template, {**context, "wait": wait}, status=HTTPStatus.TOO_MANY_REQUESTS)


def _failed(request):
    ip = throttle.client_ip(request)
    throttle.record_failure(SignInStep.SECOND_FACTOR, request.user.email, ip)
    throttle.log_attempt(request, request.user, SignInStep.SECOND_FACTOR, succeeded=False)


def _passed(request):
    ip = throttle.client_ip(request)
    throttle.record_success(SignInStep.SECOND_FACTOR, request.user.email, ip)
    throttle.log_attempt(request, request.user, SignInStep.SECOND_FACTOR, succeeded=True)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def verify(request):
    """Type a code of the authenticator app, or a recovery code."""
    user = request.user
    next_url = _next(request)
    if second_factor.is_verified(user):
        return redirect(next_url)
    if not second_factor.has_device(user):
        return redirect(second_factor.second_factor_url(user, next_url))
    template = "programme/accounts/second_factor.html"
    context = {"next": next_url}
    if request.method == "POST":
        refused = _refused(request, template, context)
        if refused is not None:
            return refused
        form = SecondFactorForm(request.POST)
        if form.is_valid():
            if second_factor.verify(request, form.cleaned_data["code"]) is not None:
                _passed(request)
                return redirect(next_url)
            _failed(request)
            form.add_error("code", WRONG_CODE)
    else:
        form = SecondFactorForm(initial={"next": next_url})
    return render(request, template, {**context, "form": form})


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def enrol(request):
    """Scan the QR code (or type the key), confirm with a code; the recovery codes are
    shown once, on the page that answers the confirmation."""
    user = request.user
    next_url = _next(request)
    if second_factor.has_device(user):
        return redirect(second_factor.second_factor_url(user, next_url))
    device = second_factor.pending_device(user)
    template = "programme/accounts/second_factor_enrol.html"
    context = {
        "next": next_url,
        "qr_code": second_factor.qr_code_svg(device),
        "key": _grouped(base64.b32encode(device.bin_key).decode()),
    }
    if request.method == "POST":
        refused = _refused(request, template, context)
        if refused is not None:
            return refused
        form = SecondFactorForm(request.POST)
        if form.is_valid():
            codes = second_factor.confirm_enrolment(request, device, form.cleaned_data["code"])
            if codes is not None:
                _passed(request)
                return render(
                    request,
                    "programme/accounts/second_factor_codes.html",
                    {"codes": codes, "next": next_url},
                )
            _failed(request)
            form.add_error("code", WRONG_CODE)
    else:
        form = SecondFactorForm(initial={"next": next_url})
    return render(request, template, {**context, "form": form})


def _grouped(key):
    """The key in groups of four, easier to type."""
    return " ".join(key[start : start + 4] for start in range(0, len(key), 4))

"""Signing in without friction: a link sent by e-mail, or a password.

The link does not sign in when it is opened: mail scanners open links too. It leads to a
page with a button, and only that button's POST uses the one-time token. Requests that
send e-mail are rate-limited per IP address and per e-mail address; a limited request
gets its form back with a 429 and is not processed at all. Wrong passwords slow down the
address they come from (``programme.throttle``), never the account for everyone.

An account that needs a second factor (``programme.second_factor``) goes on to its page
after the password or the link: neither is enough on its own.
"""

import logging
from http import HTTPStatus

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordChangeForm, SetPasswordForm
from django.core.exceptions import NON_FIELD_ERRORS
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from django_ratelimit.core import is_ratelimited
from sesame.utils import get_user

from programme import accounts, proconnect, second_factor, throttle
from programme.enums import SignInStep
from programme.forms import EmailAuthenticationForm, EmailPasswordResetForm, SignInLinkForm
from programme.models import User


# (what to count by, rate): every request that sends an e-mail. Per address, enough for
# a class behind one school network; per e-mail, each request still mails its owner a
# working link, so a flood for someone else's address locks nobody out.
def sign_in_link_limits():
    return (("ip", settings.TREMPLIN_SIGN_IN_LINKS_PER_IP), ("email", "5/h"))


logger = logging.getLogger(__name__)
PASSWORD_RESET_LIMITS = (("ip", "10/h"), ("email", "5/h"))


def is_rate_limited(request, group, limits, email):
    """Count this request against each of ``limits``; True if one of them is exceeded.

    Every limit counts, even once another is exceeded, so that a flood from one address
    also uses up the quota of the e-mail addresses it targets.
    """

    def by_email(_group, _request):  # django-ratelimit calls key(group, request)
        return accounts.normalise_email(email or "")

    keys = {"ip": "ip", "email": by_email}
    exceeded = [
        is_ratelimited(request, group=f"{group}:{key}", key=keys[key], rate=rate, increment=True)
        for key, rate in limits
    ]
    return any(exceeded)


def safe_next(request, url):
    """``url`` if it stays on this site, else the default page after signing in."""
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return resolve_url(settings.LOGIN_REDIRECT_URL)


@never_cache
@require_http_methods(["GET", "POST"])
def sign_in(request):
    """Ask for a sign-in link: the same answer whether the address has an account or not."""
    if request.method == "GET":
        form = SignInLinkForm(initial={"next": request.GET.get("next", "")})
        return render(request, "programme/accounts/sign_in.html", {"form": form})

    email = request.POST.get("email", "")
    next_url = request.POST.get("next", "")
    if is_rate_limited(request, "accounts:sign_in_link", sign_in_link_limits(), email):
        form = SignInLinkForm(initial={"email": email, "next": next_url})
        return render(
            request,
            "programme/accounts/sign_in.html",
            {"form": form, "rate_limited": True},
            status=HTTPStatus.TOO_MANY_REQUESTS,
        )
    form = SignInLinkForm(request.POST)
    if not form.is_valid():
        return render(request, "programme/accounts/sign_in.html", {"form": form})
    email = form.cleaned_data["email"]
    accounts.send_sign_in_link(email, next_url=safe_next(request, form.cleaned_data["next"]))
    return render(
        request,
        "programme/accounts/sign_in_link_sent.html",
        {"email": email, "minutes": accounts.link_lifetime_minutes()},
    )


@never_cache
@require_http_methods(["GET", "POST"])
def sign_in_link(request):
    """The page the link opens: GET checks the token, only the POST signs in with it."""
    data = request.POST if request.method == "POST" else request.GET
    token = data.get("sesame", "")
    next_url = safe_next(request, data.get("next", ""))
    # update_last_login=False: checking the token must not use it; login() below stamps
    # last_login, which is what revokes a one-time token.
    user = get_user(token, update_last_login=False) if token else None
    if user is None:
        return render(
            request,
            "programme/accounts/sign_in_link_invalid.html",
            {
                "form": SignInLinkForm(initial={"next": next_url}),
                "next": next_url,
                "minutes": accounts.link_lifetime_minutes(),
            },
        )
    if request.method == "GET":
        return render(
            request,
            "programme/accounts/sign_in_link_confirm.html",
            {"account": user, "token": token, "next": next_url},
        )
    login(request, user)
    throttle.log_attempt(request, user, SignInStep.LINK, succeeded=True)
    if second_factor.requires_second_factor(user):
        return redirect(second_factor.second_factor_url(user, next_url))
    return redirect(next_url)


class ThrottledLoginMixin:
    """A login view whose wrong passwords are counted (``programme.throttle``): past the
    limit, the form comes back with a 429 and when to retry, the password unchecked.
    An account that needs a second factor goes on to its page."""

    step = SignInStep.PASSWORD

    def post(self, request, *args, **kwargs):
        email = request.POST.get("username", "")
        wait = throttle.wait_for(SignInStep.PASSWORD, email, throttle.client_ip(request))
        if wait is not None:
            # An unbound form: a bound one would check the password while rendering.
            form = self.get_form_class()(request, initial={"username": email})
            context = self.get_context_data(form=form, wait=wait)
            return self.render_to_response(context, status=HTTPStatus.TOO_MANY_REQUESTS)
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form):
        if form.has_error(NON_FIELD_ERRORS, "invalid_login"):
            email = accounts.normalise_email(form.data.get("username", ""))
            throttle.record_failure(SignInStep.PASSWORD, email, throttle.client_ip(self.request))
            user = User.objects.filter(email__iexact=email).first()
            throttle.log_attempt(self.request, user, self.step, succeeded=False)
        return super().form_invalid(form)

    def form_valid(self, form):
        user = form.get_user()
        throttle.record_success(SignInStep.PASSWORD, user.email, throttle.client_ip(self.request))
        response = super().form_valid(form)
        throttle.log_attempt(self.request, user, self.step, succeeded=True)
        return response

    def get_success_url(self):
        url = super().get_success_url()
        user = self.request.user
        if second_factor.requires_second_factor(user) and not second_factor.is_verified(user):
            return second_factor.second_factor_url(user, url)
        return url


class PasswordLoginView(ThrottledLoginMixin, auth_views.LoginView):
    template_name = "programme/accounts/password_login.html"
    authentication_form = EmailAuthenticationForm


class AdminLoginView(ThrottledLoginMixin, auth_views.LoginView):
    """The admin's login page (``TremplinAdminSite.login`` gives its form and context)."""

    step = SignInStep.ADMIN_PASSWORD


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "programme/accounts/password_reset_form.html"
    form_class = EmailPasswordResetForm
    success_url = reverse_lazy("accounts:password_reset_done")

    def post(self, request, *args, **kwargs):
        email = request.POST.get("email", "")
        if is_rate_limited(request, "accounts:password_reset", PASSWORD_RESET_LIMITS, email):
            context = self.get_context_data(
                form=self.form_class(initial={"email": email}), rate_limited=True
            )
            return self.render_to_response(context, status=HTTPStatus.TOO_MANY_REQUESTS)
        return super().post(request, *args, **kwargs)


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "programme/accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "programme/accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")
    post_reset_login = True
    post_reset_login_backend = "django.contrib.auth.backends.ModelBackend"

    def form_valid(self, form):
        response = super().form_valid(form)
        return response


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "programme/accounts/password_reset_complete.html"


class PasswordChangeView(auth_views.PasswordChangeView):
    """Set a password (an account made by link has none) or change it."""

    template_name = "programme/accounts/password_change.html"
    success_url = reverse_lazy("accounts:account")

    def get_form_class(self):
        if self.request.user.has_usable_password():
            return PasswordChangeForm
        return SetPasswordForm

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, _("Votre mot de passe est enregistré."))
        return response


@login_required
@require_http_methods(["GET"])
def account(request):
    return render(request, "programme/accounts/account.html")


class SignOutView(auth_views.LogoutView):
    """POST only (Django refuses GET): a link followed by a crawler signs nobody out.

    Back to the sign-in page, which shows the message: public pages show none, being the
    same for everyone.
    """

    next_page = "accounts:sign_in"

    def post(self, request, *args, **kwargs):
        was_signed_in = request.user.is_authenticated
        id_token = request.session.get(proconnect.ID_TOKEN_SESSION_KEY)
        response = super().post(request, *args, **kwargs)
        if id_token and proconnect.is_enabled():
            # Signed in with ProConnect: its session ends too, through the provider's
            # end_session_endpoint, which comes back to accounts:proconnect_signed_out.
            try:
                return proconnect.logout_redirect(
                    request, id_token, proconnect.site_url("accounts:proconnect_signed_out")
                )
            except (*proconnect.ERRORS, proconnect.ProConnectError):
                logger.warning("ProConnect: the logout request failed", exc_info=True)
                messages.warning(
                    request,
                    _(
                        "ProConnect ne répond pas : vous êtes déconnecté·e de ce site, "
                        "mais peut-être pas de ProConnect."
                    ),
                )
                return response
        if was_signed_in:
            messages.info(request, _("Vous êtes déconnecté·e."))
        return response

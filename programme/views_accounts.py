"""Signing in without friction: a link sent by e-mail, or a password.

The link does not sign in when it is opened: mail scanners open links too. It leads to a
page with a button, and only that button's POST uses the one-time token. Requests that
send e-mail or check a password are rate-limited per IP address and per e-mail address;
a limited request gets its form back with a 429 and is not processed at all.
"""

import logging
from http import HTTPStatus

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordChangeForm, SetPasswordForm
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from django_ratelimit.core import is_ratelimited
from sesame.utils import get_user

from programme import accounts, proconnect
from programme.forms import EmailAuthenticationForm, EmailPasswordResetForm, SignInLinkForm

logger = logging.getLogger(__name__)

# (what to count by, rate): every request that sends an e-mail or checks a password.
SIGN_IN_LINK_LIMITS = (("ip", "10/h"), ("email", "5/h"))
PASSWORD_LOGIN_LIMITS = (("ip", "20/h"), ("email", "10/h"))
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
    if is_rate_limited(request, "accounts:sign_in_link", SIGN_IN_LINK_LIMITS, email):
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
    return redirect(next_url)


class PasswordLoginView(auth_views.LoginView):
    template_name = "programme/accounts/password_login.html"
    authentication_form = EmailAuthenticationForm

    def post(self, request, *args, **kwargs):
        email = request.POST.get("username", "")
        if is_rate_limited(request, "accounts:password_login", PASSWORD_LOGIN_LIMITS, email):
            # An unbound form: a bound one would check the password while rendering.
            form = self.get_form_class()(request, initial={"username": email})
            context = self.get_context_data(form=form, rate_limited=True)
            return self.render_to_response(context, status=HTTPStatus.TOO_MANY_REQUESTS)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        response = super().form_valid(form)
        return response


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

"""Forms of the programme app: signing in and passwords."""

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.utils.translation import gettext_lazy as _

from programme.accounts import normalise_email
from programme.tasks import send_password_reset_mail


def email_input(*, autofocus=False):
    """An e-mail field that phones fill in well: e-mail keyboard, address autofill."""
    attrs = {"autocomplete": "email", "inputmode": "email", "spellcheck": "false"}
    if autofocus:
        attrs["autofocus"] = True
    return forms.EmailInput(attrs=attrs)


class SignInLinkForm(forms.Form):
    email = forms.EmailField(
        label=_("Adresse e-mail"),
        max_length=254,
        widget=email_input(autofocus=True),
        help_text=_("Par exemple : prenom.nom@exemple.fr"),
    )
    next = forms.CharField(required=False, widget=forms.HiddenInput)

    def clean_email(self):
        return normalise_email(self.cleaned_data["email"])


class EmailAuthenticationForm(AuthenticationForm):
    """Django's sign-in form, with the e-mail address as login, case-insensitive."""

    username = forms.EmailField(
        label=_("Adresse e-mail"), max_length=254, widget=email_input(autofocus=True)
    )

    error_messages = {
        "invalid_login": _(
            "Adresse e-mail ou mot de passe incorrect. Vérifiez-les, ou recevez plutôt "
            "un lien de connexion par e-mail."
        ),
        "inactive": _("Ce compte est désactivé."),
    }

    def clean_username(self):
        return normalise_email(self.cleaned_data["username"])


class EmailPasswordResetForm(PasswordResetForm):
    """Django's password reset form, mailed in French like the site's other e-mails.

    The queue holds only the account's id: the reset token is made when the mail is
    sent (``programme.tasks``), so that no row of the queue can reset a password.
    """

    email = forms.EmailField(label=_("Adresse e-mail"), max_length=254, widget=email_input())

    # Django's view passes the options of its own mail (templates, domain, token
    # generator...); ours has its own templates and makes its token at send time.
    def save(self, **_options):
        for user in self.get_users(self.cleaned_data["email"]):
            send_password_reset_mail.enqueue(user.pk)


class SecondFactorForm(forms.Form):
    code = forms.CharField(
        label=_("Code à usage unique"),
        max_length=20,
        help_text=_(
            "Les six chiffres affichés par votre application d'authentification, ou l'un "
            "de vos codes de secours."
        ),
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "text",
                "spellcheck": "false",
                "autofocus": True,
            }
        ),
    )
    next = forms.CharField(required=False, widget=forms.HiddenInput)

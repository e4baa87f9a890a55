"""Forms of the programme app: signing in and passwords."""

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.utils.translation import gettext_lazy as _

from programme.accounts import normalise_email
from programme.tasks import send_mail_later


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
    """Django's password reset form, mailed in French like the site's other e-mails."""

    email = forms.EmailField(label=_("Adresse e-mail"), max_length=254, widget=email_input())

    # Django's signature; our mail has its own templates and sender.
    def send_mail(
        self,
        subject_template_name,  # noqa: ARG002
        email_template_name,  # noqa: ARG002
        context,
        from_email,  # noqa: ARG002
        to_email,
        html_email_template_name=None,  # noqa: ARG002
    ):
        send_mail_later.enqueue(
            "programme/email/password_reset",
            {"uid": context["uid"], "token": context["token"]},
            [to_email],
        )


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

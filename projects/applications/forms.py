"""Forms of the team's pages. They validate input and nothing else."""

from crispy_forms.layout import HTML, Fieldset
from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from programme.enums import OrganisationKind
from programme.models import Organisation, Theme
from projects.enums import MemberKind
from projects.form_helpers import form_helper
from projects.models import Application, TeamMember


class StartApplicationForm(forms.Form):
    title = forms.CharField(
        label=_("Titre du projet"),
        max_length=200,
        help_text=_("Vous pourrez le modifier jusqu'au dépôt."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper("title", submit_label=_("Commencer ma candidature"))


class ApplicationForm(forms.ModelForm):
    """The project's description. Every field may wait: a draft saves what it has."""

    class Meta:
        model = Application
        fields = [
            "title",
            "theme",
            "problem",
            "target_users",
            "proposed_solution",
            "expected_impact",
        ]
        help_texts = {
            "problem": _("Quel problème rencontrent les usagers ou les agents ?"),
            "target_users": _("Qui en souffre, combien, où ?"),
            "proposed_solution": _("Votre idée, même imparfaite : ce que vous voulez essayer."),
            "expected_impact": _("Ce qui changera pour les usagers si le projet réussit."),
        }
        widgets = {
            name: forms.Textarea(attrs={"rows": 5})
            for name in ("problem", "target_users", "proposed_solution", "expected_impact")
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].queryset = Theme.objects.order_by("name")
        self.fields["theme"].required = False
        self.helper = form_helper(
            Fieldset(_("Le projet"), "title", "theme"),
            Fieldset(_("Le problème"), "problem", "target_users"),
            Fieldset(_("Votre idée"), "proposed_solution", "expected_impact"),
            submit_label=_("Enregistrer le brouillon"),
        )

    def close(self):
        """Show what is written, read-only, with no button: the draft can no longer change.

        Read-only rather than disabled, so that text sent after the deadline is shown
        back as typed and can be copied.
        """
        for field in self.fields.values():
            field.widget.attrs.update({"readonly": True, "aria-readonly": "true"})
        self.fields["theme"].widget.attrs["disabled"] = True
        self.helper.inputs = []


class TeamMemberForm(forms.ModelForm):
    """A member's details. Only the person themself may consent to be named publicly."""

    class Meta:
        model = TeamMember
        fields = [
            "first_name",
            "last_name",
            "email",
            "kind",
            "job_title",
            "department",
            "manager_name",
            "manager_email",
            "school",
            "organisation",
            "public_name_consent",
        ]
        help_texts = {
            "email": _("Elle ou il recevra une invitation à rejoindre la candidature."),
            "manager_email": _(
                "Pour un agent : son ou sa responsable recevra un lien pour donner son accord."
            ),
        }

    # The details each profile asks; the others are cleared when the profile changes.
    KIND_FIELDS = {
        MemberKind.AGENT: ("department", "manager_name", "manager_email"),
        MemberKind.STUDENT: ("school",),
        MemberKind.LOCAL_ACTOR: ("organisation",),
    }

    def __init__(self, *args, may_consent, **kwargs):
        super().__init__(*args, **kwargs)
        # No profile is chosen for the person: radio buttons, none ticked for a new member.
        self.fields["kind"] = forms.ChoiceField(
            label=self.fields["kind"].label,
            choices=MemberKind.choices,
            widget=forms.RadioSelect(attrs={"data-member-kind": "choice"}),
        )
        self.fields["department"].queryset = Organisation.objects.filter(
            kind=OrganisationKind.DEPARTMENT
        )
        self.fields["school"].queryset = Organisation.objects.filter(kind=OrganisationKind.SCHOOL)
        self.fields["organisation"].queryset = Organisation.objects.exclude(
            kind__in=[OrganisationKind.DEPARTMENT, OrganisationKind.SCHOOL]
        )
        self.fields["email"].widget.attrs.update({"autocomplete": "email", "inputmode": "email"})
        if self.instance.pk:
            # The address is how the person is invited and signs in: it stays.
            self.fields["email"].disabled = True
        if not may_consent:
            del self.fields["public_name_consent"]
        self.helper = form_helper(
            Fieldset(_("La personne"), "first_name", "last_name", "email", "kind", "job_title"),
            Fieldset(
                _("Agent de la collectivité"),
                HTML(
                    '<p class="form-text">'
                    + str(
                        _("À remplir pour un agent : l'accord de son ou sa responsable est requis.")
                    )
                    + "</p>"
                ),
                "department",
                "manager_name",
                "manager_email",
                data_member_kind_fields=MemberKind.AGENT,
            ),
            Fieldset(
                _("Étudiant ou étudiante"), "school", data_member_kind_fields=MemberKind.STUDENT
            ),
            Fieldset(
                _("Acteur du territoire"),
                "organisation",
                data_member_kind_fields=MemberKind.LOCAL_ACTOR,
            ),
            *([Fieldset(_("Publication"), "public_name_consent")] if may_consent else []),
            submit_label=_("Enregistrer"),
        )

    def clean(self):
        """Keep only the details of the chosen profile: a student has no line manager."""
        cleaned_data = super().clean()
        kind = cleaned_data.get("kind")
        self.cleared = []
        if kind:
            for other, names in self.KIND_FIELDS.items():
                if other != kind:
                    for name in names:
                        cleaned_data[name] = "" if name.startswith("manager_") else None
                        self.cleared.append(name)
        return cleaned_data

    def changed_fields(self):
        """What the service is to change: the fields edited and the details cleared."""
        names = {*self.changed_data, *self.cleared} - {"email"}
        return {name: self.cleaned_data[name] for name in names if name in self.cleaned_data}


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("Fichier"))
    required_document = forms.ModelChoiceField(
        label=_("Pièce"), queryset=None, required=False, empty_label=_("Autre document")
    )

    def __init__(self, *args, call, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["required_document"].queryset = call.required_documents.all()
        self.fields["file"].help_text = _(
            "PDF, OpenDocument, Word, Excel, PowerPoint ou image ; %(limit)s au plus."
        ) % {"limit": filesizeformat(settings.TREMPLIN_UPLOAD_MAX_BYTES)}
        self.helper = form_helper("required_document", "file", submit_label=_("Ajouter la pièce"))
        self.helper.form_tag = True
        self.helper.attrs = {"enctype": "multipart/form-data"}


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Pourquoi retirez-vous la candidature ? (facultatif)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper("reason", submit_label=_("Retirer la candidature"))

"""A person's rights from the admin: staff download everything held about a person, or
erase them, each behind a confirmation page (``projects.rights`` does the work)."""

from django import forms
from django.contrib import admin, messages
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from programme.models import User
from programme.rules import require_perm
from projects.rights import erase_person, export_response

EXPORT_PERMISSION = "programme.view_user"
ERASE_PERMISSION = "programme.delete_user"


class EraseForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Motif de l'effacement"),
        widget=forms.Textarea(attrs={"rows": 4, "cols": 60}),
        help_text=gettext_lazy("Par exemple : demande de la personne reçue le 2 mars."),
    )


def _person(request, pk, permission):
    require_perm(request.user, permission)
    return get_object_or_404(User, pk=pk)


def _context(request, person, title, **extra):
    return {
        **admin.site.each_context(request),
        "opts": User._meta,
        "title": title,
        "person": person,
        "person_url": reverse("admin:programme_user_change", args=[person.pk]),
        **extra,
    }


@require_http_methods(["GET", "POST"])
def person_export(request, pk):
    person = _person(request, pk, EXPORT_PERMISSION)
    if request.method == "POST":
        return export_response(person, actor=request.user)
    title = _("Exporter les données de %(person)s") % {"person": person}
    context = _context(request, person, title, form=forms.Form())
    return TemplateResponse(request, "admin/projects/person_export.html", context)


@require_http_methods(["GET", "POST"])
def person_erase(request, pk):
    person = _person(request, pk, ERASE_PERMISSION)
    form = EraseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        label = str(person)
        if erase_person(person, actor=request.user, reason=form.cleaned_data["reason"]):
            messages.success(request, _("%(person)s est effacé(e).") % {"person": label})
        else:
            messages.info(request, _("Cette personne est déjà effacée."))
        return redirect("admin:programme_user_changelist")
    title = _("Effacer %(person)s") % {"person": person}
    context = _context(request, person, title, form=form)
    return TemplateResponse(request, "admin/projects/person_erase.html", context)

"""The mail texts in the admin: every event the programme mails about, the text staff
wrote for it or the shipped one, edited with a preview on sample data, or taken back to
the shipped text. ``programme.mail_templates`` does the work."""

from django import forms
from django.contrib import admin, messages
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from programme import mail_events
from programme.lifecycles import ActionRefused
from programme.mail_templates import (
    current_text,
    preview,
    reset_mail_template,
    save_mail_template,
    text_errors,
)
from programme.models import MailTemplate
from programme.rules import require_perm

PERMISSION = "programme.change_mailtemplate"


class MailTemplateForm(forms.Form):
    subject = forms.CharField(label=gettext_lazy("Objet"), max_length=250)
    body = forms.CharField(
        label=gettext_lazy("Texte"), widget=forms.Textarea(attrs={"rows": 18, "cols": 80})
    )


def _context(request, title, **extra):
    return {
        **admin.site.each_context(request),
        "title": title,
        "list_url": reverse("admin:mail_templates"),
        **extra,
    }


@require_http_methods(["GET"])
def mail_template_list(request):
    require_perm(request.user, PERMISSION)
    written = {row.key: row for row in MailTemplate.objects.select_related("updated_by")}
    rows = [
        {
            "event": event,
            "written": written.get(event.key),
            "url": reverse("admin:mail_template", args=[event.key]),
        }
        for event in mail_events.events()
    ]
    context = _context(request, _("Modèles de mails"), rows=rows)
    return TemplateResponse(request, "admin/programme/mail_templates.html", context)


@require_http_methods(["GET", "POST"])
def mail_template_edit(request, key):
    require_perm(request.user, PERMISSION)
    event = mail_events.event(key)
    if event is None:
        raise Http404
    subject, body, row = current_text(key)
    action = request.POST.get("action")
    if action == "reset":
        if reset_mail_template(key, actor=request.user):
            messages.success(request, _("Le texte livré est rétabli pour ce mail."))
        return redirect("admin:mail_template", key)
    form = MailTemplateForm(request.POST or None, initial={"subject": subject, "body": body})
    shown = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if action == "save":
            try:
                save_mail_template(
                    key, subject=data["subject"], body=data["body"], actor=request.user
                )
            except ActionRefused as refused:
                refused.add_to_form(form)
            else:
                messages.success(
                    request, _("Le modèle est enregistré : il sert dès le prochain mail.")
                )
                return redirect("admin:mail_template", key)
        else:
            errors = text_errors(event, data["subject"], data["body"])
            if errors:
                ActionRefused(errors).add_to_form(form)
            else:
                shown = preview(event, data["subject"], data["body"])
    context = _context(
        request,
        _("Modèle de mail : %(event)s") % {"event": event.label},
        event=event,
        form=form,
        row=row,
        preview=shown,
    )
    return TemplateResponse(request, "admin/programme/mail_template.html", context)


admin.site.register_view(
    "modeles-de-mails/",
    mail_template_list,
    name="mail_templates",
    label=gettext_lazy("Modèles de mails"),
    description=gettext_lazy(
        "Le texte de chaque mail envoyé par le programme, à adapter, avec un aperçu."
    ),
    permission=PERMISSION,
)
admin.site.register_view(
    "modeles-de-mails/<path:key>/",
    mail_template_edit,
    name="mail_template",
    label=gettext_lazy("Modifier un modèle de mail"),
    permission=PERMISSION,
    listed=False,
)

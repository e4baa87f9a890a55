"""Mailings in the admin: the list of those sent, with the state of their mails; each
mailing's page (its text as written, then each mail: recipient, team, subject, state);
and the screen to write one, preview it (how many mails, the first one) and queue it.
The outbox shows each of their mails with its recipient, subject and mailing."""

from django import forms
from django.contrib import admin, messages
from django.core.paginator import Paginator
from django.db.models import Count, OuterRef, Subquery
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_http_methods
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from editions.models import Edition
from programme.admin_outbox import MailDetails, describe_mails, label_mail
from programme.lifecycles import ActionRefused
from programme.rules import require_perm
from projects.admin_base import ObjectLinks
from projects.mailings import audience as audiences
from projects.mailings.models import Mailing, MailingDelivery
from projects.mailings.services import (
    PLACEHOLDERS,
    keeps_an_outbox,
    preview_mailing,
    queue_mailing,
)
from projects.mailings.tasks import send_mailing_mail

VIEW_PERMISSION = "projects.view_mailing"
ADD_PERMISSION = "projects.add_mailing"
LIST_LENGTH = 100


class MailingForm(forms.Form):
    edition = forms.ModelChoiceField(
        label=gettext_lazy("Édition"), queryset=Edition.objects.order_by("-number")
    )
    audience = forms.ChoiceField(label=gettext_lazy("Équipes"), choices=audiences.audience_choices)
    subject = forms.CharField(label=gettext_lazy("Objet"), max_length=250)
    body = forms.CharField(
        label=gettext_lazy("Texte"), widget=forms.Textarea(attrs={"rows": 14, "cols": 80})
    )


def _context(request, title, **extra):
    return {
        **admin.site.each_context(request),
        "title": title,
        "list_url": reverse("admin:mailings"),
        **extra,
    }


STATE_LABELS = {
    "waiting": gettext_lazy("En attente"),
    "sent": gettext_lazy("Envoyé"),
    "failed": gettext_lazy("Échec"),
}


def _with_task_status(deliveries):
    """``deliveries`` with the status of each one's task in the outbox (``task_status``)."""
    status = DBTaskResult.objects.filter(id=OuterRef("task_id")).values("status")[:1]
    return deliveries.annotate(task_status=Subquery(status))


def _state(task_status, sent_at_once):
    """« waiting », « sent » or « failed »: a mail's state from its task's status.
    Without an outbox (the demo), each mail was sent as it was queued."""
    if task_status == TaskResultStatus.SUCCESSFUL or sent_at_once:
        return "sent"
    if task_status == TaskResultStatus.FAILED:
        return "failed"
    return "waiting"


def _states(mailing_ids):
    """``{mailing id: {state: count}}`` for the mails of ``mailing_ids``, in one query."""
    rows = (
        _with_task_status(MailingDelivery.objects.filter(mailing_id__in=mailing_ids))
        .values("mailing_id", "task_status")
        .annotate(count=Count("pk"))
        .order_by()
    )
    states = {}
    sent_at_once = not keeps_an_outbox()
    for row in rows:
        counts = states.setdefault(row["mailing_id"], {"waiting": 0, "sent": 0, "failed": 0})
        counts[_state(row["task_status"], sent_at_once)] += row["count"]
    return states


@require_http_methods(["GET"])
def mailing_list(request):
    require_perm(request.user, VIEW_PERMISSION)
    mailings = list(Mailing.objects.select_related("edition", "author")[:LIST_LENGTH])
    states = _states([mailing.pk for mailing in mailings])
    rows = [
        {
            "mailing": mailing,
            "audience": audiences.audience_label(mailing.audience),
            "states": states.get(mailing.pk, {"waiting": 0, "sent": 0, "failed": 0}),
        }
        for mailing in mailings
    ]
    context = _context(
        request,
        _("Envois groupés"),
        rows=rows,
        can_add=request.user.has_perm(ADD_PERMISSION),
        outbox_url=reverse("admin:django_tasks_database_dbtaskresult_changelist"),
    )
    return TemplateResponse(request, "admin/projects/mailings.html", context)


@require_http_methods(["GET"])
def mailing_detail(request, pk):
    """A mailing: its text as written and each of its mails, a hundred a page."""
    require_perm(request.user, VIEW_PERMISSION)
    mailing = get_object_or_404(Mailing.objects.select_related("edition", "author"), pk=pk)
    deliveries = _with_task_status(
        MailingDelivery.objects.filter(mailing=mailing).select_related("application")
    ).order_by("pk")
    page = Paginator(deliveries, LIST_LENGTH).get_page(request.GET.get("page"))
    sent_at_once = not keeps_an_outbox()
    outbox = "admin:django_tasks_database_dbtaskresult_change"
    rows = [
        {
            "delivery": delivery,
            "state": STATE_LABELS[_state(delivery.task_status, sent_at_once)],
            "outbox_url": reverse(outbox, args=[delivery.task_id]) if delivery.task_id else "",
        }
        for delivery in page
    ]
    context = _context(
        request,
        str(mailing),
        mailing=mailing,
        audience=audiences.audience_label(mailing.audience),
        states=_states([mailing.pk]).get(mailing.pk, {"waiting": 0, "sent": 0, "failed": 0}),
        columns=[_("Destinataire"), _("Équipe"), _("Objet"), _("État")],
        rows=rows,
        page=page,
    )
    return TemplateResponse(request, "admin/projects/mailing_detail.html", context)


@require_http_methods(["GET", "POST"])
def mailing_new(request):
    require_perm(request.user, ADD_PERMISSION)
    form = MailingForm(request.POST or None)
    shown = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        arguments = {
            "audience": data["audience"],
            "subject": data["subject"],
            "body": data["body"],
        }
        try:
            if request.POST.get("action") == "send":
                mailing = queue_mailing(data["edition"], actor=request.user, **arguments)
            else:
                shown = preview_mailing(data["edition"], **arguments)
        except ActionRefused as refused:
            refused.add_to_form(form)
        else:
            if shown is None:
                count = mailing.recipient_count
                messages.success(
                    request,
                    ngettext(
                        "%(count)d mail est mis en file d'envoi.",
                        "%(count)d mails sont mis en file d'envoi.",
                        count,
                    )
                    % {"count": count},
                )
                return redirect("admin:mailings")
    context = _context(
        request,
        _("Écrire aux équipes d'une édition"),
        form=form,
        preview=shown,
        placeholders=PLACEHOLDERS,
    )
    return TemplateResponse(request, "admin/projects/mailing_new.html", context)


def describe_deliveries(rows):
    """The outbox's details of the mails of mailings on a page, in one query."""
    by_delivery = {}
    for row in rows:
        args = (row.args_kwargs or {}).get("args") or []
        if args:
            by_delivery[args[0]] = row.pk
    deliveries = MailingDelivery.objects.filter(pk__in=by_delivery)
    links = ObjectLinks()
    return {
        by_delivery[delivery.pk]: MailDetails(
            recipient=delivery.email,
            subject=delivery.subject,
            batch=_("Envoi groupé n° %(number)s") % {"number": delivery.mailing_id},
            batch_url=links.url("admin:mailing", delivery.mailing_id),
        )
        for delivery in deliveries
    }


label_mail(send_mailing_mail, gettext_lazy("Envoi groupé aux équipes"))
describe_mails(send_mailing_mail, describe_deliveries)
admin.site.register_view(
    "envois-groupes/",
    mailing_list,
    name="mailings",
    label=gettext_lazy("Envois groupés"),
    description=gettext_lazy(
        "Écrire aux équipes d'une édition (toutes, présélectionnées, lauréates…) et suivre "
        "l'envoi de leurs mails."
    ),
    permission=VIEW_PERMISSION,
)
admin.site.register_view(
    "envois-groupes/<int:pk>/",
    mailing_detail,
    name="mailing",
    label=gettext_lazy("Envoi groupé"),
    permission=VIEW_PERMISSION,
    listed=False,
)
admin.site.register_view(
    "envois-groupes/nouveau/",
    mailing_new,
    name="mailing_new",
    label=gettext_lazy("Écrire aux équipes d'une édition"),
    permission=ADD_PERMISSION,
    listed=False,
)

"""The team's members and files, and the line manager's answer (by signed link)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from programme.decorators import form_data, login_required_keeping_post
from programme.files import private_file_response
from programme.lifecycles import Refused
from programme.rules import require_perm
from projects.applications.forms import AttachmentForm, TeamMemberForm
from projects.applications.manager_links import member_for_manager_token
from projects.applications.services.team import (
    add_attachment,
    add_member,
    manager_answer_refusals,
    record_manager_response,
    remove_attachment,
    remove_member,
    update_member,
)
from projects.applications.views.team import _team_member_application
from projects.enums import ManagerResponse
from projects.models import Application, Attachment


def _editable_application(request, pk):
    return require_perm(
        request.user, "projects.edit_application", _team_member_application(request, pk)
    )


@login_required_keeping_post
@require_http_methods(["GET", "POST"])
def member_form(request, pk, member_pk=None):
    application = _editable_application(request, pk)
    member = get_object_or_404(application.team_members, pk=member_pk) if member_pk else None
    may_consent = member is not None and member.user_id == request.user.pk
    form = TeamMemberForm(form_data(request), instance=member, may_consent=may_consent)
    if request.method == "POST" and form.is_valid():
        fields = form.changed_fields()
        if "public_name_consent" in fields:
            fields["public_name_consent_at"] = (
                timezone.now() if fields["public_name_consent"] else None
            )
        try:
            if member is None:
                fields = {name: form.cleaned_data[name] for name in form.fields if name != "email"}
                add_member(
                    application, actor=request.user, email=form.cleaned_data["email"], **fields
                )
                messages.success(request, _("Membre ajouté ; une invitation lui est envoyée."))
            else:
                update_member(member, actor=request.user, **fields)
                messages.success(request, _("Membre mis à jour."))
        except Refused as refused:
            refused.add_to_form(form)
        else:
            return redirect("projects:application_detail", application.pk)
    return render(
        request,
        "projects/team/member_form.html",
        {"application": application, "member": member, "form": form},
    )


def _removal(related, remove, *, kwarg, gone, done, back):
    """The POST view removing one of an editable application's ``related`` objects (its pk
    as ``kwarg`` in the URL) through ``remove``, saying ``done``, or ``gone`` on a second
    click, then back to the ``back`` page of the application."""

    @login_required_keeping_post
    @require_POST
    def view(request, pk, **kwargs):
        application = _editable_application(request, pk)
        obj = getattr(application, related).filter(pk=kwargs[kwarg]).first()
        if obj is None:
            messages.info(request, gone)
        else:
            try:
                remove(obj, actor=request.user)
            except Refused as refused:
                messages.error(request, " ".join(refused.reasons))
            else:
                messages.success(request, done)
        return redirect(back, application.pk)

    return view


member_remove = _removal(
    "team_members",
    remove_member,
    kwarg="member_pk",
    gone=gettext_lazy("Ce membre ne fait déjà plus partie de l'équipe."),
    done=gettext_lazy("Membre retiré de l'équipe."),
    back="projects:application_detail",
)


@login_required_keeping_post
@require_http_methods(["GET", "POST"])
def attachments(request, pk):
    application = _editable_application(request, pk)
    form = AttachmentForm(request.POST or None, request.FILES or None, call=application.call)
    if request.method == "POST" and form.is_valid():
        try:
            add_attachment(
                application,
                form.cleaned_data["file"],
                actor=request.user,
                required_document=form.cleaned_data["required_document"],
            )
        except ValidationError as error:
            form.add_error("file", error)
        except Refused as refused:
            refused.add_to_form(form)
        else:
            messages.success(request, _("Pièce ajoutée."))
            return redirect("projects:application_attachments", application.pk)
    return render(
        request,
        "projects/team/attachments.html",
        {
            "application": application,
            "form": form,
            "attachments": application.attachments.select_related("required_document"),
        },
    )


attachment_remove = _removal(
    "attachments",
    remove_attachment,
    kwarg="attachment_pk",
    gone=gettext_lazy("Cette pièce est déjà supprimée."),
    done=gettext_lazy("Pièce supprimée."),
    back="projects:application_attachments",
)


@login_required_keeping_post
def attachment_download(request, attachment_pk):
    """Stream a private file to someone allowed to read it; others get a 404."""
    attachment = get_object_or_404(
        Attachment.objects.select_related("application").filter(
            application__in=_visible_applications(request)
        ),
        pk=attachment_pk,
    )
    if not request.user.has_perm("projects.download_attachment", attachment):
        raise Http404
    return private_file_response(
        attachment.file, filename=attachment.original_name, content_type=attachment.content_type
    )


def _visible_applications(request):
    return Application.objects.visible_to(request.user)


@require_http_methods(["GET", "POST"])
def manager_agreement(request, token):
    """The page a line manager reaches from the e-mail; answering needs no account."""
    member = member_for_manager_token(token)
    if member is None:
        return render(request, "projects/team/manager_link_invalid.html", status=404)
    if request.method == "POST":
        answer = request.POST.get("answer")
        if answer not in (ManagerResponse.AGREED, ManagerResponse.DECLINED):
            messages.error(request, _("Choisissez de donner ou de refuser votre accord."))
        else:
            try:
                record_manager_response(member, answer)
            except Refused as refused:
                for reason in refused.reasons:
                    messages.error(request, reason)
            else:
                messages.success(request, _("Merci, votre réponse est enregistrée."))
            return redirect("projects:manager_agreement", token)
    context = {
        "member": member,
        "refusals": manager_answer_refusals(member, ManagerResponse.DECLINED),
    }
    return render(request, "projects/team/manager_agreement.html", context)

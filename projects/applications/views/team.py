"""The team's pages: its space, starting a draft, writing it, submitting, withdrawing.

Every page loads the application through ``Application.objects.visible_to(user)``, so
another team's application is a 404; then checks the named permission; then calls one
service and redirects with a message.
"""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from editions.models import Call
from programme.decorators import form_data, login_required_keeping_post
from programme.enums import DecisionSource
from programme.lifecycles import Refused
from programme.rules import require_perm
from projects.applications.forms import ApplicationForm, StartApplicationForm, WithdrawForm
from projects.applications.pitches import pitch_slots
from projects.applications.services import application_refusals, move_application
from projects.applications.services.team import edit_refusals, start_application
from projects.enums import ApplicationStatus
from projects.models import Application
from projects.rights import export_response

TEAM = DecisionSource.TEAM


def _team_application(request, pk, *related):
    queryset = Application.objects.visible_to(request.user).select_related(
        "call__edition", "theme", *related
    )
    application = get_object_or_404(queryset, pk=pk)
    return require_perm(request.user, "projects.see_application", application)


def _team_member_application(request, pk):
    """An application the signed-in person acts on as a member of its team."""
    return require_perm(request.user, "projects.act_for_team", _team_application(request, pk))


@login_required_keeping_post
def team_space(request):
    applications = (
        Application.objects.filter(team_members__user=request.user)
        .select_related("call__edition", "project")
        .prefetch_related("transitions")
        .order_by("-created_at")
        .distinct()
    )
    open_calls = (
        Call.objects.filter(is_published=True).open_at(timezone.now()).select_related("edition")
    )
    return render(
        request,
        "projects/team/space.html",
        {"applications": applications, "open_calls": open_calls},
    )


@login_required_keeping_post
@require_http_methods(["GET", "POST"])
def start(request, edition_slug):
    call = get_object_or_404(
        Call.objects.select_related("edition"), edition__slug=edition_slug, is_published=True
    )
    form = StartApplicationForm(form_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            application = start_application(
                call, title=form.cleaned_data["title"], actor=request.user
            )
        except Refused as refused:
            refused.add_to_form(form)
        else:
            messages.success(
                request, _("Votre brouillon est créé. Complétez-le à votre rythme jusqu'au dépôt.")
            )
            return redirect("projects:application_edit", application.pk)
    return render(request, "projects/team/start.html", {"call": call, "form": form})


@login_required_keeping_post
def detail(request, pk):
    application = _team_application(request, pk)
    members = list(application.team_members.select_related("department", "school", "organisation"))
    return render(
        request,
        "projects/team/detail.html",
        {
            "application": application,
            "members": members,
            "attachments": application.attachments.select_related("required_document"),
            "decisions": application.transitions.filter(published_at__isnull=False),
            "letters": application.decision_letters.all(),
            "pitch_slots": pitch_slots(application),
            "team_status": application.team_status(),
            "missing": application_refusals(
                application, ApplicationStatus.SUBMITTED, decided_by=TEAM
            )
            if application.is_draft
            else [],
            "waiting_managers": [m for m in members if m.is_waiting_for_manager],
            "call_closed": application.call.is_closed(),
            "can_edit": request.user.has_perm("projects.edit_application", application)
            and not edit_refusals(application),
            "can_withdraw": request.user.has_perm("projects.withdraw_application", application),
        },
    )


@login_required_keeping_post
@require_http_methods(["GET", "POST"])
def edit(request, pk):
    application = _team_member_application(request, pk)
    if not request.user.has_perm("projects.edit_application", application):
        messages.info(request, _("La candidature est déposée : elle n'est plus modifiable."))
        return redirect("projects:application_detail", application.pk)
    refusals = edit_refusals(application)
    form = ApplicationForm(form_data(request), instance=application)
    if refusals:
        # After the deadline the page reads as closed; what was just sent is shown back.
        form.close()
    elif request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Brouillon enregistré."))
        return redirect("projects:application_edit", application.pk)
    return render(
        request,
        "projects/team/edit.html",
        {
            "application": application,
            "form": form,
            "refusals": refusals,
            "sent_too_late": bool(refusals) and form.is_bound,
        },
    )


@login_required_keeping_post
@require_http_methods(["GET", "POST"])
def submit(request, pk):
    """The review page, then the submission itself; the deadline is checked on POST."""
    application = _team_member_application(request, pk)
    if not application.is_draft:
        messages.info(request, _("Cette candidature est déjà déposée."))
        return redirect("projects:application_detail", application.pk)
    require_perm(request.user, "projects.edit_application", application)
    refusals = application_refusals(application, ApplicationStatus.SUBMITTED, decided_by=TEAM)
    if request.method == "POST":
        try:
            history = move_application(
                application, ApplicationStatus.SUBMITTED, actor=request.user, decided_by=TEAM
            )
        except Refused as refused:
            refusals = refused.reasons
        else:
            if history is None:
                messages.info(request, _("Cette candidature est déjà déposée."))
            else:
                messages.success(
                    request,
                    _("Candidature déposée. Un accusé de réception vous a été envoyé par e-mail."),
                )
            return redirect("projects:application_detail", application.pk)
    members = application.team_members.select_related("department", "school", "organisation")
    return render(
        request,
        "projects/team/submit.html",
        {
            "application": application,
            "members": members,
            "attachments": application.attachments.select_related("required_document"),
            "refusals": refusals,
            "call_closed": application.call.is_closed(),
        },
    )


@login_required_keeping_post
@require_http_methods(["GET", "POST"])
def withdraw(request, pk):
    application = _team_member_application(request, pk)
    if application.status == ApplicationStatus.WITHDRAWN:
        messages.info(request, _("Cette candidature est déjà retirée."))
        return redirect("projects:application_detail", application.pk)
    require_perm(request.user, "projects.withdraw_application", application)
    form = WithdrawForm(form_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            move_application(
                application,
                ApplicationStatus.WITHDRAWN,
                actor=request.user,
                decided_by=TEAM,
                reason=form.cleaned_data["reason"],
            )
        except Refused as refused:
            refused.add_to_form(form)
        else:
            messages.success(request, _("La candidature est retirée."))
            return redirect("projects:application_detail", application.pk)
    return render(
        request, "projects/team/withdraw.html", {"application": application, "form": form}
    )


@login_required_keeping_post
@require_POST
def my_data(request):
    """The signed-in person's own export: there is no one else's to ask for here."""
    return export_response(request.user, actor=request.user)

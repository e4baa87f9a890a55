"""Following a laureate: the coach's list, the follow-up page, coaching log, milestones.

Every page loads the project through ``Project.objects.followed_by(user)``, so a project
someone does not follow is a 404; then checks the named permission (403); then saves the
form or calls one service and redirects with a message.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from programme.decorators import form_data, login_required_keeping_post
from programme.lifecycles import Refused
from programme.roles import is_innovation_staff
from programme.rules import require_perm
from projects.enums import MilestoneStatus
from projects.laureates import follow_up
from projects.laureates.forms.follow_up import CoachingEntryForm, MilestoneForm, MilestoneStatusForm
from projects.laureates.services.follow_up import set_milestone_status
from projects.models import CoachingEntry, Milestone, Project


def followed_project(request, pk, permission="projects.follow_project"):
    """The project ``pk`` if ``request.user`` follows it (404 otherwise), loaded with
    what the follow-up pages show, once they hold ``permission`` (403 otherwise)."""
    project = follow_up.load_project(Project.objects.followed_by(request.user), pk)
    if project is None:
        raise Http404
    return require_perm(request.user, permission, project)


def _open_period(project):
    """The period new rows go on; a running project always has one."""
    period = next((p for p in project.periods.all() if p.is_open), None)
    if period is None:
        raise Http404
    return period


@login_required_keeping_post
def coaching_list(request):
    user = request.user
    is_staff = is_innovation_staff(user)
    if is_staff:
        projects = Project.objects.running()
    elif user.coached_periods.exists():
        projects = Project.objects.coached_by(user)
    else:
        raise PermissionDenied
    today = timezone.localdate()
    return render(
        request,
        "projects/follow_up/coaching_list.html",
        {
            "rows": follow_up.coaching_rows(projects, today),
            "is_staff": is_staff,
            "ending_soon_days": follow_up.ENDING_SOON_DAYS,
        },
    )


@login_required_keeping_post
def overview(request, pk):
    project = followed_project(request, pk)
    user = request.user
    today = timezone.localdate()
    shown = follow_up.overview(project, request.GET.get("periode"), today)
    is_staff = is_innovation_staff(user)
    return render(
        request,
        "projects/follow_up/overview.html",
        {
            "project": project,
            "period": shown.period,
            "shown": shown,
            "today": today,
            "can_log": user.has_perm("projects.log_coaching", project),
            "can_keep": user.has_perm("projects.keep_follow_up", project),
            "editable_entries": {
                entry.pk
                for entry in shown.entries
                if follow_up.entry_may_be_edited(entry, user, is_staff)
            },
        },
    )


@login_required_keeping_post
@require_http_methods(["GET", "POST"])
def coaching_form(request, pk, entry_pk=None):
    project = followed_project(request, pk, "projects.log_coaching")
    if entry_pk is None:
        entry, period = None, _open_period(project)
    else:
        entry = get_object_or_404(
            CoachingEntry.objects.for_project(project).select_related("period"), pk=entry_pk
        )
        if not follow_up.entry_may_be_edited(
            entry, request.user, is_innovation_staff(request.user)
        ):
            raise PermissionDenied
        period = entry.period
    form = CoachingEntryForm(form_data(request), instance=entry, period=period)
    if request.method == "POST" and form.is_valid():
        if entry is None and _already_logged(period, request.user, form.cleaned_data):
            messages.info(request, _("Cette séance est déjà enregistrée."))
        else:
            form.instance.period = period
            if entry is None:
                form.instance.coach = request.user
            form.save()
            messages.success(request, _("Séance enregistrée dans le journal d'accompagnement."))
        return redirect("projects:follow_up", project.pk)
    return render(
        request,
        "projects/follow_up/coaching_form.html",
        {"project": project, "period": period, "entry": entry, "form": form},
    )


def _already_logged(period, coach, data):
    """A second click on « Enregistrer » posts the same session again."""
    return period.coaching_entries.filter(
        coach=coach, held_on=data["held_on"], topics=data["topics"]
    ).exists()


@login_required_keeping_post
@require_http_methods(["GET", "POST"])
def milestone_form(request, pk, milestone_pk=None):
    project = followed_project(request, pk, "projects.keep_follow_up")
    if milestone_pk is None:
        milestone, period = None, _open_period(project)
    else:
        milestone = get_object_or_404(
            Milestone.objects.filter(period__project=project).select_related(
                "period", "status_changed_by"
            ),
            pk=milestone_pk,
        )
        period = milestone.period
    data = form_data(request)
    form = MilestoneForm(data, instance=milestone)
    status_form = MilestoneStatusForm(data, current=milestone.status) if milestone else None
    if request.method == "POST" and form.is_valid() and (not status_form or status_form.is_valid()):
        if milestone is None:
            return _add_milestone(request, project, period, form)
        try:
            with transaction.atomic():
                form.save()
                moved = set_milestone_status(
                    milestone,
                    status_form.cleaned_data["status"],
                    actor=request.user,
                    note=status_form.cleaned_data["note"],
                )
        except Refused as refused:
            refused.add_to_form(status_form, "note")
        else:
            if moved:
                messages.success(
                    request,
                    _("Jalon enregistré ; son état est maintenant « %(status)s ».")
                    % {"status": MilestoneStatus(milestone.status).label},
                )
            else:
                messages.success(request, _("Jalon enregistré."))
            return redirect("projects:follow_up", project.pk)
    return render(
        request,
        "projects/follow_up/milestone_form.html",
        {
            "project": project,
            "period": period,
            "milestone": milestone,
            "form": form,
            "status_form": status_form,
        },
    )


def _add_milestone(request, project, period, form):
    data = form.cleaned_data
    if period.milestones.filter(title=data["title"], due_on=data["due_on"]).exists():
        messages.info(request, _("Ce jalon est déjà enregistré."))
    else:
        form.instance.period = period
        form.instance.created_by = request.user
        form.save()
        messages.success(request, _("Jalon ajouté."))
    return redirect("projects:follow_up", project.pk)

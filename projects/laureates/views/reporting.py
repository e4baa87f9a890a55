"""What a laureate proves: the time its team gives, its impact indicators and their
measurements, its end-of-phase report.

Every page loads the project through ``Project.objects.followed_by(user)``, so a project
someone does not follow is a 404; reading needs ``projects.follow_project``, writing the
page's narrower permission (a 403 otherwise).
"""

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from programme.dates import format_date
from programme.decorators import form_data, login_required_keeping_post
from programme.lifecycles import Refused
from projects.enums import MemberKind
from projects.laureates import follow_up
from projects.laureates.forms.reporting import (
    ImpactIndicatorForm,
    MeasurementForm,
    PhaseReportForm,
    TimeDeclarationForm,
)
from projects.laureates.services.follow_up import (
    declare_time,
    save_phase_report_draft,
    submit_phase_report,
)
from projects.laureates.time_tracking import declarable_months, month_rows, summarise
from projects.laureates.views.follow_up import followed_project
from projects.models import ImpactIndicator, Measurement, PhaseReport

SUBMIT_REPORT = "deposer"


def _period_page(request, pk, permission):
    """A page of one period of a followed project: the project; the period
    ``?periode=<sequence>`` names, else the open one, else the last, with all the
    project's periods for the links between them; whether the user holds ``permission``
    to write on the page (a POST without it is a 403)."""
    project = followed_project(request, pk)
    periods = list(project.periods.all())
    period = follow_up.shown_period(periods, request.GET.get("periode"))
    if period is None:
        raise Http404
    may_write = request.user.has_perm(permission, project)
    if request.method == "POST" and not may_write:
        raise PermissionDenied
    return project, period, periods, may_write


def _url(name, project, **query):
    url = reverse(f"projects:{name}", args=[project.pk])
    return f"{url}?{urlencode(query)}" if query else url


def _chosen_month(value, months):
    """The month ``?mois=YYYY-MM`` names (by default the latest declarable one) and, when
    it cannot be declared, why, in French."""
    if not value:
        return (months[-1] if months else None), None
    try:
        month = datetime.datetime.strptime(value, "%Y-%m").date()
    except ValueError:
        return None, _("« %(value)s » n'est pas un mois : choisissez-en un dans le tableau.") % {
            "value": value
        }
    if month not in months:
        return month, _(
            "Le mois de %(month)s n'est pas un mois passé ou en cours de cette période."
        ) % {"month": format_date(month, "F Y")}
    return month, None


@login_required_keeping_post
@require_http_methods(["GET", "POST"])
def time_declaration(request, pk):
    project, period, periods, may_declare = _period_page(request, pk, "projects.declare_time")
    # Agents first: releasing them is what the programme watches.
    members = sorted(
        project.application.team_members.all(), key=lambda m: m.kind != MemberKind.AGENT
    )
    months = declarable_months(period)
    rows = month_rows(
        period,
        months,
        members,
        {commitment.member_id: commitment for commitment in period.time_commitments.all()},
        period.time_declarations.all(),
    )
    month, month_error = _chosen_month(request.GET.get("mois"), months)
    form = None
    # A month out of the period still gets the form on POST, so that what was typed comes
    # back with the service's refusal.
    if may_declare and month is not None and (request.method == "POST" or not month_error):
        cells = rows[months.index(month)].cells if month in months else []
        form = TimeDeclarationForm(
            form_data(request),
            members=members,
            planned={cell.member.pk: cell.planned for cell in cells},
            initial={
                name: value
                for cell in cells
                for name, value in zip(
                    TimeDeclarationForm.field_names(cell.member),
                    (cell.given, cell.comment),
                    strict=True,
                )
            },
        )
    if request.method == "POST" and form is not None and form.is_valid():
        try:
            written = declare_time(
                period,
                month,
                form.days_by_member(),
                actor=request.user,
                comments=form.comments(),
            )
        except Refused as refused:
            refused.add_to_form(form)
        else:
            if written:
                messages.success(
                    request,
                    _("Le temps de %(month)s est enregistré.")
                    % {"month": format_date(month, "F Y")},
                )
            else:
                messages.info(request, _("Aucun nombre de jours saisi : rien n'est enregistré."))
            return redirect(
                _url("time_declaration", project, periode=period.sequence, mois=f"{month:%Y-%m}")
            )
    return render(
        request,
        "projects/follow_up/time.html",
        {
            "project": project,
            "period": period,
            "periods": periods,
            "rows": rows,
            "summary": summarise(rows),
            "members": members,
            "month": month,
            "month_error": month_error,
            "form": form,
            "may_declare": may_declare,
        },
    )


@login_required_keeping_post
@require_http_methods(["GET", "POST"])
def indicator_form(request, pk, indicator_pk=None):
    project = followed_project(request, pk, "projects.keep_follow_up")
    indicator = get_object_or_404(project.indicators, pk=indicator_pk) if indicator_pk else None
    form = ImpactIndicatorForm(
        form_data(request),
        instance=indicator or ImpactIndicator(project=project, created_by=request.user),
        initial={} if indicator else {"position": project.indicators.count() + 1},
    )
    if request.method == "POST" and form.is_valid():
        same_name = project.indicators.filter(name__iexact=form.cleaned_data["name"])
        twin = None if indicator else same_name.first()
        if twin is not None:
            # A second click on "save" of a new indicator: it exists already.
            messages.info(request, _("Cet indicateur existe déjà."))
            return redirect("projects:indicator_edit", project.pk, twin.pk)
        saved = form.save()
        messages.success(
            request, _("Indicateur mis à jour.") if indicator else _("Indicateur ajouté.")
        )
        return redirect("projects:indicator_edit", project.pk, saved.pk)
    measurements = (
        indicator.measurements.select_related("entered_by", "reviewed_by") if indicator else []
    )
    return render(
        request,
        "projects/follow_up/indicator_form.html",
        {
            "project": project,
            "indicator": indicator,
            "form": form,
            "measurements": measurements,
        },
    )


@login_required_keeping_post
@require_http_methods(["GET", "POST"])
def measurement_add(request, pk, indicator_pk):
    project = followed_project(request, pk, "projects.keep_follow_up")
    indicator = get_object_or_404(project.indicators, pk=indicator_pk)
    form = MeasurementForm(
        form_data(request), instance=Measurement(indicator=indicator, entered_by=request.user)
    )
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in form.Meta.fields}
        if indicator.measurements.to_review().filter(**fields).exists():
            # A second click: the same figure waits for staff already.
            messages.info(
                request, _("Cette mesure est déjà enregistrée ; elle attend sa vérification.")
            )
        else:
            form.save()
            messages.success(
                request,
                _(
                    "Mesure enregistrée. L'équipe innovation la vérifiera avant qu'elle "
                    "puisse être publiée."
                ),
            )
        return redirect("projects:indicator_edit", project.pk, indicator.pk)
    return render(
        request,
        "projects/follow_up/measurement_form.html",
        {"project": project, "indicator": indicator, "form": form},
    )


def _report_fields(phase_report):
    """The report's answers with their questions, to read."""
    if phase_report is None:
        return []
    return [
        (
            PhaseReport._meta.get_field(name).verbose_name,
            phase_report.get_recommendation_display()
            if name == "recommendation"
            else getattr(phase_report, name),
        )
        for name in PhaseReportForm.Meta.fields
    ]


@login_required_keeping_post
@require_http_methods(["GET", "POST"])
def report(request, pk):
    project, period, periods, may_write = _period_page(request, pk, "projects.write_report")
    phase_report = PhaseReport.objects.select_related("submitted_by").filter(period=period).first()
    here = _url("report", project, periode=period.sequence)
    is_submitted = phase_report is not None and phase_report.is_submitted
    if request.method == "POST" and is_submitted:
        messages.info(request, _("Le bilan est déjà déposé : il n'est plus modifiable."))
        return redirect(here)
    form = None
    if may_write and not is_submitted:
        form = PhaseReportForm(
            form_data(request), instance=phase_report or PhaseReport(period=period)
        )
    refusals = []
    if request.method == "POST" and form.is_valid():
        submitting = SUBMIT_REPORT in request.POST
        try:
            # The draft is saved first: a refused submission keeps every word typed.
            phase_report = save_phase_report_draft(period, form.cleaned_data, actor=request.user)
            if submitting:
                submit_phase_report(phase_report, actor=request.user)
        except Refused as refused:
            refusals = refused.reasons
        else:
            messages.success(
                request,
                _(
                    "Bilan déposé. Il sera remis au jury à la prochaine revue du projet ; "
                    "vos coachs et l'équipe innovation sont prévenus."
                )
                if submitting
                else _("Brouillon enregistré."),
            )
            return redirect(here)
    indicators = project.indicators.prefetch_related(
        Prefetch(
            "measurements",
            queryset=Measurement.objects.validated().order_by("-measured_on", "-pk"),
            to_attr="validated_measurements",
        )
    )
    return render(
        request,
        "projects/follow_up/report.html",
        {
            "project": project,
            "period": period,
            "periods": periods,
            "report": phase_report,
            "form": form,
            "refusals": refusals,
            "report_fields": _report_fields(phase_report) if form is None else [],
            "indicators": indicators,
            "submit_name": SUBMIT_REPORT,
        },
    )

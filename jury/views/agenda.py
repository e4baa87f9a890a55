"""The chair runs the day from the jury area: chooses the averaging before scoring, opens
the scoring and the deliberation, withdraws an item from the frozen agenda with a
reason, reopens an item's scoring."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from jury.enums import SessionStatus
from jury.forms import AveragingForm, ReasonForm
from jury.models import AgendaItem
from jury.services import (
    choose_averaging,
    freeze_item_scoring,
    move_session,
    removal_refusals,
    remove_item,
    reopen_item_scoring,
)
from jury.views.chair import chair_session, decided_by
from programme.lifecycles import ActionRefused, Refused

STEPS = {"notation": SessionStatus.SCORING, "deliberation": SessionStatus.DELIBERATION}


def chair_item(request, session, item_pk):
    """An item of ``session`` the chair may act on: not one they withdrew from."""
    return get_object_or_404(
        AgendaItem.objects.visible_to(request.user)
        .filter(session=session)
        .select_related("session", "application", "project"),
        pk=item_pk,
    )


def _tell(request, act, success):
    """Run ``act()`` and say how it went: a refusal's reasons, nothing changed when it
    answers ``None`` (a second click), else the message ``success()`` builds."""
    try:
        done = act()
    except Refused as refused:
        messages.error(request, " ".join(refused.reasons))
    else:
        if done is None:
            messages.info(request, _("C'était déjà fait : rien n'a changé."))
        else:
            messages.success(request, success())


@login_required
@require_POST
def session_step(request, pk, step):
    """Open the scoring or the deliberation, as the president or the secretary (or staff)."""
    session = chair_session(request, pk)
    target = STEPS.get(step)
    if target is None:
        raise Http404
    _tell(
        request,
        lambda: move_session(
            session, target, actor=request.user, decided_by=decided_by(request, session)
        ),
        lambda: _("C'est fait : %(status)s.") % {"status": target.label},
    )
    return redirect("jury:deliberation", session.pk)


@login_required
@require_POST
def averaging(request, pk):
    """Choose the raw mean or the mean normalised per juror, before scoring opens."""
    session = chair_session(request, pk)
    form = AveragingForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors["averaging"]))
        return redirect("jury:deliberation", session.pk)
    _tell(
        request,
        lambda: choose_averaging(session, form.cleaned_data["averaging"], actor=request.user),
        lambda: _("Calcul des moyennes : %(label)s.") % {"label": session.get_averaging_display()},
    )
    return redirect("jury:deliberation", session.pk)


@login_required
@require_http_methods(["GET", "POST"])
def remove(request, pk, item_pk):
    """Withdraw an item from the agenda, with a reason the minutes give."""
    session = chair_session(request, pk)
    item = chair_item(request, session, item_pk)
    if item.is_removed:
        messages.info(request, _("Ce point a déjà été retiré de l'ordre du jour."))
        return redirect("jury:deliberation", session.pk)
    refusals = removal_refusals(item)
    form = ReasonForm(request.POST if request.method == "POST" and not refusals else None)
    if form.is_bound and form.is_valid():
        try:
            remove_item(item, reason=form.cleaned_data["reason"], actor=request.user)
        except Refused as refused:
            refused.add_to_form(form)
        else:
            messages.success(
                request,
                _("Le point %(n)d est retiré de l'ordre du jour.") % {"n": item.position},
            )
            return redirect("jury:deliberation", session.pk)
    return render(
        request,
        "jury/remove_item.html",
        {"session": session, "item": item, "form": form, "refusals": refusals},
    )


@login_required
@require_POST
def item_scoring(request, pk, item_pk):
    """Reopen (with a reason) or freeze again the scoring of one item."""
    session = chair_session(request, pk)
    item = chair_item(request, session, item_pk)
    freeze = request.POST.get("action") == "freeze"

    def act():
        if freeze:
            return freeze_item_scoring(item, actor=request.user)
        form = ReasonForm(request.POST)
        if not form.is_valid():
            raise ActionRefused([_("Indiquez pourquoi la notation de ce point est rouverte.")])
        return reopen_item_scoring(item, reason=form.cleaned_data["reason"], actor=request.user)

    if freeze:
        success = _("Les notes du point %(n)d sont à nouveau figées.")
    else:
        success = _("La notation du point %(n)d est rouverte.")
    _tell(request, act, lambda: success % {"n": item.position})
    return redirect("jury:decision", session.pk, item.pk)

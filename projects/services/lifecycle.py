"""The only code that moves an application or a project through its lifecycle.

Each entry point validates against ``projects.transitions`` and the guards below, locks
the row, writes the new state and its history row in one transaction, and returns the
history row, or ``None`` when the move was already done (a double click, a decision
applied twice).
"""

from functools import partial

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext as _

from projects.enums import (
    ApplicationStatus,
    DecisionSource,
    ManagerResponse,
    Phase,
    ReintegrationOutcome,
)
from projects.models import (
    Application,
    ApplicationTransition,
    PhasePeriod,
    Project,
    ProjectTransition,
)
from projects.tasks import notify_application_transition, notify_project_transition
from projects.transitions import APPLICATION_LIFECYCLE, PROJECT_LIFECYCLE


def told_at_once(decided_by):
    """Team and staff decisions reach the team at once; the jury's when staff publish."""
    return decided_by != DecisionSource.JURY


class TransitionRefused(Exception):
    """A move the table or a guard refuses; ``reasons`` are French sentences."""

    def __init__(self, reasons):
        self.reasons = [str(reason) for reason in reasons]
        super().__init__(" ".join(self.reasons))

    def add_to_form(self, form, field=None):
        """Show the reasons on ``form``, where the person acting will read them."""
        for reason in self.reasons:
            form.add_error(field, reason)


def _refusals_for_move(lifecycle, current, target, *, decided_by, reason):
    move = lifecycle.find(current, target)
    states = lifecycle.states
    if move is None:
        return [
            _("Impossible de passer de « %(from)s » à « %(to)s ».")
            % {"from": states(current).label if current else "—", "to": states(target).label}
        ]
    refusals = []
    if not move.allows(decided_by):
        refusals.append(
            _("Cette décision ne revient pas à : %(who)s.")
            % {"who": DecisionSource(decided_by).label}
        )
    # ``reason=None`` asks about the move itself, before anyone has written a reason.
    needs_reason = decided_by in (DecisionSource.STAFF, DecisionSource.JURY)
    if needs_reason and reason is not None and not reason.strip():
        refusals.append(_("Indiquez le motif de la décision."))
    return refusals


def application_refusals(application, target, *, decided_by, reason="", at=None):
    """Why ``application`` may not move to ``target`` now: a list, empty if it may.

    Screens ask with ``reason=None`` to show what blocks the move before the form is
    filled; the service asks again with the reason entered.
    """
    at = at or timezone.now()
    refusals = _refusals_for_move(
        APPLICATION_LIFECYCLE, application.status, target, decided_by=decided_by, reason=reason
    )
    if refusals:
        return refusals
    call = application.call
    if target == ApplicationStatus.SUBMITTED:
        if at < call.opens_at:
            refusals.append(
                _("L'appel à candidatures ouvre le %(date)s.")
                % {"date": date_format(timezone.localtime(call.opens_at), "DATETIME_FORMAT")}
            )
        elif at > call.closes_at:
            refusals.append(
                _("L'appel à candidatures est clos depuis le %(date)s.")
                % {"date": date_format(timezone.localtime(call.closes_at), "DATETIME_FORMAT")}
            )
        refusals.extend(_team_refusals(application))
        return refusals
    screening = application.status == ApplicationStatus.SUBMITTED
    if screening and target != ApplicationStatus.WITHDRAWN and at <= call.closes_at:
        refusals.append(
            _("L'appel est encore ouvert : les candidatures s'examinent après sa clôture.")
        )
    if target == ApplicationStatus.SHORTLISTED:
        waiting = [m.full_name for m in application.team_members.all() if m.is_waiting_for_manager]
        if waiting:
            refusals.append(
                _("Accord du ou de la responsable en attente pour : %(names)s.")
                % {"names": ", ".join(waiting)}
            )
    return refusals


def _team_refusals(application):
    members = list(application.team_members.all())
    refusals = []
    if not any(member.role == "lead" for member in members):
        refusals.append(_("L'équipe n'a pas de porteur ou porteuse de projet."))
    if len(members) > application.call.max_team_size:
        refusals.append(
            _("L'équipe compte %(count)d membres, l'appel en autorise %(max)d au plus.")
            % {"count": len(members), "max": application.call.max_team_size}
        )
    for member in members:
        if member.manager_response == ManagerResponse.DECLINED:
            refusals.append(
                _("%(name)s : son ou sa responsable a refusé de donner son accord.")
                % {"name": member.full_name}
            )
        missing = member.missing_details()
        if missing:
            refusals.append(
                _("%(name)s : renseignez %(fields)s.")
                % {"name": member.full_name, "fields": ", ".join(str(f) for f in missing)}
            )
    return refusals


def move_application(application, target, *, actor, decided_by, reason="", at=None, notify=True):
    """Move ``application`` to ``target`` and record who, when and why.

    Side effects, in order:
    1. locks the application row and re-reads its status;
    2. returns ``None`` if it already has that status (nothing is written);
    3. raises ``TransitionRefused`` with the reasons if the table or a guard refuses;
    4. saves the new status (and the submission date on submission);
    5. writes one ``ApplicationTransition``;
    6. on selection, creates the laureate project in pre-incubation
       (``create_laureate_project``);
    7. after commit, queues the e-mail to the team for a team or staff decision (a
       jury's decision is mailed when staff publish it); ``notify=False`` when replaying
       past events.
    """
    at = at or timezone.now()
    with transaction.atomic():
        locked = (
            Application.objects.select_for_update()
            .select_related("call__edition")
            .get(pk=application.pk)
        )
        if locked.status == target:
            return None
        refusals = application_refusals(locked, target, decided_by=decided_by, reason=reason, at=at)
        if refusals:
            raise TransitionRefused(refusals)
        history = ApplicationTransition.objects.create(
            application=locked,
            from_status=locked.status,
            to_status=target,
            at=at,
            actor=actor,
            decided_by=decided_by,
            reason=reason,
            published_at=at if told_at_once(decided_by) else None,
        )
        locked.status = target
        if target == ApplicationStatus.SUBMITTED:
            locked.submitted_at = at
        locked.save(update_fields=["status", "submitted_at", "updated_at"])
        if target == ApplicationStatus.SELECTED:
            create_laureate_project(
                locked, actor=actor, decided_by=decided_by, at=at, reason=reason
            )
        if notify and told_at_once(decided_by):
            transaction.on_commit(partial(notify_application_transition.enqueue, history.pk))
    application.status, application.submitted_at = locked.status, locked.submitted_at
    return history


def _unique_project_slug(title):
    base = slugify(title)[:180] or "projet"
    slug, suffix = base, 2
    while Project.objects.filter(slug=slug).exists():
        slug, suffix = f"{base}-{suffix}", suffix + 1
    return slug


def create_laureate_project(application, *, actor, decided_by, at, reason=""):
    """Create the project of a selected application, in its first pre-incubation period.

    Called by ``move_application`` inside its transaction. Side effects, in order:
    1. creates the project (title, theme from the application; phase pre-incubation);
    2. opens period 1, planned from the edition's settings (length, days a week, place,
       coaches);
    3. writes the project's first ``ProjectTransition`` (from nothing to pre-incubation).
    """
    edition = application.call.edition
    start = timezone.localdate(at)
    project = Project.objects.create(
        application=application,
        title=application.title,
        slug=_unique_project_slug(application.title),
        theme=application.theme,
        public_summary=application.proposed_solution,
        phase=Phase.PRE_INCUBATION,
        phase_since=start,
    )
    period = PhasePeriod.objects.create(
        project=project,
        sequence=1,
        phase=Phase.PRE_INCUBATION,
        planned_start=start,
        planned_end=edition.preincubation_end(start),
        actual_start=start,
        days_per_week=edition.preincubation_days_per_week,
        place=edition.preincubation_place,
    )
    period.coaches.set(edition.coaches.all())
    ProjectTransition.objects.create(
        project=project,
        from_phase="",
        to_phase=Phase.PRE_INCUBATION,
        opened_period=period,
        at=at,
        actor=actor,
        decided_by=decided_by,
        # The selection's own reason (a jury's includes its public reasons).
        reason=reason or _("Candidature retenue comme lauréate."),
        published_at=at if told_at_once(decided_by) else None,
    )
    return project


def project_refusals(project, target, *, period, decided_by, reason="", outcome="", at=None):
    """Why ``project`` may not move to ``target`` now: a list, empty if it may.

    Screens ask with ``reason=None, outcome=None`` to show what blocks the move before
    the form is filled; the service asks again with what was entered.
    """
    at = at or timezone.now()
    refusals = _refusals_for_move(
        PROJECT_LIFECYCLE, project.phase, target, decided_by=decided_by, reason=reason
    )
    if refusals:
        return refusals
    if (
        target == Phase.REINTEGRATION
        and outcome is not None
        and outcome not in ReintegrationOutcome.values
    ):
        refusals.append(_("Précisez l'issue de la réintégration."))
    if target != Phase.REINTEGRATION and outcome:
        refusals.append(_("Seule une réintégration a une issue."))
    if period is None:
        refusals.append(_("Indiquez la période que cette décision conclut."))
    elif period.actual_start and timezone.localdate(at) < period.actual_start:
        refusals.append(
            _("La période en cours n'a pas commencé : elle débute le %(date)s.")
            % {"date": date_format(period.actual_start, "DATE_FORMAT")}
        )
    return refusals


def move_project(
    project,
    target,
    *,
    period,
    actor,
    decided_by,
    reason="",
    outcome="",
    at=None,
    starts_on=None,
    notify=True,
):
    """Move ``project`` to phase ``target``, concluding its open ``period``.

    ``period`` is the period the decision concludes: if it is already closed, the
    decision was already applied and nothing happens. A move from experimentation to
    experimentation is a renewal. ``starts_on`` is the start of the new period (by
    default the day of the decision).

    Side effects, in order:
    1. locks the project row and its open period;
    2. returns ``None`` if the move is already done (the project is in ``target``, a
       renewal aside, or ``period`` was closed by this same move); raises if another
       move closed ``period`` first;
    3. raises ``TransitionRefused`` with the reasons if the table or a guard refuses;
    4. closes the open period on the day of the decision;
    5. for an experimentation (first or renewed), opens a new period planned from the
       edition's settings, with the coaches of the closed one;
    6. saves the project's phase, outcome and phase date;
    7. writes one ``ProjectTransition`` pointing to both periods;
    8. after commit, queues the e-mail to the team and coaches for a team or staff
       decision (a jury's decision is mailed when staff publish it); ``notify=False``
       when replaying past events.
    """
    at = at or timezone.now()
    day = timezone.localdate(at)
    with transaction.atomic():
        locked = (
            Project.objects.select_for_update()
            .select_related("application__call__edition")
            .get(pk=project.pk)
        )
        open_period = PhasePeriod.objects.select_for_update().filter(project=locked).open().first()
        if _already_done(locked, target, period=period, open_period=open_period):
            return None
        refusals = project_refusals(
            locked,
            target,
            period=period,
            decided_by=decided_by,
            reason=reason,
            outcome=outcome,
            at=at,
        )
        if refusals:
            raise TransitionRefused(refusals)
        open_period.actual_end = day
        open_period.save(update_fields=["actual_end"])
        new_period = None
        if target == Phase.EXPERIMENTATION:
            new_period = _open_experimentation(locked, after=open_period, start=starts_on or day)
        history = ProjectTransition.objects.create(
            project=locked,
            from_phase=locked.phase,
            to_phase=target,
            outcome=outcome,
            closed_period=open_period,
            opened_period=new_period,
            at=at,
            actor=actor,
            decided_by=decided_by,
            reason=reason,
            published_at=at if told_at_once(decided_by) else None,
        )
        locked.phase, locked.outcome, locked.phase_since = target, outcome, day
        locked.save(update_fields=["phase", "outcome", "phase_since", "updated_at"])
        if notify and told_at_once(decided_by):
            transaction.on_commit(partial(notify_project_transition.enqueue, history.pk))
    project.phase, project.outcome, project.phase_since = target, outcome, day
    return history


def _already_done(project, target, *, period, open_period):
    """True if this move was made already; raises if another move got there first."""
    if period is None or (open_period is not None and open_period.pk == period.pk):
        return project.phase == target and target != Phase.EXPERIMENTATION
    closing = ProjectTransition.objects.filter(closed_period=period).first()
    if closing is None or closing.to_phase == target:
        return True
    raise TransitionRefused(
        [
            _(
                "Une autre décision a été enregistrée entre-temps : "
                "le projet est passé en « %(phase)s »."
            )
            % {"phase": Phase(closing.to_phase).label}
        ]
    )


def _open_experimentation(project, *, after, start):
    edition = project.application.call.edition
    period = PhasePeriod.objects.create(
        project=project,
        sequence=after.sequence + 1,
        phase=Phase.EXPERIMENTATION,
        planned_start=start,
        planned_end=edition.experimentation_end(start),
        actual_start=start,
        days_per_week=edition.experimentation_days_per_week,
        place=after.place,
    )
    period.coaches.set(after.coaches.all())
    return period

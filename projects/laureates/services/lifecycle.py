"""The only code that moves a laureate project through its lifecycle: its birth when an
application is selected, then each move between phases.

Each entry point asks the table in ``projects.laureates.transitions`` (the moves and their
guards), locks the rows, writes the new phase, its periods, its history row and its audit
entry in one transaction, and returns the history row, or ``None`` when the move was
already done (a double click, a decision applied twice).
"""

from functools import partial

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from editions.enums import Phase
from editions.phases import ENTRY_PHASE, kind_of
from programme import audit
from programme.actions import move_action
from programme.lifecycles import MoveRefused
from projects.history import decision, told_at_once
from projects.laureates.transitions import PROJECT_CREATED, PROJECT_LIFECYCLE
from projects.models import PhasePeriod, Project, ProjectTransition
from projects.tasks import notify_project_transition


def _unique_project_slug(title):
    base = slugify(title)[:180] or "projet"
    slug, suffix = base, 2
    while Project.objects.filter(slug=slug).exists():
        slug, suffix = f"{base}-{suffix}", suffix + 1
    return slug


def create_laureate_project(application, *, actor, decided_by, at, reason):
    """Create the project of a selected application, in its first pre-incubation period.

    Called by ``move_application`` inside its transaction. Side effects, in order:
    1. creates the project (title, theme from the application; phase pre-incubation, the
       first period phase of ``editions.phases``);
    2. opens period 1, planned from the edition's settings of that phase (length, days a
       week, place) and with the edition's coaches;
    3. writes the project's first ``ProjectTransition`` (from nothing to pre-incubation)
       and its audit entry.
    """
    edition = application.call.edition
    start = timezone.localdate(at)
    setting = edition.phase_setting(ENTRY_PHASE)
    project = Project.objects.create(
        application=application,
        title=application.title,
        slug=_unique_project_slug(application.title),
        theme=application.theme,
        public_summary=application.proposed_solution,
        phase=ENTRY_PHASE,
        phase_since=start,
    )
    period = PhasePeriod.objects.create(
        project=project,
        sequence=1,
        phase=ENTRY_PHASE,
        planned_start=start,
        planned_end=setting.period_end(start),
        actual_start=start,
        days_per_week=setting.days_per_week,
        place=setting.place,
    )
    period.coaches.set(edition.coaches.all())
    # The selection's own reason, always given (a jury's includes its public reasons).
    ProjectTransition.objects.create(
        project=project,
        move=PROJECT_CREATED,
        from_phase="",
        to_phase=ENTRY_PHASE,
        opened_period=period,
        **decision(at=at, actor=actor, decided_by=decided_by, reason=reason),
        audit_entry=audit.record(
            project,
            f"{PROJECT_LIFECYCLE.name}.{PROJECT_CREATED}",
            actor=actor,
            changes={"phase": ["", ENTRY_PHASE]},
            reason=reason,
            at=at,
        ),
    )
    return project


def project_refusals(project, target, *, period, decided_by, reason="", outcome="", at=None):
    """Why ``project`` may not move to ``target`` now: a list, empty if it may.

    Screens ask with ``reason=None, outcome=None`` to show what blocks the move before
    the form is filled; the service asks again with what was entered.
    """
    return PROJECT_LIFECYCLE.refusals(
        project,
        target,
        decided_by=decided_by,
        reason=reason,
        period=period,
        outcome=outcome,
        at=at or timezone.now(),
    )


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
    3. raises ``MoveRefused`` with the reasons if the table or a guard refuses;
    4. closes the open period on the day of the decision;
    5. for a phase lived as a period (an experimentation, first or renewed), opens a new
       period planned from the edition's settings of that phase, with the coaches of the
       closed one (and its place, when the edition names none);
    6. saves the project's phase, outcome and phase date;
    7. writes one ``ProjectTransition`` pointing to both periods, and its audit entry
       (the move's name: ``project.renew`` for a renewal);
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
        move = PROJECT_LIFECYCLE.check(
            locked,
            target,
            decided_by=decided_by,
            reason=reason,
            period=period,
            outcome=outcome,
            at=at,
        )
        before = audit.snapshot(locked, ["phase", "outcome", "phase_since"])
        open_period.actual_end = day
        open_period.save(update_fields=["actual_end"])
        new_period = None
        if kind_of(target).is_period:
            new_period = _open_period(locked, target, after=open_period, start=starts_on or day)
        locked.phase, locked.outcome, locked.phase_since = target, outcome, day
        locked.save(update_fields=["phase", "outcome", "phase_since", "updated_at"])
        changes = audit.changed(before, locked)
        changes["closed_period"] = [None, open_period.pk]
        if new_period is not None:
            changes["opened_period"] = [None, new_period.pk]
        history = ProjectTransition.objects.create(
            project=locked,
            move=move.name,
            from_phase=before["phase"],
            to_phase=target,
            outcome=outcome,
            closed_period=open_period,
            opened_period=new_period,
            **decision(at=at, actor=actor, decided_by=decided_by, reason=reason),
            audit_entry=audit.record(
                locked,
                move_action(PROJECT_LIFECYCLE, move),
                actor=actor,
                changes=changes,
                reason=reason,
                at=at,
            ),
        )
        if notify and told_at_once(decided_by):
            transaction.on_commit(partial(notify_project_transition.enqueue, history.pk))
    project.phase, project.outcome, project.phase_since = target, outcome, day
    return history


def _already_done(project, target, *, period, open_period):
    """True if this move was made already; raises if another move got there first."""
    if period is None or (open_period is not None and open_period.pk == period.pk):
        return project.phase == target and not kind_of(target).renewable
    closing = ProjectTransition.objects.filter(closed_period=period).first()
    if closing is None or closing.to_phase == target:
        return True
    raise MoveRefused(
        [
            _(
                "Une autre décision a été enregistrée entre-temps : "
                "le projet est passé en « %(phase)s »."
            )
            % {"phase": Phase(closing.to_phase).label}
        ]
    )


def _open_period(project, phase, *, after, start):
    """The next period, in ``phase``: planned from the edition's settings of that phase,
    with the coaches of the period it follows, and its place when the edition names none."""
    edition = project.application.call.edition
    setting = edition.phase_setting(phase)
    period = PhasePeriod.objects.create(
        project=project,
        sequence=after.sequence + 1,
        phase=phase,
        planned_start=start,
        planned_end=setting.period_end(start),
        actual_start=start,
        days_per_week=setting.days_per_week,
        place=setting.place or after.place,
    )
    period.coaches.set(after.coaches.all())
    return period

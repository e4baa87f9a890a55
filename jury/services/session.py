"""Moving a session through its lifecycle. Closing applies every decision through
``projects.services`` in the same transaction as the close: all of them or none.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jury.enums import Attendance, Averaging, SessionStatus
from jury.grids import DEFAULT_GRIDS, DEFAULT_SCALE
from jury.minutes import build_minutes
from jury.models import Criterion, Decision, Session
from jury.transitions import SESSION_LIFECYCLE, outcome_target
from programme import audit
from programme.actions import verb
from programme.dates import format_date
from programme.enums import DecisionSource
from programme.lifecycles import ActionRefused, MoveRefused, Refused
from projects.applications.services import move_application
from projects.laureates.services import move_project

ADD_DEFAULT_CRITERIA = verb("session.add_default_criteria", _("Grilles par défaut ajoutées"))
CHOOSE_AVERAGING = verb("session.choose_averaging", _("Calcul des moyennes choisi"))


def session_refusals(
    session, target, *, decided_by, at=None, convocations=None, agenda=None, conflicts=None
):
    """Why ``session`` may not move to ``target`` now: French sentences, empty if it may.

    What the caller read already (the deliberation page shows it), so that the close's
    checks do not read it again: ``convocations``, all the session's with their members;
    ``agenda``, every item on the agenda in running order, with its decision and its
    subject; ``conflicts``, ``{item id: its conflicts}`` of those items. Each may be
    left out (``None``): it is then read here."""
    return SESSION_LIFECYCLE.refusals(
        session,
        target,
        decided_by=decided_by,
        at=at,
        convocations=convocations,
        agenda=agenda,
        conflicts=conflicts,
    )


def move_session(session, target, *, actor, decided_by=DecisionSource.STAFF, at=None):
    """Move ``session`` to ``target``; closing applies its decisions and freezes the minutes.

    Side effects, in order:
    1. locks the session row; returns ``None`` if it already has that status;
    2. raises ``MoveRefused`` if the table or a guard refuses (closing before the
       session's start, an item undecided, a decision its subject cannot take, the
       quorum missing on the session or on an item);
    3. on closing, applies each decision of the items left on the agenda, in running
       order, through
       ``projects.services`` and links it to the history row it wrote; any refusal
       rolls the whole close back;
    4. on closing, marks the members never marked present or excused absent, freezes
       the minutes and records who closed and when;
    5. saves the new status and writes the audit entry (``session.<move>``).
    """
    at = at or timezone.now()
    with transaction.atomic():
        locked = Session.objects.select_for_update().get(pk=session.pk)
        if locked.status == target:
            return None
        move = SESSION_LIFECYCLE.check(locked, target, decided_by=decided_by, at=at)
        before = audit.snapshot(locked, ["status"])
        if target == SessionStatus.CLOSED:
            _apply_decisions(locked, actor=actor, at=at)
            locked.convocations.filter(attendance=Attendance.CONVENED).update(
                attendance=Attendance.ABSENT
            )
            locked.closed_at, locked.closed_by = at, actor
            locked.minutes = build_minutes(locked)
        locked.status = target
        locked.save()
        audit.record_move(
            locked,
            SESSION_LIFECYCLE,
            move,
            actor=actor,
            before=before,
            at=at,
        )
    session.status = locked.status
    return locked


def _apply_decisions(session, *, actor, at):
    decisions = Decision.objects.filter(
        item__session=session, item__removed_at__isnull=True
    ).select_related("item__application__call", "item__project")
    session_day = format_date(timezone.localtime(session.starts_at))
    for decision in decisions.order_by("item__position"):
        item = decision.item
        reason = _("Décision du jury, séance du %(date)s.") % {"date": session_day}
        if decision.public_reasons:
            reason = f"{reason} {decision.public_reasons}"
        # The close's guard (every_decision_applies) checked each outcome already; a
        # refusal here (an earlier item of this close moved the same subject) rolls the
        # whole close back.
        try:
            target = outcome_target(decision.outcome)
            if item.application_id:
                history = move_application(
                    item.application,
                    target,
                    actor=actor,
                    decided_by=DecisionSource.JURY,
                    reason=reason,
                    at=at,
                )
                decision.application_transition = history
            else:
                history = move_project(
                    item.project,
                    target,
                    period=item.project.periods.open().first(),
                    actor=actor,
                    decided_by=DecisionSource.JURY,
                    reason=reason,
                    outcome=decision.reintegration_outcome,
                    at=at,
                )
                decision.project_transition = history
        except Refused as refused:
            raise MoveRefused(
                [
                    _("Point %(position)d : %(reasons)s")
                    % {"position": item.position, "reasons": " ".join(refused.reasons)}
                ]
            ) from refused
        if history is None:
            raise MoveRefused(
                [
                    _("Point %(position)d : la décision a déjà été appliquée hors séance.")
                    % {"position": item.position}
                ]
            )
        decision.applied_at = at
        decision.save(update_fields=["applied_at", "application_transition", "project_transition"])


def add_default_criteria(session, *, actor):
    """Give a session without criteria its grids (selection and review): those of the
    programme's latest earlier session that has criteria, as staff adapted them for the
    last season, else the shipped ones (``jury.grids``).

    Side effects: creates the criteria; writes the audit entry, naming the session they
    come from. Returns them (none when the session had criteria already).
    """
    if session.criteria.exists():
        return []
    with transaction.atomic():
        source = _grid_source(session)
        if source is None:
            rows = [
                (grid, position, str(name), "", weight, DEFAULT_SCALE)
                for grid, grid_rows in DEFAULT_GRIDS.items()
                for position, (name, weight) in enumerate(grid_rows, start=1)
            ]
        else:
            rows = source.criteria.order_by("grid", "position").values_list(
                "grid", "position", "name", "description", "weight", "scale_max"
            )
        criteria = Criterion.objects.bulk_create(
            Criterion(
                session=session,
                grid=grid,
                position=position,
                name=name,
                description=description,
                weight=weight,
                scale_max=scale_max,
            )
            for grid, position, name, description, weight, scale_max in rows
        )
        changes = {"criteria": [None, [criterion.name for criterion in criteria]]}
        if source is not None:
            changes["copied_from"] = [None, str(source)]
        audit.record(session, ADD_DEFAULT_CRITERIA, actor=actor, changes=changes)
    return criteria


def _grid_source(session):
    """The programme's latest session before ``session`` that has criteria, if any."""
    return (
        Session.objects.filter(
            programme=session.programme_id, starts_at__lt=session.starts_at, criteria__isnull=False
        )
        .order_by("-starts_at", "-pk")
        .first()
    )


def averaging_refusals(session, averaging=None):
    """Why the averaging of ``session`` cannot be chosen now (``averaging``: the one asked
    for, checked when given): French sentences, empty if it can."""
    if averaging is not None and averaging not in Averaging.values:
        return [_("Ce calcul des moyennes n'existe pas.")]
    if session.status != SessionStatus.PLANNED:
        return [
            _(
                "Le calcul des moyennes se choisit avant l'ouverture de la notation : il ne "
                "change plus une fois que les membres notent."
            )
        ]
    return []


def choose_averaging(session, averaging, *, actor):
    """Choose how the deliberation's table averages the marks: the raw weighted mean, or
    the mean normalised per juror beside it (``jury.normalisation``). Returns the session,
    or ``None`` if it had that averaging already.

    Side effects, in order:
    1. locks the session row; returns ``None`` if nothing changes;
    2. raises ``ActionRefused`` once scoring has opened, or for an unknown averaging;
    3. saves the averaging and writes the audit entry ``session.choose_averaging``.
    """
    with transaction.atomic():
        locked = Session.objects.select_for_update().get(pk=session.pk)
        if locked.averaging == averaging:
            return None
        refusals = averaging_refusals(locked, averaging)
        if refusals:
            raise ActionRefused(refusals)
        before = locked.averaging
        locked.averaging = averaging
        locked.save(update_fields=["averaging"])
        audit.record(
            locked, CHOOSE_AVERAGING, actor=actor, changes={"averaging": [before, averaging]}
        )
    session.averaging = averaging
    return locked

"""The lifecycles of a laureate, as tables of named moves (``programme.lifecycles``): the
project's phases, and the three small ones of its follow-up (milestones, measurements,
phase reports), with the guards that refuse a move.

Pure module: no ORM import, no I/O; the guards read the objects they are given. The
services of ``projects.laureates`` are the only code that moves these objects, and they
ask these tables first. The README's diagrams are drawn from them.
"""

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from editions.enums import Phase
from programme.actions import verb
from programme.dates import format_date
from programme.enums import DecisionSource
from programme.lifecycles import Lifecycle, Move
from projects.enums import MeasurementStatus, MilestoneStatus, ReintegrationOutcome, ReportStatus

TEAM = DecisionSource.TEAM
STAFF = DecisionSource.STAFF
JURY = DecisionSource.JURY
DECIDERS = frozenset({STAFF, JURY})
TEAM_SIDE = frozenset({TEAM, STAFF})  # a coach acts on the team's side of the follow-up


# Guards of the project's moves. Each takes the project, the period the decision
# concludes, the outcome of a reintegration (``None``: not entered yet) and the time.
def concludes_a_started_period(_project, *, period, at, **context):
    if period is None:
        return [_("Indiquez la période que cette décision conclut.")]
    if period.actual_start and timezone.localdate(at) < period.actual_start:
        return [
            _("La période en cours n'a pas commencé : elle débute le %(date)s.")
            % {"date": format_date(period.actual_start)}
        ]
    return []


def has_a_reintegration_outcome(_project, *, outcome, **context):
    if outcome is not None and outcome not in ReintegrationOutcome.values:
        return [_("Précisez l'issue de la réintégration.")]
    return []


def has_no_outcome(_project, *, outcome, **context):
    return [_("Seule une réintégration a une issue.")] if outcome else []


P = Phase
ENDS_A_PERIOD = (has_no_outcome, concludes_a_started_period)
REINTEGRATES = (has_a_reintegration_outcome, concludes_a_started_period)


# The two ways out of the programme, the same from either phase of the programme: back
# to the departments (staff or jury decide) or abandoned by the team.
EXITS = {
    phase: (
        Move(
            "reintegrate",
            phase,
            P.REINTEGRATION,
            gettext_lazy("Réintégrer les directions métiers"),
            DECIDERS,
            reason_from=DECIDERS,
            guards=REINTEGRATES,
        ),
        Move(
            "abandon",
            phase,
            P.ABANDONED,
            gettext_lazy("Abandon par l'équipe"),
            TEAM_SIDE,
            reason_from=DECIDERS,
            guards=ENDS_A_PERIOD,
        ),
    )
    for phase in (P.PRE_INCUBATION, P.EXPERIMENTATION)
}


PROJECT_LIFECYCLE = Lifecycle(
    name="project",
    states=Phase,
    initial=P.PRE_INCUBATION,
    field="phase",
    moves=(
        Move(
            "continue",
            P.PRE_INCUBATION,
            P.EXPERIMENTATION,
            gettext_lazy("Poursuivre en expérimentation"),
            DECIDERS,
            reason_from=DECIDERS,
            guards=ENDS_A_PERIOD,
        ),
        *EXITS[P.PRE_INCUBATION],
        # A renewal stays in experimentation: not a no-op but a new period.
        Move(
            "renew",
            P.EXPERIMENTATION,
            P.EXPERIMENTATION,
            gettext_lazy("Renouveler l'expérimentation"),
            DECIDERS,
            reason_from=DECIDERS,
            guards=ENDS_A_PERIOD,
        ),
        *EXITS[P.EXPERIMENTATION],
    ),
)

RENEWAL = PROJECT_LIFECYCLE.find(P.EXPERIMENTATION, P.EXPERIMENTATION)
# The first history row of a project records its birth on selection: not a move.
PROJECT_CREATED = "create"
verb(f"{PROJECT_LIFECYCLE.name}.{PROJECT_CREATED}", gettext_lazy("Naissance du projet lauréat"))

M = MilestoneStatus
DROP = {
    "reason_from": TEAM_SIDE,
    "reason_prompt": gettext_lazy("Dites pourquoi le jalon est abandonné."),
}
MILESTONE_LIFECYCLE = Lifecycle(
    name="milestone",
    states=MilestoneStatus,
    initial=M.PLANNED,
    moves=(
        Move("start", M.PLANNED, M.IN_PROGRESS, gettext_lazy("Commencer"), TEAM_SIDE),
        Move("reach", M.PLANNED, M.REACHED, gettext_lazy("Marquer atteint"), TEAM_SIDE),
        Move(
            "drop",
            M.PLANNED,
            M.DROPPED,
            gettext_lazy("Abandonner (motif requis)"),
            TEAM_SIDE,
            **DROP,
        ),
        Move("reach", M.IN_PROGRESS, M.REACHED, gettext_lazy("Marquer atteint"), TEAM_SIDE),
        Move(
            "drop",
            M.IN_PROGRESS,
            M.DROPPED,
            gettext_lazy("Abandonner (motif requis)"),
            TEAM_SIDE,
            **DROP,
        ),
        Move("postpone", M.IN_PROGRESS, M.PLANNED, gettext_lazy("Remettre à venir"), TEAM_SIDE),
        Move("reopen", M.REACHED, M.IN_PROGRESS, gettext_lazy("Rouvrir"), TEAM_SIDE),
        Move("resume", M.DROPPED, M.PLANNED, gettext_lazy("Reprendre"), TEAM_SIDE),
    ),
)

MS = MeasurementStatus
MEASUREMENT_LIFECYCLE = Lifecycle(
    name="measurement",
    states=MeasurementStatus,
    initial=MS.PROPOSED,
    moves=(
        Move("validate", MS.PROPOSED, MS.VALIDATED, gettext_lazy("Valider"), frozenset({STAFF})),
        Move(
            "reject",
            MS.PROPOSED,
            MS.REJECTED,
            gettext_lazy("Refuser (motif requis)"),
            frozenset({STAFF}),
            reason_from=frozenset({STAFF}),
            reason_prompt=gettext_lazy("Dites pourquoi la mesure est refusée : l'équipe le lira."),
        ),
    ),
)


def report_is_complete(report, **context):
    return report.completeness_refusals()


R = ReportStatus
REPORT_LIFECYCLE = Lifecycle(
    name="phase_report",
    states=ReportStatus,
    initial=R.DRAFT,
    moves=(
        Move(
            "submit",
            R.DRAFT,
            R.SUBMITTED,
            gettext_lazy("Déposer"),
            frozenset({TEAM}),
            guards=(report_is_complete,),
        ),
        Move(
            "give_back",
            R.SUBMITTED,
            R.DRAFT,
            gettext_lazy("Rendre à l'équipe (motif requis)"),
            frozenset({STAFF}),
            reason_from=frozenset({STAFF}),
            reason_prompt=gettext_lazy("Dites à l'équipe pourquoi son bilan lui est rendu."),
        ),
    ),
)

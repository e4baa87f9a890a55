"""The lifecycles of the projects app, as data: applications and projects, and the
three small ones of a laureate's follow-up (milestones, measurements, phase reports).

Pure module: no ORM, no I/O. ``projects.services`` is the only code that moves an
application or a project, and it asks these tables first. The README's Mermaid diagrams
are generated from them (``python manage.py lifecycle_diagrams``) and a test keeps the
two in step.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from projects.enums import (
    ApplicationStatus,
    DecisionSource,
    MeasurementStatus,
    MilestoneStatus,
    Phase,
    ReportStatus,
)

TEAM = DecisionSource.TEAM
STAFF = DecisionSource.STAFF
JURY = DecisionSource.JURY


@dataclass(frozen=True)
class Move:
    source: str
    target: str
    label: str
    by: frozenset

    def allows(self, decided_by):
        return decided_by in self.by


@dataclass(frozen=True)
class Lifecycle:
    name: str
    states: type
    moves: tuple
    initial: str

    def find(self, source, target):
        for move in self.moves:
            if move.source == source and move.target == target:
                return move
        return None

    def targets_from(self, source):
        return [move.target for move in self.moves if move.source == source]

    @property
    def terminal_states(self):
        sources = {move.source for move in self.moves}
        return [state for state in self.states.values if state not in sources]

    def mermaid(self):
        lines = ["stateDiagram-v2", f"    [*] --> {self.initial}"]
        for move in self.moves:
            lines.append(f"    {move.source} --> {move.target} : {move.label}")
        lines.extend(f"    {state} --> [*]" for state in self.terminal_states)
        return "\n".join(lines)


S = ApplicationStatus
APPLICATION_LIFECYCLE = Lifecycle(
    name="application",
    states=ApplicationStatus,
    initial=S.DRAFT,
    moves=(
        Move(S.DRAFT, S.SUBMITTED, _("Déposer"), frozenset({TEAM})),
        Move(S.SUBMITTED, S.WITHDRAWN, _("Retirer"), frozenset({TEAM})),
        Move(S.SUBMITTED, S.INELIGIBLE, _("Déclarer non recevable"), frozenset({STAFF})),
        Move(S.SUBMITTED, S.NOT_SHORTLISTED, _("Ne pas présélectionner"), frozenset({STAFF, JURY})),
        Move(S.SUBMITTED, S.SHORTLISTED, _("Présélectionner"), frozenset({STAFF, JURY})),
        Move(S.SHORTLISTED, S.WITHDRAWN, _("Retirer"), frozenset({TEAM})),
        Move(S.SHORTLISTED, S.SELECTED, _("Retenir comme lauréate"), frozenset({STAFF, JURY})),
        Move(S.SHORTLISTED, S.NOT_SELECTED, _("Ne pas retenir"), frozenset({STAFF, JURY})),
    ),
)

P = Phase
PROJECT_LIFECYCLE = Lifecycle(
    name="project",
    states=Phase,
    initial=P.PRE_INCUBATION,
    moves=(
        Move(
            P.PRE_INCUBATION,
            P.EXPERIMENTATION,
            _("Poursuivre en expérimentation"),
            frozenset({STAFF, JURY}),
        ),
        Move(
            P.PRE_INCUBATION,
            P.REINTEGRATION,
            _("Réintégrer les directions métiers"),
            frozenset({STAFF, JURY}),
        ),
        Move(P.PRE_INCUBATION, P.ABANDONED, _("Abandon par l'équipe"), frozenset({TEAM, STAFF})),
        Move(
            P.EXPERIMENTATION,
            P.EXPERIMENTATION,
            _("Renouveler l'expérimentation"),
            frozenset({STAFF, JURY}),
        ),
        Move(
            P.EXPERIMENTATION,
            P.REINTEGRATION,
            _("Réintégrer les directions métiers"),
            frozenset({STAFF, JURY}),
        ),
        Move(P.EXPERIMENTATION, P.ABANDONED, _("Abandon par l'équipe"), frozenset({TEAM, STAFF})),
    ),
)

# A renewal is the one move whose target is the current state: it is not a no-op but
# a new experimentation period.
RENEWAL = PROJECT_LIFECYCLE.find(P.EXPERIMENTATION, P.EXPERIMENTATION)

# The follow-up of a laureate. A coach acts on the team's side of these moves.
M = MilestoneStatus
TEAM_SIDE = frozenset({TEAM, STAFF})
MILESTONE_LIFECYCLE = Lifecycle(
    name="milestone",
    states=MilestoneStatus,
    initial=M.PLANNED,
    moves=(
        Move(M.PLANNED, M.IN_PROGRESS, _("Commencer"), TEAM_SIDE),
        Move(M.PLANNED, M.REACHED, _("Marquer atteint"), TEAM_SIDE),
        Move(M.PLANNED, M.DROPPED, _("Abandonner (motif requis)"), TEAM_SIDE),
        Move(M.IN_PROGRESS, M.REACHED, _("Marquer atteint"), TEAM_SIDE),
        Move(M.IN_PROGRESS, M.DROPPED, _("Abandonner (motif requis)"), TEAM_SIDE),
        Move(M.IN_PROGRESS, M.PLANNED, _("Remettre à venir"), TEAM_SIDE),
        Move(M.REACHED, M.IN_PROGRESS, _("Rouvrir"), TEAM_SIDE),
        Move(M.DROPPED, M.PLANNED, _("Reprendre"), TEAM_SIDE),
    ),
)

MS = MeasurementStatus
MEASUREMENT_LIFECYCLE = Lifecycle(
    name="measurement",
    states=MeasurementStatus,
    initial=MS.PROPOSED,
    moves=(
        Move(MS.PROPOSED, MS.VALIDATED, _("Valider"), frozenset({STAFF})),
        Move(MS.PROPOSED, MS.REJECTED, _("Refuser (motif requis)"), frozenset({STAFF})),
    ),
)

R = ReportStatus
REPORT_LIFECYCLE = Lifecycle(
    name="phase_report",
    states=ReportStatus,
    initial=R.DRAFT,
    moves=(
        Move(R.DRAFT, R.SUBMITTED, _("Déposer"), frozenset({TEAM})),
        Move(R.SUBMITTED, R.DRAFT, _("Rendre à l'équipe (motif requis)"), frozenset({STAFF})),
    ),
)

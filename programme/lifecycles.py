"""The one mechanism behind every lifecycle of the programme: named moves between states.

Each lifecycle (application, project, session, news item, milestone, measurement, phase
report) declares its table of ``Move`` rows with ``Lifecycle`` in one pure module of its
app; its service asks the table before it writes, and the screens ask it what to offer.
A move has a name (recorded in the audit log and named by the jury's outcomes), its
source and target states, who may make it, whether it needs a reason, and guards that
return the French sentences that refuse it.

Two refusals: ``MoveRefused`` when a move is not allowed (by the table or a guard),
``ActionRefused`` when an action that is not a move is (a file, a team member, a mark).
Both are ``Refused``, which is what screens catch to show the reasons.

Pure module: no ORM, no I/O.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from programme.enums import DecisionSource


class Refused(Exception):
    """Something the rules refuse; ``reasons`` are French sentences naming the rule."""

    def __init__(self, reasons):
        self.reasons = [str(reason) for reason in reasons]
        super().__init__(" ".join(self.reasons))

    def add_to_form(self, form, field=None):
        """Show the reasons on ``form``, where the person acting will read them."""
        for reason in self.reasons:
            form.add_error(field, reason)


class MoveRefused(Refused):
    """A move of a lifecycle that its table or one of its guards refuses."""


class ActionRefused(Refused):
    """An action that is not a move (a file, a member, a mark, a time declaration)."""


# Every lifecycle declared, by name: the audit log reads its moves' labels here.
LIFECYCLES = {}
EVERYONE = frozenset(DecisionSource.values)
NOBODY = frozenset()
DEFAULT_REASON_PROMPT = gettext_lazy("Indiquez le motif de la décision.")


@dataclass(frozen=True)
class Move:
    """One named move: ``source`` → ``target``, made by one of ``by``.

    ``reason_from``: the deciders who must give a reason (``reason_prompt`` says so when
    they do not). ``guards``: callables ``guard(subject, **context)`` returning a list of
    French reasons, empty when the move may be made now.
    """

    name: str
    source: str
    target: str
    label: str
    by: frozenset
    reason_from: frozenset = NOBODY
    reason_prompt: str = DEFAULT_REASON_PROMPT
    guards: tuple = field(default=(), compare=False)

    def allows(self, decided_by):
        return decided_by in self.by

    def needs_reason(self, decided_by):
        return decided_by in self.reason_from

    @property
    def is_loop(self):
        """A move that stays in its state (a renewal) is a new step, not a no-op."""
        return self.source == self.target


@dataclass(frozen=True)
class Lifecycle:
    """The table of ``moves`` of the objects whose ``field`` holds one of ``states``."""

    name: str
    states: type
    initial: str
    moves: tuple
    field: str = "status"

    def __post_init__(self):
        seen = set()
        for move in self.moves:
            if (move.name, move.source) in seen:
                raise ValueError(f"{self.name}: two moves {move.name!r} from {str(move.source)!r}")
            seen.add((move.name, move.source))
            unknown = {move.source, move.target} - set(self.states.values)
            if unknown:
                raise ValueError(f"{self.name}.{move.name}: unknown states {sorted(unknown)}")
        if LIFECYCLES.setdefault(self.name, self) is not self:
            raise ValueError(f"Two lifecycles are called {self.name!r}")

    def state_of(self, subject):
        return getattr(subject, self.field)

    def find(self, source, target):
        """The move from ``source`` to ``target``, or ``None``."""
        return next((m for m in self.moves if m.source == source and m.target == target), None)

    def named(self, name, source):
        """The move called ``name`` from ``source``, or ``None``."""
        return next((m for m in self.moves if m.name == name and m.source == source), None)

    def moves_from(self, source, decided_by=None):
        return [
            move
            for move in self.moves
            if move.source == source and (decided_by is None or move.allows(decided_by))
        ]

    def targets_from(self, source):
        return [move.target for move in self.moves_from(source)]

    def can(self, subject, name):
        """Whether the table has a move ``name`` from the state ``subject`` is in."""
        return self.named(name, self.state_of(subject)) is not None

    def label_of(self, state):
        return self.states(state).label if state else "—"

    def refusals(self, subject, target, *, decided_by, reason=None, **context):
        """Why ``subject`` may not move to ``target`` now: French sentences, empty if it may.

        ``reason=None`` asks about the move itself, before anyone wrote a reason (the
        screens do, to show what blocks it); the service asks again with the reason.
        ``context`` goes to the guards (the time of the move, a period, an outcome…).
        """
        move = self.find(self.state_of(subject), target)
        if move is None:
            return [
                _("Impossible de passer de « %(from)s » à « %(to)s ».")
                % {"from": self.label_of(self.state_of(subject)), "to": self.label_of(target)}
            ]
        refusals = []
        if not move.allows(decided_by):
            refusals.append(
                _("Cette décision ne revient pas à : %(who)s.")
                % {"who": DecisionSource(decided_by).label}
            )
        if move.needs_reason(decided_by) and reason is not None and not reason.strip():
            refusals.append(str(move.reason_prompt))
        if refusals:
            return refusals
        for guard in move.guards:
            refusals.extend(guard(subject, **context))
        return refusals

    def check(self, subject, target, *, decided_by, reason=None, **context):
        """The move ``subject`` → ``target``, or ``MoveRefused`` with every reason."""
        refusals = self.refusals(subject, target, decided_by=decided_by, reason=reason, **context)
        if refusals:
            raise MoveRefused(refusals)
        return self.find(self.state_of(subject), target)

    @property
    def terminal_states(self):
        sources = {move.source for move in self.moves}
        return [state for state in self.states.values if state not in sources]

    def mermaid(self):
        lines = ["stateDiagram-v2", f"    [*] --> {self.initial}"]
        for move in self.moves:
            lines.append(f"    {move.source} --> {move.target} : {move.label} ({move.name})")
        lines.extend(f"    {state} --> [*]" for state in self.terminal_states)
        return "\n".join(lines)

"""The names of the actions the audit log records, and their French labels.

An action is ``<lifecycle>.<move>`` for a move of a lifecycle (its label is the move's,
read from ``programme.lifecycles.LIFECYCLES``) or a verb a service declares with
``verb("team.add_member", _("Ajout d'un membre"))``. Pure module.
"""

from programme.lifecycles import LIFECYCLES

VERBS = {}


def verb(action, label):
    """Declare the action ``action`` (``<area>.<verb>``) with its French ``label``."""
    if VERBS.setdefault(action, label) is not label:
        raise ValueError(f"The action {action!r} is declared twice")
    return action


def move_action(lifecycle, move):
    return f"{lifecycle.name}.{move.name}"


def action_label(action):
    if action in VERBS:
        return str(VERBS[action])
    lifecycle_name, _dot, move_name = action.partition(".")
    lifecycle = LIFECYCLES.get(lifecycle_name)
    if lifecycle is not None:
        move = next((m for m in lifecycle.moves if m.name == move_name), None)
        if move is not None:
            return str(move.label)
    return action

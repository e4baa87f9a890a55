"""The one transition mechanism: named moves, who may make them, reasons and guards."""

import pytest
from django.db import models

from programme.enums import DecisionSource
from programme.lifecycles import LIFECYCLES, ActionRefused, Lifecycle, Move, MoveRefused, Refused

STAFF, TEAM, JURY = DecisionSource.STAFF, DecisionSource.TEAM, DecisionSource.JURY


class Light(models.TextChoices):
    RED = "red", "Rouge"
    GREEN = "green", "Vert"
    OFF = "off", "Éteint"


class Subject:
    def __init__(self, status, broken=False):
        self.status, self.broken = status, broken


def not_broken(subject, **context):
    return ["La lampe est cassée."] if subject.broken else []


def sees_context(subject, *, when, **context):
    return [] if when == "now" else [f"Pas {when}."]


LIGHTS = Lifecycle(
    name="test_light",
    states=Light,
    initial=Light.RED,
    moves=(
        Move(
            "go", Light.RED, Light.GREEN, "Passer au vert", frozenset({STAFF}), guards=(not_broken,)
        ),
        Move(
            "stop",
            Light.GREEN,
            Light.RED,
            "Passer au rouge",
            frozenset({STAFF, JURY}),
            reason_from=frozenset({JURY}),
            reason_prompt="Dites pourquoi.",
            guards=(sees_context,),
        ),
        Move("switch_off", Light.GREEN, Light.OFF, "Éteindre", frozenset({STAFF})),
        Move("blink", Light.GREEN, Light.GREEN, "Clignoter", frozenset({STAFF})),
    ),
)


def test_find_and_named_return_the_move_or_none():
    assert LIGHTS.find(Light.RED, Light.GREEN).name == "go"
    assert LIGHTS.find(Light.RED, Light.OFF) is None
    assert LIGHTS.named("stop", Light.GREEN).target == Light.RED
    assert LIGHTS.named("stop", Light.RED) is None


def test_moves_from_lists_the_moves_of_a_state_for_a_decider():
    assert [m.name for m in LIGHTS.moves_from(Light.GREEN)] == ["stop", "switch_off", "blink"]
    assert [m.name for m in LIGHTS.moves_from(Light.GREEN, JURY)] == ["stop"]
    assert LIGHTS.targets_from(Light.RED) == [Light.GREEN]


def test_can_asks_the_table_from_the_subjects_state():
    assert LIGHTS.can(Subject(Light.RED), "go") is True
    assert LIGHTS.can(Subject(Light.GREEN), "go") is False


def test_a_move_missing_from_the_table_is_refused_with_both_state_labels():
    refusals = LIGHTS.refusals(Subject(Light.RED), Light.OFF, decided_by=STAFF)

    assert refusals == ["Impossible de passer de « Rouge » à « Éteint »."]


def test_a_subject_without_a_state_is_refused_with_a_dash_for_its_state():
    refusals = LIGHTS.refusals(Subject(""), Light.GREEN, decided_by=STAFF)

    assert refusals == ["Impossible de passer de « — » à « Vert »."]


def test_a_move_by_someone_it_does_not_belong_to_is_refused_naming_them():
    refusals = LIGHTS.refusals(Subject(Light.RED), Light.GREEN, decided_by=TEAM)

    assert refusals == ["Cette décision ne revient pas à : Équipe."]


def test_a_reason_is_required_only_from_the_deciders_named():
    green = Subject(Light.GREEN)

    assert LIGHTS.refusals(green, Light.RED, decided_by=JURY, reason=" ", when="now") == [
        "Dites pourquoi."
    ]
    assert LIGHTS.refusals(green, Light.RED, decided_by=STAFF, reason="", when="now") == []
    # reason=None: a screen asks before anyone wrote a reason.
    assert LIGHTS.refusals(green, Light.RED, decided_by=JURY, reason=None, when="now") == []


def test_guards_run_only_once_the_table_allows_the_move():
    broken = Subject(Light.RED, broken=True)

    assert LIGHTS.refusals(broken, Light.GREEN, decided_by=STAFF) == ["La lampe est cassée."]
    assert LIGHTS.refusals(broken, Light.GREEN, decided_by=TEAM) == [
        "Cette décision ne revient pas à : Équipe."
    ]


def test_guards_receive_the_context_of_the_move():
    green = Subject(Light.GREEN)

    assert LIGHTS.refusals(green, Light.RED, decided_by=STAFF, when="demain") == ["Pas demain."]


def test_check_returns_the_move_or_raises_move_refused_with_every_reason():
    assert LIGHTS.check(Subject(Light.RED), Light.GREEN, decided_by=STAFF).name == "go"

    with pytest.raises(MoveRefused) as refused:
        LIGHTS.check(Subject(Light.GREEN), Light.RED, decided_by=JURY, reason="", when="hier")

    assert refused.value.reasons == ["Dites pourquoi."]
    assert isinstance(refused.value, Refused)
    assert not isinstance(refused.value, ActionRefused)


def test_check_passes_the_context_of_the_move_to_the_guards():
    green = Subject(Light.GREEN)

    assert LIGHTS.check(green, Light.RED, decided_by=STAFF, when="now").name == "stop"
    with pytest.raises(MoveRefused) as refused:
        LIGHTS.check(green, Light.RED, decided_by=STAFF, when="demain")

    assert refused.value.reasons == ["Pas demain."]


def test_a_refusal_reads_as_its_reasons_one_after_the_other():
    refused = MoveRefused(["Première raison.", "Seconde raison."])

    assert str(refused) == "Première raison. Seconde raison."


def test_a_loop_is_a_move_of_its_own():
    assert LIGHTS.named("blink", Light.GREEN).is_loop
    assert not LIGHTS.named("go", Light.RED).is_loop


def test_terminal_states_have_no_move_out():
    assert LIGHTS.terminal_states == [Light.OFF]


def test_the_diagram_names_each_move():
    assert LIGHTS.mermaid().splitlines() == [
        "stateDiagram-v2",
        "    [*] --> red",
        "    red --> green : Passer au vert (go)",
        "    green --> red : Passer au rouge (stop)",
        "    green --> off : Éteindre (switch_off)",
        "    green --> green : Clignoter (blink)",
        "    off --> [*]",
    ]


def test_every_lifecycle_is_registered_by_name():
    assert LIFECYCLES["test_light"] is LIGHTS


def test_a_new_lifecycle_is_registered_under_its_name():
    moves = (Move("go", Light.RED, Light.GREEN, "a", frozenset({STAFF})),)

    lifecycle = Lifecycle(name="test_new_light", states=Light, initial=Light.RED, moves=moves)

    try:
        assert LIFECYCLES["test_new_light"] is lifecycle
    finally:
        del LIFECYCLES["test_new_light"]


@pytest.mark.parametrize(
    ("name", "moves", "error"),
    [
        pytest.param(
            "test_twice",
            (
                Move("go", Light.RED, Light.GREEN, "a", frozenset({STAFF})),
                Move("go", Light.RED, Light.OFF, "b", frozenset({STAFF})),
            ),
            "two moves 'go' from 'red'",
            id="two moves of one name from one state",
        ),
        pytest.param(
            "test_unknown",
            (Move("go", Light.RED, "blue", "a", frozenset({STAFF})),),
            "unknown states",
            id="a move to an unknown state",
        ),
        pytest.param(
            "test_unknown_source",
            (Move("go", "blue", Light.RED, "a", frozenset({STAFF})),),
            "unknown states",
            id="a move from an unknown state",
        ),
        pytest.param(
            "test_light",
            (),
            "Two lifecycles are called 'test_light'",
            id="a second lifecycle of one name",
        ),
    ],
)
def test_an_ill_formed_lifecycle_is_refused_with_what_is_wrong(name, moves, error):
    with pytest.raises(ValueError, match=error):
        Lifecycle(name=name, states=Light, initial=Light.RED, moves=moves)


def test_a_refusal_shows_its_reasons_on_a_form():
    from django import forms

    form = forms.Form(data={})
    form.is_valid()

    ActionRefused(["Première raison.", "Seconde raison."]).add_to_form(form)

    assert form.non_field_errors() == ["Première raison.", "Seconde raison."]


def test_a_refusal_shows_its_reasons_on_the_field_of_a_form_it_is_given():
    from django import forms

    class NoteForm(forms.Form):
        note = forms.CharField(required=False)

    form = NoteForm(data={})
    form.is_valid()

    ActionRefused(["Première raison."]).add_to_form(form, "note")

    assert (form.errors["note"], form.non_field_errors()) == (["Première raison."], [])

"""What each move writes: the laureate project and its first history row, a project's
history rows, the periods a move closes and opens."""

import datetime
from decimal import Decimal

import pytest
from django import forms

from editions.enums import Phase
from programme.enums import DecisionSource
from programme.lifecycles import Refused
from programme.models import AuditEntry
from projects.applications.services import application_refusals
from projects.enums import ApplicationStatus, ReintegrationOutcome
from projects.laureates.services import move_project, project_refusals
from tests.editions.factories import CallFactory, EditionFactory, paris
from tests.programme.factories import UserFactory
from tests.projects.factories import (
    REVIEWED_AT,
    SELECTED_AT,
    ApplicationFactory,
    ProjectFactory,
    TeamMemberFactory,
)
from tests.projects.helpers import decide_application, decide_project, submit

pytestmark = pytest.mark.django_db


class ReasonForm(forms.Form):
    reason = forms.CharField(required=False)


def test_a_staff_selection_writes_the_projects_first_history_row_published_at_once():
    application = ApplicationFactory(shortlisted=True)
    actor = UserFactory(innovation_staff=True)

    selection = decide_application(
        application, ApplicationStatus.SELECTED, actor=actor, reason="Lauréate.", at=SELECTED_AT
    )

    assert (selection.actor, selection.decided_by, selection.reason) == (
        actor,
        DecisionSource.STAFF,
        "Lauréate.",
    )
    project = application.project
    history = project.transitions.get()
    assert (project.theme, project.public_summary) == (
        application.theme,
        "Une idée pour le résoudre.",
    )
    assert (history.from_phase, history.to_phase, history.actor, history.decided_by) == (
        "",
        Phase.PRE_INCUBATION,
        actor,
        DecisionSource.STAFF,
    )
    assert (history.reason, history.published_at) == ("Lauréate.", SELECTED_AT)


def test_a_project_move_records_who_why_and_the_outcome():
    project = ProjectFactory()
    actor = UserFactory(innovation_staff=True)

    history = move_project(
        project,
        Phase.REINTEGRATION,
        period=project.periods.get(),
        actor=actor,
        decided_by=DecisionSource.STAFF,
        reason="Fin de l'expérimentation.",
        outcome=ReintegrationOutcome.HANDED_OVER,
        at=REVIEWED_AT,
    )

    project.refresh_from_db()
    assert (history.actor, history.decided_by, history.reason, history.outcome) == (
        actor,
        DecisionSource.STAFF,
        "Fin de l'expérimentation.",
        ReintegrationOutcome.HANDED_OVER,
    )
    assert (project.phase, project.outcome, project.phase_since) == (
        Phase.REINTEGRATION,
        "handed_over",
        datetime.date(2022, 9, 15),
    )
    assert project.periods.get().actual_end == datetime.date(2022, 9, 15)


def test_a_team_abandons_without_a_reason():
    project = ProjectFactory()

    history = decide_project(
        project, Phase.ABANDONED, decided_by=DecisionSource.TEAM, reason="", at=REVIEWED_AT
    )

    assert (history.reason, history.outcome) == ("", "")


def test_a_period_may_end_on_the_day_it_started():
    project = ProjectFactory()

    an_hour_after_it_started = SELECTED_AT + datetime.timedelta(hours=1)

    history = decide_project(
        project, Phase.ABANDONED, decided_by=DecisionSource.TEAM, at=an_hour_after_it_started
    )

    assert history.closed_period.actual_end == datetime.date(2022, 3, 15)


def asked(phase, **question):
    """What a screen is told, asking to move a new project (in its first period) to
    ``phase``."""
    project = ProjectFactory()
    return project_refusals(project, phase, period=project.periods.get(), **question)


def test_a_staff_question_about_a_move_needs_its_reason_and_no_outcome():
    reasons = asked(Phase.ABANDONED, decided_by=DecisionSource.STAFF)

    assert reasons == ["Indiquez le motif de la décision."]


def test_an_experimentation_follows_the_editions_settings_and_keeps_the_place():
    edition = EditionFactory(
        phases={
            Phase.PRE_INCUBATION: {"place": "Cité numérique"},
            Phase.EXPERIMENTATION: {"days_per_week": Decimal("2.5"), "place": ""},
        }
    )
    project = ProjectFactory(application__call=CallFactory(edition=edition))

    history = move_project(
        project,
        Phase.EXPERIMENTATION,
        period=project.periods.get(),
        actor=UserFactory(),
        decided_by=DecisionSource.STAFF,
        reason="Suite.",
        at=REVIEWED_AT,
    )

    period = history.opened_period
    assert (period.phase, period.days_per_week, period.place) == (
        Phase.EXPERIMENTATION,
        Decimal("2.5"),
        "Cité numérique",
    )


def test_a_long_title_gives_an_address_of_180_characters():
    project = ApplicationFactory(title="ruche " * 33, selected=True).project

    assert (len(project.slug), project.slug[:11]) == (180, "ruche-ruche")


def test_an_agent_missing_two_details_is_told_both():
    application = ApplicationFactory()
    TeamMemberFactory(
        application=application,
        first_name="Zoé",
        last_name="Roy",
        department=None,
        manager_email="",
        manager_agreed=False,
    )

    with pytest.raises(Refused) as refused:
        submit(application, paris(2022, 1, 10, 12, 0))

    assert refused.value.reasons == [
        "Zoé Roy : renseignez direction métier, e-mail du ou de la responsable."
    ]


def test_a_staff_decision_without_any_reason_given_is_refused_and_says_so():
    application = ApplicationFactory(submitted=True)
    after_the_close = paris(2022, 2, 10, 9, 0)

    with pytest.raises(Refused) as refused:
        decide_application(application, ApplicationStatus.INELIGIBLE, reason="", at=after_the_close)
    asked = application_refusals(
        application, ApplicationStatus.INELIGIBLE, decided_by="staff", at=after_the_close
    )

    assert refused.value.reasons == asked == ["Indiquez le motif de la décision."]
    assert str(refused.value) == "Indiquez le motif de la décision."


def test_the_reasons_are_shown_on_the_form_of_the_person_acting():
    form = forms.Form(data={})
    form.is_valid()

    Refused(["Première raison.", "Seconde raison."]).add_to_form(form)

    assert form.non_field_errors() == ["Première raison.", "Seconde raison."]
    with_a_field = ReasonForm(data={})
    with_a_field.is_valid()
    Refused(["Motif trop court."]).add_to_form(with_a_field, "reason")
    assert with_a_field.errors == {"reason": ["Motif trop court."]}
    assert str(Refused(["Une.", "Deux."])) == "Une. Deux."


def test_a_team_question_about_abandoning_needs_neither_reason_nor_outcome():
    reasons = asked(Phase.ABANDONED, decided_by=DecisionSource.TEAM)

    assert reasons == []


def test_a_staff_project_decision_with_a_blank_reason_is_refused():
    project = ProjectFactory()

    with pytest.raises(Refused) as refused:
        decide_project(project, Phase.ABANDONED, reason=" ", at=REVIEWED_AT)

    assert refused.value.reasons == ["Indiquez le motif de la décision."]


def test_a_selection_logs_the_projects_birth_with_its_actor_reason_and_instant():
    application = ApplicationFactory(shortlisted=True)
    actor = UserFactory(innovation_staff=True)

    decide_application(
        application, ApplicationStatus.SELECTED, actor=actor, reason="Lauréate.", at=SELECTED_AT
    )

    history = application.project.transitions.get()
    entry = AuditEntry.objects.get(pk=history.audit_entry_id)
    assert history.move == "create"
    assert (entry.action, entry.actor, entry.reason, entry.at) == (
        "project.create",
        actor,
        "Lauréate.",
        SELECTED_AT,
    )
    assert entry.changes == {"phase": ["", Phase.PRE_INCUBATION]}


def test_a_project_move_logs_its_actor_reason_instant_and_both_periods():
    project = ProjectFactory()
    closed = project.periods.get()
    actor = UserFactory(innovation_staff=True)

    history = move_project(
        project,
        Phase.EXPERIMENTATION,
        period=closed,
        actor=actor,
        decided_by=DecisionSource.STAFF,
        reason="Prototype concluant.",
        at=REVIEWED_AT,
    )

    entry = AuditEntry.objects.get(pk=history.audit_entry_id)
    assert (entry.action, entry.actor, entry.reason, entry.at) == (
        "project.continue",
        actor,
        "Prototype concluant.",
        REVIEWED_AT,
    )
    assert entry.changes["phase"] == [Phase.PRE_INCUBATION, Phase.EXPERIMENTATION]
    assert (entry.changes["closed_period"], entry.changes["opened_period"]) == (
        [None, closed.pk],
        [None, history.opened_period.pk],
    )


def test_a_team_abandoning_given_no_reason_records_none():
    project = ProjectFactory()

    history = move_project(
        project,
        Phase.ABANDONED,
        period=project.periods.get(),
        actor=project.application.created_by,
        decided_by=DecisionSource.TEAM,
        at=REVIEWED_AT,
    )

    entry = AuditEntry.objects.get(pk=history.audit_entry_id)
    assert (history.reason, entry.action, entry.reason) == ("", "project.abandon", "")


def test_screens_asking_before_the_period_started_are_told_when_it_starts():
    reasons = asked(
        Phase.ABANDONED, decided_by=DecisionSource.STAFF, reason=None, at=paris(2022, 3, 14, 12, 0)
    )

    assert reasons == ["La période en cours n'a pas commencé : elle débute le 15 mars 2022."]


def test_a_reintegration_asked_without_its_outcome_is_told_to_give_it():
    reasons = asked(
        Phase.REINTEGRATION,
        decided_by=DecisionSource.JURY,
        reason="Fin de l'expérimentation.",
        outcome="",
        at=REVIEWED_AT,
    )

    assert reasons == ["Précisez l'issue de la réintégration."]

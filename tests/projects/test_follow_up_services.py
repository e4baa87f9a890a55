"""The follow-up services: the only code that moves a milestone, checks a measurement,
records time given, and saves, submits or reopens a phase report."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from programme.lifecycles import Refused
from projects.enums import MilestoneStatus
from projects.laureates.forms.follow_up import MilestoneStatusForm
from projects.laureates.services.follow_up import (
    declare_time,
    reopen_phase_report,
    review_measurement,
    save_phase_report_draft,
    set_milestone_status,
    submit_phase_report,
)
from projects.laureates.transitions import MILESTONE_LIFECYCLE
from projects.models import PhaseReport
from tests.programme.factories import UserFactory
from tests.projects.factories import (
    APRIL,
    MeasurementFactory,
    MilestoneFactory,
    PhaseReportFactory,
    ProjectFactory,
    TeamMemberFactory,
    TimeDeclarationFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff():
    return UserFactory(innovation_staff=True, email="equipe.innovation@exemple.test")


@pytest.fixture
def period():
    """A pre-incubation from 15 March to 15 June 2022, with a coach."""
    period = ProjectFactory().periods.get()
    period.coaches.add(UserFactory(email="coach@exemple.test"))
    return period


# Milestones


def test_moving_a_milestone_records_who_and_when(period, staff):
    milestone = MilestoneFactory(period=period)

    moved = set_milestone_status(milestone, "in_progress", actor=staff, note=" Démarré. ")

    assert moved is True
    assert (milestone.status, milestone.status_changed_by, milestone.status_note) == (
        "in_progress",
        staff,
        "Démarré.",
    )
    assert timezone.now() - milestone.status_changed_at < datetime.timedelta(minutes=1)


def test_moving_a_milestone_to_its_own_status_changes_nothing(period, staff):
    milestone = MilestoneFactory(period=period, status="reached")
    before = milestone.status_changed_at

    moved = set_milestone_status(milestone, "reached", actor=staff)

    assert moved is False
    assert milestone.status_changed_at == before


@pytest.mark.parametrize("source", [MilestoneStatus.PLANNED, MilestoneStatus.IN_PROGRESS])
def test_dropping_a_milestone_needs_a_reason(period, staff, source):
    milestone = MilestoneFactory(period=period, status=source)

    with pytest.raises(Refused) as refused:
        set_milestone_status(milestone, "dropped", actor=staff, note="  ")

    assert refused.value.reasons == ["Dites pourquoi le jalon est abandonné."]
    milestone.refresh_from_db()
    assert milestone.status == source


def test_an_unknown_milestone_status_is_refused(period, staff):
    with pytest.raises(Refused) as refused:
        set_milestone_status(MilestoneFactory(period=period), "done", actor=staff)

    assert refused.value.reasons == ["Cet état de jalon n'existe pas."]


@pytest.mark.parametrize(
    ("source", "target"),
    [(source, target) for source in MilestoneStatus.values for target in MilestoneStatus.values],
)
def test_a_milestone_moves_exactly_as_its_lifecycle_table_allows(period, staff, source, target):
    milestone = MilestoneFactory(period=period, status=source)
    allowed = source == target or MILESTONE_LIFECYCLE.find(source, target) is not None

    try:
        set_milestone_status(milestone, target, actor=staff, note="Motif.")
    except Refused as refused:
        assert not allowed, refused.reasons
    else:
        assert allowed

    milestone.refresh_from_db()
    assert milestone.status == (target if allowed else source)


def test_the_status_form_offers_only_the_moves_the_table_allows():
    form = MilestoneStatusForm(current=MilestoneStatus.REACHED)

    assert [value for value, _label in form.fields["status"].choices] == [
        "reached",
        "in_progress",
    ]


# Measurements


def test_validating_a_measurement_records_the_reviewer(staff):
    measurement = MeasurementFactory()

    reviewed = review_measurement(measurement, actor=staff, accept=True)

    assert reviewed is True
    assert (measurement.status, measurement.reviewed_by) == ("validated", staff)
    assert measurement.reviewed_at is not None


def test_rejecting_a_measurement_needs_a_note_the_team_will_read(staff):
    measurement = MeasurementFactory()

    with pytest.raises(Refused) as refused:
        review_measurement(measurement, actor=staff, accept=False, note="")
    assert refused.value.reasons == ["Dites pourquoi la mesure est refusée : l'équipe le lira."]
    review_measurement(measurement, actor=staff, accept=False, note="Source introuvable.")

    assert (measurement.status, measurement.review_note) == ("rejected", "Source introuvable.")


def test_a_reviewed_measurement_cannot_be_reviewed_the_other_way(staff):
    measurement = MeasurementFactory(validated=True)

    with pytest.raises(Refused) as refused:
        review_measurement(measurement, actor=staff, accept=False, note="Trop tard.")

    assert refused.value.reasons == ["Cette mesure est déjà « Validée »."]
    measurement.refresh_from_db()
    assert measurement.status == "validated"


def test_reviewing_a_measurement_twice_the_same_way_changes_nothing(staff):
    measurement = MeasurementFactory(validated=True)
    first_reviewer = measurement.reviewed_by

    assert review_measurement(measurement, actor=staff, accept=True) is False
    measurement.refresh_from_db()
    assert measurement.reviewed_by == first_reviewer


# Time given


def test_declaring_a_month_again_replaces_the_first_declaration(period, staff):
    lead = period.project.application.team_members.get()
    TimeDeclarationFactory(period=period, member=lead, month=APRIL, days_given=Decimal("1"))
    actor = period.project.application.created_by

    written = declare_time(
        period, APRIL, {lead: Decimal("4.5")}, actor=actor, comments={lead: "Rattrapage."}
    )

    declaration = period.time_declarations.get()
    assert written == [declaration]
    assert (declaration.days_given, declaration.comment, declaration.declared_by) == (
        Decimal("4.5"),
        "Rattrapage.",
        actor,
    )


def test_a_member_left_empty_stays_undeclared(period):
    lead = period.project.application.team_members.get()
    other = TeamMemberFactory(application=period.project.application)

    declare_time(
        period,
        APRIL,
        {lead: Decimal("2"), other: None},
        actor=period.project.application.created_by,
    )

    assert list(period.time_declarations.values_list("member", flat=True)) == [lead.pk]


@pytest.mark.parametrize(
    "month",
    [datetime.date(2022, 2, 1), datetime.date(2022, 7, 1)],
    ids=["before the period", "after the period"],
)
def test_a_month_outside_the_period_is_refused(period, month):
    lead = period.project.application.team_members.get()

    with pytest.raises(Refused) as refused:
        declare_time(period, month, {lead: Decimal("1")}, actor=lead.user)

    assert "n'est pas un mois passé ou en cours de cette période" in refused.value.reasons[0]
    assert not period.time_declarations.exists()


def test_a_month_still_to_come_is_refused():
    project = ProjectFactory()
    period = project.periods.get()
    today = timezone.localdate()
    period.planned_start = period.actual_start = today.replace(day=1)
    period.planned_end = today + datetime.timedelta(days=180)
    period.save()
    next_month = (today.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    lead = project.application.team_members.get()

    with pytest.raises(Refused) as refused:
        declare_time(period, next_month, {lead: Decimal("1")}, actor=lead.user)

    assert "n'est pas un mois passé ou en cours de cette période" in refused.value.reasons[0]


def test_a_member_of_another_team_is_refused(period):
    stranger = ProjectFactory().application.team_members.get()
    lead = period.project.application.team_members.get()

    with pytest.raises(Refused) as refused:
        declare_time(period, APRIL, {lead: Decimal("1"), stranger: Decimal("5")}, actor=lead.user)

    assert refused.value.reasons == ["Ces personnes ne sont pas membres de l'équipe."]
    assert not period.time_declarations.exists()


# Phase reports


def test_saving_a_draft_creates_the_report_then_updates_it(period):
    save_phase_report_draft(period, {"problem": "Premier jet."}, actor=None)
    report = save_phase_report_draft(period, {"tested": "Un prototype."}, actor=None)

    assert (report.problem, report.tested, report.status) == (
        "Premier jet.",
        "Un prototype.",
        "draft",
    )
    assert PhaseReport.objects.count() == 1


def test_saving_a_draft_of_a_submitted_report_is_refused(period):
    PhaseReportFactory(period=period, submitted=True)

    with pytest.raises(Refused) as refused:
        save_phase_report_draft(period, {"problem": "Réécrit."}, actor=None)

    assert refused.value.reasons == ["Le bilan est déposé : il n'est plus modifiable."]
    assert PhaseReport.objects.get().problem != "Réécrit."


def test_an_incomplete_report_cannot_be_submitted(period):
    report = PhaseReportFactory(period=period, tested="  ", recommendation="")

    with pytest.raises(Refused) as refused:
        submit_phase_report(report, actor=period.project.application.created_by)

    assert refused.value.reasons == [
        "À compléter avant le dépôt : ce que nous avons testé ; notre recommandation pour la suite."
    ]
    report.refresh_from_db()
    assert report.status == "draft"


def test_submitting_records_who_and_when_and_mails_coaches_and_staff_after_commit(
    period, staff, django_capture_on_commit_callbacks, mailoutbox
):
    report = PhaseReportFactory(period=period)
    lead = period.project.application.created_by

    with django_capture_on_commit_callbacks(execute=True):
        submitted = submit_phase_report(report, actor=lead)
        assert mailoutbox == []

    assert submitted is True
    assert (report.status, report.submitted_by) == ("submitted", lead)
    assert report.submitted_at is not None
    assert sorted(mail.to[0] for mail in mailoutbox) == [
        "coach@exemple.test",
        "equipe.innovation@exemple.test",
    ]
    assert "bilan de phase déposé" in mailoutbox[0].subject


def test_submitting_twice_mails_once(period, staff, django_capture_on_commit_callbacks, mailoutbox):
    report = PhaseReportFactory(period=period)
    lead = period.project.application.created_by

    with django_capture_on_commit_callbacks(execute=True):
        submit_phase_report(report, actor=lead)
    with django_capture_on_commit_callbacks(execute=True):
        again = submit_phase_report(report, actor=lead)

    assert again is False
    assert len(mailoutbox) == 2  # one for the coach, one for staff


def test_reopening_a_report_needs_a_reason_and_keeps_it_for_the_team(period, staff):
    report = PhaseReportFactory(period=period, submitted=True)

    with pytest.raises(Refused) as refused:
        reopen_phase_report(report, actor=staff, reason=" ")
    assert refused.value.reasons == ["Dites à l'équipe pourquoi son bilan lui est rendu."]
    reopened = reopen_phase_report(report, actor=staff, reason="Ajoutez les chiffres de mai.")

    assert reopened is True
    assert (report.status, report.reopened_reason, report.reopened_by) == (
        "draft",
        "Ajoutez les chiffres de mai.",
        staff,
    )


def test_reopening_a_draft_changes_nothing(period, staff):
    report = PhaseReportFactory(period=period)

    assert reopen_phase_report(report, actor=staff, reason="Déjà un brouillon.") is False
    report.refresh_from_db()
    assert report.reopened_reason == ""

"""What the follow-up services write in the audit log, and the exact words they refuse with."""

import datetime
from decimal import Decimal

import pytest

from programme.lifecycles import Refused
from programme.models import AuditEntry
from projects.laureates.services.follow_up import (
    declare_time,
    reopen_phase_report,
    report_refusals,
    review_measurement,
    save_phase_report_draft,
    set_milestone_status,
    submit_phase_report,
)
from tests.editions.factories import paris
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
AT = paris(2022, 6, 20, 9, 0)


@pytest.fixture
def period():
    """A pre-incubation from 15 March to 15 June 2022."""
    return ProjectFactory().periods.get()


def test_a_submitted_report_cannot_be_submitted_again():
    report = PhaseReportFactory(submitted=True)

    assert report_refusals(report) == ["Le bilan est déjà déposé."]


def test_an_incomplete_report_lists_what_is_missing(period):
    report = PhaseReportFactory(period=period, problem="", results=" ")

    assert report_refusals(report) == [
        "À compléter avant le dépôt : le problème, tel que nous le comprenons maintenant ; "
        "les résultats."
    ]


def test_a_complete_draft_may_be_submitted(period):
    assert report_refusals(PhaseReportFactory(period=period)) == []


def test_submitting_and_giving_back_a_report_are_logged_at_their_time_with_the_reason(period):
    report = PhaseReportFactory(period=period)
    lead, staff = period.project.application.created_by, UserFactory(innovation_staff=True)

    submit_phase_report(report, actor=lead, at=AT, notify=False)
    reopen_phase_report(report, actor=staff, reason="Ajoutez mai.", at=AT.replace(day=21))

    entries = AuditEntry.objects.filter(action__startswith="phase_report.").order_by("pk")
    assert [(e.action, e.actor, e.at, e.reason) for e in entries] == [
        ("phase_report.submit", lead, AT, ""),
        ("phase_report.give_back", staff, AT.replace(day=21), "Ajoutez mai."),
    ]
    report.refresh_from_db()
    assert (report.submitted_at, report.reopened_at, report.reopened_reason) == (
        AT,
        AT.replace(day=21),
        "Ajoutez mai.",
    )


def test_a_month_outside_the_period_is_refused_naming_it(period):
    lead = period.project.application.team_members.get()

    with pytest.raises(Refused) as refused:
        declare_time(period, datetime.date(2022, 9, 1), {lead: Decimal("1")}, actor=lead.user)

    assert refused.value.reasons == [
        "Le mois de septembre 2022 n'est pas un mois passé ou en cours de cette période."
    ]


def test_a_declaration_is_logged_for_its_month_and_period_only(period):
    lead = period.project.application.team_members.get()
    other = TeamMemberFactory(application=period.project.application)
    elsewhere = ProjectFactory().periods.get()
    declare_time(
        elsewhere,
        APRIL,
        {elsewhere.project.application.team_members.get(): Decimal("3")},
        actor=lead.user,
    )

    # A member left empty is skipped, and the members after them are still declared.
    written = declare_time(period, APRIL, {other: None, lead: Decimal("2")}, actor=lead.user)

    entry = AuditEntry.objects.filter(action="follow_up.declare_time").order_by("pk").last()
    assert [(d.member, d.days_given, d.comment) for d in written] == [(lead, Decimal("2"), "")]
    assert (entry.subject, entry.reason, entry.changes) == (
        period,
        "avril 2022",
        {lead.full_name: [None, "2"]},
    )


def entry(action):
    return AuditEntry.objects.filter(action=action).get()


def logged(action):
    """The subject, actor, instant and reason of the one audit entry of ``action``."""
    logged = entry(action)
    return (logged.subject, logged.actor, logged.at, logged.reason)


def test_a_milestone_move_is_logged_at_its_time_with_its_note_and_none_by_default(period):
    coach = UserFactory()
    dropped, started = MilestoneFactory(period=period), MilestoneFactory(period=period)

    set_milestone_status(dropped, "dropped", actor=coach, note=" Hors périmètre. ", at=AT)
    set_milestone_status(started, "in_progress", actor=coach)

    assert logged("milestone.drop") == (dropped, coach, AT, "Hors périmètre.")
    assert (dropped.status_changed_at, started.status_note, entry("milestone.start").reason) == (
        AT,
        "",
        "",
    )


def test_a_measurement_review_is_logged_at_its_time_with_its_note_and_none_by_default():
    staff = UserFactory(innovation_staff=True)
    rejected, validated = MeasurementFactory(), MeasurementFactory()

    review_measurement(rejected, actor=staff, accept=False, note="Source manquante.", at=AT)
    review_measurement(validated, actor=staff, accept=True)

    assert logged("measurement.reject") == (rejected, staff, AT, "Source manquante.")
    assert (rejected.reviewed_at, validated.review_note, entry("measurement.validate").reason) == (
        AT,
        "",
        "",
    )


def test_a_draft_saved_is_logged_with_each_field_it_changed(period):
    lead = period.project.application.created_by
    PhaseReportFactory(period=period, problem="Premier jet.", results="")

    save_phase_report_draft(period, {"problem": "Second jet.", "results": ""}, actor=lead)

    saved = entry("phase_report.save_draft")
    assert (saved.actor, saved.changes) == (lead, {"problem": ["Premier jet.", "Second jet."]})


def test_a_declaration_logs_only_the_days_it_changes_for_that_month_of_that_period():
    project = ProjectFactory(experimentation=True)
    first, second = project.periods.order_by("sequence")
    september = datetime.date(2022, 9, 1)
    lead = project.application.team_members.get()
    other = TeamMemberFactory(application=project.application)
    TimeDeclarationFactory(period=first, member=lead, month=september, days_given=Decimal("3"))
    TimeDeclarationFactory(period=second, member=lead, month=APRIL.replace(month=10))
    TimeDeclarationFactory(period=second, member=other, month=september, days_given=Decimal("4"))

    declare_time(second, september, {lead: Decimal("2.5"), other: Decimal("4")}, actor=lead.user)

    assert entry("follow_up.declare_time").changes == {lead.full_name: [None, "2.5"]}

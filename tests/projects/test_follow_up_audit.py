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
    submit_phase_report,
)
from tests.editions.factories import paris
from tests.programme.factories import UserFactory
from tests.projects.factories import APRIL, PhaseReportFactory, ProjectFactory, TeamMemberFactory

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

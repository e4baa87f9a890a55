"""``generate_programme_data``: a programme built through the services, the same for a
given seed and day, refused on a database that already holds one."""

from collections import Counter

import pytest
from django.core.management import CommandError, call_command

from demo.generator import ProgrammeGenerator
from editions.enums import Phase
from jury.enums import SessionStatus
from jury.models import Score, Session
from jury.services.deliberation import RECORD_SCORE
from programme.models import AuditEntry
from projects.enums import ApplicationStatus, ReintegrationOutcome
from projects.models import Application, ApplicationTransition, Measurement, Project
from tests.programme.factories import ProgrammeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def generated():
    return ProgrammeGenerator(scale=1, seed=3, deliberation=(4, 3, 2)).run()


def test_generator_builds_one_edition_and_a_session_in_deliberation(generated):
    assert Counter(Application.objects.values_list("status", flat=True)) == {
        ApplicationStatus.NOT_SHORTLISTED: 70,
        ApplicationStatus.INELIGIBLE: 20,
        ApplicationStatus.SELECTED: 10,
        ApplicationStatus.NOT_SELECTED: 10,
        ApplicationStatus.SHORTLISTED: 4,
        ApplicationStatus.DRAFT: 3,
    }
    assert Project.objects.filter(is_published=True).count() == 10
    assert Measurement.objects.validated().count() == 120
    assert Counter(Session.objects.values_list("status", flat=True)) == {
        SessionStatus.CLOSED: 2,
        SessionStatus.DELIBERATION: 1,
    }
    # 20 items x 8 voters x 5 criteria, 10 x 8 x 3, then 4 x 3 x 2.
    assert Score.objects.count() == 800 + 240 + 24
    assert generated.deliberation_session.items.count() == 4
    # Every state moved through the services, each mark with record_score's audit entry.
    submitted = ApplicationTransition.objects.filter(to_status=ApplicationStatus.SUBMITTED)
    assert submitted.count() == Application.objects.exclude(status="draft").count()
    assert AuditEntry.objects.filter(action=RECORD_SCORE).count() == Score.objects.count()


def test_generator_gives_the_same_marks_for_the_same_seed(generated):
    marks = list(Score.objects.order_by("pk").values_list("value", flat=True)[:12])
    titles = list(Application.objects.order_by("pk").values_list("title", flat=True)[:2])

    assert marks == [3, 4, 3, 4, 4, 5, 4, 5, 4, 4, 4, 3]
    assert titles == [
        "Projet 1 : seniors, santé et compost",
        "Projet 2 : réemploi, jeunesse et culture",
    ]


def test_generate_programme_data_refuses_a_database_with_a_programme():
    ProgrammeFactory()

    with pytest.raises(CommandError, match="already holds a programme"):
        call_command("generate_programme_data", "--scale", "1")


def test_past_editions_end_so_that_only_the_latest_ones_laureates_run():
    ProgrammeGenerator(scale=2, seed=3, deliberation=(2, 3, 1)).run()

    phases = Counter(
        Project.objects.values_list("application__call__edition__number", "phase", "outcome")
    )

    assert phases == {
        (1, Phase.ABANDONED, ""): 1,
        (1, Phase.REINTEGRATION, ReintegrationOutcome.HANDED_OVER): 5,
        (1, Phase.REINTEGRATION, ReintegrationOutcome.SCALED): 2,
        (1, Phase.REINTEGRATION, ReintegrationOutcome.STOPPED): 2,
        (2, Phase.EXPERIMENTATION, ""): 10,
    }
    # The jury's reintegrations went through its sessions and were published.
    ended = Session.objects.get(title="Jury de fin d'expérimentation — saison 1")
    assert ended.status == SessionStatus.CLOSED
    assert ended.items.count() == 9
    assert not Project.objects.filter(phase=Phase.REINTEGRATION, periods__actual_end=None).exists()

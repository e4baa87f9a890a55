"""The ranking CSV of a session (« classement.csv »): French decimals, French labels
(kind, subject status, decision), and the normalised mean beside the raw one when the
session chose it."""

import csv
import io
from decimal import Decimal

import pytest

from jury.enums import Attendance, Averaging, MemberRole, Outcome, SessionStatus
from jury.exports import french_decimal
from jury.models import Score
from jury.services import choose_averaging, move_session, record_decision
from tests.jury.factories import (
    ConvocationFactory,
    CriterionFactory,
    JuryMemberFactory,
    ReviewItemFactory,
    SelectionItemFactory,
    SessionFactory,
)

pytestmark = pytest.mark.django_db


def read_csv(response):
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))


@pytest.fixture
def scored(staff):
    """A session in deliberation: a pitch marked 14 (weight 3) and 15 (weight 1) out of 20
    by one member — a weighted mean of 14,25 — and decided « Lauréate »; a review
    without marks."""

    def build(averaging):
        session = SessionFactory(moved_by=staff)
        value = CriterionFactory(session=session, weight=Decimal("3"), scale_max=20)
        team = CriterionFactory(session=session, weight=Decimal("1"), scale_max=20)
        pitch = SelectionItemFactory(session=session, application__title="Ruches de l'estuaire")
        ReviewItemFactory(session=session, project__application__title="Vélos partagés")
        member, president = (
            ConvocationFactory(
                session=session,
                member=JuryMemberFactory(programme=session.programme, role=role),
                attendance=Attendance.PRESENT,
            ).member
            for role in (MemberRole.ELECTED_OFFICIAL, MemberRole.PRESIDENT)
        )
        choose_averaging(session, averaging, actor=staff)
        move_session(session, SessionStatus.SCORING, actor=staff)
        for criterion, mark in ((value, 14), (team, 15)):
            Score.objects.create(
                item=pitch, member=member, criterion=criterion, value=mark, scale_max=20
            )
        move_session(session, SessionStatus.DELIBERATION, actor=staff)
        record_decision(pitch, outcome=Outcome.SELECTED, actor=staff)
        return session, president

    return build


def test_the_ranking_csv_writes_french_decimals_and_labels_not_codes(client, scored):
    session, president = scored(Averaging.RAW)
    client.force_login(president.user)

    header, *rows = read_csv(client.get(f"/jury/seances/{session.pk}/classement.csv"))

    assert header == [
        "objet",
        "rang",
        "ex æquo",
        "point",
        "sujet",
        "statut du sujet",
        "moyenne brute /20",
        "écart /20",
        "notes",
        "déports",
        "décision",
    ]
    by_subject = {row[4]: row for row in rows}
    assert by_subject["Ruches de l'estuaire"] == [
        "Sélection des lauréats",
        "1",
        "",
        "1",
        "Ruches de l'estuaire",
        "Présélectionnée",
        "14,25",
        "0,00",
        "1",
        "",
        "Lauréate",
    ]
    review = by_subject["Vélos partagés"]
    assert review[0] == "Revue de phase"
    assert review[5] == "Pré-incubation"
    assert review[6] == ""
    assert "selection" not in {row[0] for row in rows}


def test_the_ranking_csv_gives_the_normalised_mean_when_the_session_chose_it(client, scored):
    session, president = scored(Averaging.NORMALISED)
    client.force_login(president.user)

    header, *rows = read_csv(client.get(f"/jury/seances/{session.pk}/classement.csv"))

    assert header[6:8] == ["moyenne brute /20", "moyenne normalisée par juré /20"]
    (pitch,) = [row for row in rows if row[4] == "Ruches de l'estuaire"]
    # The member's two marks 14 and 15: z = -1 and +1; the session's marks are the same,
    # so each normalised mark is its raw one, and the mean is 14,25 too.
    assert pitch[6:8] == ["14,25", "14,25"]


@pytest.mark.parametrize(
    ("value", "written"),
    [(14.25, "14,25"), (20.0, "20,00"), (0.125, "0,13"), (14.245, "14,25"), (None, "")],
)
def test_a_french_decimal_has_two_places_a_comma_and_rounds_half_up_as_the_page(value, written):
    assert french_decimal(value) == written

"""The mean normalised per juror on known grids, by exact values: harsh and lenient
jurors, criteria on different scales, and the degenerate cases (one mark, identical
marks)."""

import subprocess
from decimal import Decimal
from fractions import Fraction
from types import SimpleNamespace

import pytest

from jury.enums import Attendance, Averaging, MemberRole, Outcome, SessionStatus
from jury.models import Score
from jury.normalisation import normalise, normalised_member_total
from jury.services import choose_averaging, declare_conflict, move_session, record_decision
from tests.jury.factories import (
    ConvocationFactory,
    CriterionFactory,
    JuryMemberFactory,
    SelectionItemFactory,
    SessionFactory,
)

ON_TWENTY = SimpleNamespace(pk=1, weight=Decimal("1"))


def mark(item, member, value, scale_max=20, criterion=ON_TWENTY):
    return SimpleNamespace(
        item_id=item,
        member_id=member,
        criterion_id=criterion.pk,
        weight=criterion.weight,
        value=value,
        scale_max=scale_max,
    )


# Harsh A marks X 9 and Y 3 (mean 6, deviation 3); lenient B marks Y 17 and Z 11 (mean
# 14, deviation 3). The session's marks 3, 9, 11, 17: mean 10, deviation 5.
HARSH_AND_LENIENT = [mark("X", "A", 9), mark("Y", "A", 3), mark("Y", "B", 17), mark("Z", "B", 11)]


def test_each_mark_is_standardised_over_its_juror_then_rescaled_on_the_session():
    normalised = normalise(HARSH_AND_LENIENT)

    assert normalised == {
        ("X", "A", 1): Fraction(15),  # z = +1: 10 + 5
        ("Y", "A", 1): Fraction(5),  # z = -1: 10 - 5
        ("Y", "B", 1): Fraction(15),
        ("Z", "B", 1): Fraction(5),
    }


def test_the_harsh_jurors_best_mark_outranks_the_lenient_jurors_worst():
    normalised = normalise(HARSH_AND_LENIENT)

    def item_mean(item):
        totals = [
            normalised_member_total([score], normalised)
            for score in HARSH_AND_LENIENT
            if score.item_id == item
        ]
        return sum(totals) / len(totals)

    # Raw means: X 9, Y 10, Z 11 — normalised: X 15, Y 10, Z 5.
    assert [item_mean(item) for item in "XYZ"] == [Fraction(15), Fraction(10), Fraction(5)]


def test_marks_on_different_scales_compare_out_of_20():
    five = SimpleNamespace(pk=1, weight=Decimal("2"))
    ten = SimpleNamespace(pk=2, weight=Decimal("1"))
    scores = [
        mark("X", "A", 1, 5, five),  # 4/20
        mark("X", "A", 8, 10, ten),  # 16/20
        mark("X", "B", 3, 5, five),  # 12/20
        mark("X", "B", 4, 10, ten),  # 8/20
    ]

    normalised = normalise(scores)

    # Every juror: mean 10 deviation 6 (A), mean 10 deviation 2 (B); the session's four
    # marks 4, 16, 12, 8: mean 10, deviation sqrt(20).
    session_deviation = Fraction(20**0.5)
    assert normalised[("X", "A", 1)] == 10 - session_deviation
    assert normalised[("X", "A", 2)] == 10 + session_deviation
    assert normalised[("X", "B", 1)] == 10 + session_deviation
    assert normalised[("X", "B", 2)] == 10 - session_deviation
    # A's weighted mean: (2 * (10 - d) + (10 + d)) / 3; B's: (2 * (10 + d) + (10 - d)) / 3.
    a_total = normalised_member_total(scores[:2], normalised)
    b_total = normalised_member_total(scores[2:], normalised)
    assert a_total == (2 * (10 - session_deviation) + 10 + session_deviation) / 3
    assert b_total == (2 * (10 + session_deviation) + 10 - session_deviation) / 3


def test_a_juror_with_a_single_mark_counts_as_the_session_mean():
    scores = [*HARSH_AND_LENIENT, mark("X", "C", 20)]  # one mark: deviation 0

    normalised = normalise(scores)

    # The session's marks 3, 9, 11, 17, 20: mean 12.
    assert normalised[("X", "C", 1)] == Fraction(12)


def test_a_juror_whose_marks_are_identical_counts_as_the_session_mean():
    scores = [mark("X", "A", 4), mark("Y", "A", 4), mark("X", "B", 10), mark("Y", "B", 20)]

    normalised = normalise(scores)

    # The session's marks 4, 4, 10, 20: mean 9.5, deviation sqrt(42.75).
    assert normalised[("X", "A", 1)] == Fraction(19, 2)
    assert normalised[("Y", "A", 1)] == Fraction(19, 2)


def test_a_normalised_mark_stays_between_0_and_20():
    # B's single low mark among high ones has z = -sqrt(3); the session's deviation is
    # large enough to take it below 0.
    scores = [mark(item, "B", 20) for item in "WXY"] + [mark("Z", "B", 0)]
    scores += [mark("Z", "A", 0), mark("W", "A", 0)]

    normalised = normalise(scores)

    assert normalised[("Z", "B", 1)] == 0
    assert all(0 <= value <= 20 for value in normalised.values())


def test_a_deviation_that_is_an_exact_fraction_gives_exact_marks():
    # Out of 60, A marks 0 and 3, B 4 and 7: out of 20, 0 and 1 (deviation 1/2), 4/3 and
    # 7/3 (deviation 1/2). The session's marks: mean 7/6, deviation exactly 5/6 (the
    # square root of 25/36), so each member's marks come back as 7/6 -/+ 5/6, no float.
    scores = [mark("X", "A", 0, 60), mark("Y", "A", 3, 60)]
    scores += [mark("X", "B", 4, 60), mark("Y", "B", 7, 60)]

    normalised = normalise(scores)

    assert normalised == {
        ("X", "A", 1): Fraction(1, 3),
        ("Y", "A", 1): Fraction(2),
        ("X", "B", 1): Fraction(1, 3),
        ("Y", "B", 1): Fraction(2),
    }


def test_no_mark_is_nothing_to_normalise():
    assert normalise([]) == {}


@pytest.mark.django_db
class TestTheDeliberationTable:
    @pytest.fixture
    def session(self, staff):
        """The harsh and lenient grid of the pure tests, scored through the database, in
        deliberation; a third member withdrew from Y after marking it 0."""
        session = SessionFactory(moved_by=staff, quorum=1)
        criterion = CriterionFactory(session=session, scale_max=20)
        items = {
            name: SelectionItemFactory(session=session, application__title=f"Projet {name}")
            for name in "XYZ"
        }
        members = {
            name: ConvocationFactory(
                session=session,
                member=JuryMemberFactory(programme=session.programme),
                attendance=Attendance.PRESENT,
            ).member
            for name in "ABC"
        }
        president = JuryMemberFactory(programme=session.programme, role=MemberRole.PRESIDENT)
        ConvocationFactory(session=session, member=president, attendance=Attendance.PRESENT)
        choose_averaging(session, Averaging.NORMALISED, actor=staff)
        move_session(session, SessionStatus.SCORING, actor=staff)
        for item, member, value in [("X", "A", 9), ("Y", "A", 3), ("Y", "B", 17), ("Z", "B", 11)]:
            Score.objects.create(
                item=items[item],
                member=members[member],
                criterion=criterion,
                value=value,
                scale_max=20,
            )
        Score.objects.create(
            item=items["Y"], member=members["C"], criterion=criterion, value=0, scale_max=20
        )
        declare_conflict(items["Y"], member=members["C"], actor=staff)
        move_session(session, SessionStatus.DELIBERATION, actor=staff)
        session.president = president
        return session

    def test_the_table_shows_the_normalised_mean_beside_the_raw_one_and_ranks_by_it(
        self, client, session
    ):
        client.force_login(session.president.user)

        page = client.get(f"/jury/seances/{session.pk}/deliberation/").content.decode()

        assert "Moyenne normalisée par juré /20" in page
        rows = [page.index(f"Projet {name}") for name in "XYZ"]
        assert rows == sorted(rows)  # X first: normalised 15, then Y 10, then Z 5
        x_row = page[rows[0] : rows[1]]
        assert "<td>9,00</td>" in x_row
        assert "<td>15,00</td>" in x_row

    def test_a_member_reads_the_same_normalised_means_on_the_session_page(self, client, session):
        member = session.convocations.exclude(member=session.president).first().member
        client.force_login(member.user)

        page = client.get(f"/jury/seances/{session.pk}/").content.decode()

        ranking = page[page.index("Moyenne normalisée par juré /20") :]
        x_row = ranking[ranking.index("Projet X") : ranking.index("Projet Y")]
        assert "<td>15,00</td>" in x_row

    def test_the_raw_table_has_no_normalised_column(self, client, session, staff):
        session.averaging = Averaging.RAW
        session.save(update_fields=["averaging"])
        client.force_login(staff)

        page = client.get(f"/jury/seances/{session.pk}/deliberation/").content.decode()

        assert "Moyenne normalisée par juré" not in page
        rows = [page.index(f"Projet {name}") for name in "ZYX"]
        assert rows == sorted(rows)  # raw: Z 11, Y 10, X 9


def pdf_text(content):
    result = subprocess.run(["pdftotext", "-", "-"], input=content, capture_output=True, check=True)
    return " ".join(result.stdout.decode("utf-8").split())


def closed_with(averaging, staff):
    session = SessionFactory(pitches=1, convened=1, moved_by=staff)
    choose_averaging(session, averaging, actor=staff)
    move_session(session, SessionStatus.SCORING, actor=staff)
    move_session(session, SessionStatus.DELIBERATION, actor=staff)
    record_decision(session.items.get(), outcome=Outcome.SELECTED, actor=staff)
    move_session(session, SessionStatus.CLOSED, actor=staff)
    return session


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("averaging", "said"),
    [
        (Averaging.RAW, "Le classement du jury a été établi sur la moyenne brute"),
        (Averaging.NORMALISED, "établi sur la moyenne normalisée par juré"),
    ],
)
def test_the_minutes_say_which_mean_was_used_on_the_page_and_in_the_pdf(
    client, staff, media_root, averaging, said
):
    session = closed_with(averaging, staff)
    client.force_login(staff)

    page = client.get(f"/jury/seances/{session.pk}/proces-verbal/").content.decode()
    response = client.get(f"/jury/seances/{session.pk}/proces-verbal.pdf")
    pdf = b"".join(response.streaming_content) if response.streaming else response.content

    session.refresh_from_db()
    assert session.minutes["averaging"] == averaging
    assert said in page
    assert said in pdf_text(pdf)
    assert ("centrées et réduites" in page) is (averaging == Averaging.NORMALISED)

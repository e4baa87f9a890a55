"""The coordinates of an indicator's chart (``projects.charts``): pure arithmetic."""

import datetime
from decimal import Decimal

import pytest

from projects.public.charts import line_chart, nice_step

day = datetime.date


@pytest.mark.parametrize(
    ("span", "step"),
    [(Decimal(15), Decimal("5")), (Decimal(400), Decimal(100)), (Decimal("0.3"), Decimal("0.1"))],
)
def test_nice_step_is_a_round_number_covering_the_span_in_four_steps(span, step):
    assert nice_step(span) == step


def test_chart_scales_from_zero_to_a_round_value_above_the_target():
    chart = line_chart(
        [(day(2021, 10, 29), Decimal(2)), (day(2022, 2, 28), Decimal(13))],
        baseline=Decimal(0),
        target=Decimal(15),
    )

    assert [tick.value for tick in chart.value_ticks] == [0, 5, 10, 15]
    assert chart.value_ticks[0].y == chart.bottom
    assert chart.value_ticks[-1].y == chart.top
    assert chart.polyline == f"{chart.left}.0,177.1 {chart.right}.0,50.9"
    assert [(line.kind, line.y) for line in chart.references] == [
        ("baseline", 200.0),
        ("target", 28.0),
    ]


def test_chart_of_one_measurement_puts_it_in_the_middle():
    chart = line_chart([(day(2022, 4, 29), Decimal(14))])

    assert [(point.x, point.value) for point in chart.points] == [(218.0, 14)]
    assert [(tick.day, tick.anchor) for tick in chart.date_ticks] == [(day(2022, 4, 29), "middle")]
    assert chart.references == []


def test_chart_labels_the_middle_date_only_when_it_has_room():
    spread = line_chart(
        [(day(2022, 1, 1), 1), (day(2022, 2, 15), 2), (day(2022, 4, 1), 3)],
    )
    crowded = line_chart(
        [(day(2022, 1, 1), 1), (day(2022, 1, 10), 2), (day(2022, 4, 1), 3)],
    )

    assert [tick.anchor for tick in spread.date_ticks] == ["start", "middle", "end"]
    assert [tick.day for tick in crowded.date_ticks] == [day(2022, 1, 1), day(2022, 4, 1)]


def test_close_baseline_and_target_labels_do_not_overlap():
    chart = line_chart([(day(2022, 1, 1), Decimal(50))], baseline=Decimal(98), target=Decimal(100))

    baseline, target = chart.references
    assert baseline.label_y > baseline.y  # under its line
    assert target.label_y < target.y  # over its line


def test_chart_of_negative_values_goes_below_zero():
    chart = line_chart([(day(2022, 1, 1), Decimal(-30)), (day(2022, 2, 1), Decimal(20))])

    assert [tick.value for tick in chart.value_ticks] == [-40, -20, 0, 20]


def test_no_measurement_no_chart():
    assert line_chart([]) is None

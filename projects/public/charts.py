"""Coordinates of a small line chart, drawn by a template as inline SVG.

No JavaScript and no inline style (strict CSP): this module only computes where things
go in a fixed ``viewBox``; the template writes the SVG elements and formats the numbers
and dates in the visitor's language, and the stylesheet colours them. The ``viewBox``
lets the browser scale the chart to the width it has, down to a 390 px phone.
"""

import datetime
import math
from dataclasses import dataclass, field
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal

WIDTH = 400
HEIGHT = 240
# Room for the value labels on the left, the date labels below, the reference line
# labels above the highest line.
LEFT, RIGHT, TOP, BOTTOM = 52, 16, 28, 40
MAX_VALUE_TICKS = 5
NICE_STEPS = (Decimal(1), Decimal(2), Decimal("2.5"), Decimal(5), Decimal(10))
# A date label is up to 100 units wide; the middle one, centred on its point, needs one
# and a half of them from the first (which starts at its point) and from the last.
DATE_LABEL_ROOM = 150
# Below this gap (in viewBox units) two reference labels would overlap.
LABEL_GAP = 16


@dataclass
class ChartPoint:
    x: float
    y: float
    day: datetime.date
    value: Decimal


@dataclass
class ValueTick:
    y: float
    value: Decimal


@dataclass
class DateTick:
    x: float
    day: datetime.date
    anchor: str  # SVG text-anchor: the first label starts, the last one ends, at its point


@dataclass
class ReferenceLine:
    """The baseline or the target, drawn across the plot with its label."""

    kind: str  # "baseline" or "target"
    y: float
    value: Decimal
    label_y: float


@dataclass
class LineChart:
    points: list
    value_ticks: list
    date_ticks: list
    references: list = field(default_factory=list)
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    right: int = WIDTH - RIGHT
    top: int = TOP
    bottom: int = HEIGHT - BOTTOM

    @property
    def view_box(self):
        return f"0 0 {self.width} {self.height}"

    @property
    def polyline(self):
        """The ``points`` attribute of the SVG ``<polyline>`` joining the measurements."""
        return " ".join(f"{point.x},{point.y}" for point in self.points)

    @property
    def label_x(self):
        """Where reference labels end: the right edge of the plot."""
        return self.right

    @property
    def date_label_y(self):
        return self.bottom + 22


def nice_step(span, ticks=MAX_VALUE_TICKS - 1):
    """The smallest round step (1, 2, 2.5 or 5 times a power of ten) that covers ``span``
    in at most ``ticks`` steps."""
    if span <= 0:
        return Decimal(1)
    raw = Decimal(span) / ticks
    magnitude = Decimal(10) ** math.floor(math.log10(raw))
    step = next(step for step in NICE_STEPS if step * magnitude >= raw)
    return step * magnitude


def _value_scale(values):
    """The lowest and highest ticks and the step: from zero (or below, for negative
    values) to the first round value above the highest figure."""
    low = min(Decimal(0), *values)
    high = max(values)
    step = nice_step(high - low)
    low_tick = (low / step).to_integral_value(rounding=ROUND_FLOOR) * step
    high_tick = (high / step).to_integral_value(rounding=ROUND_CEILING) * step
    if high_tick == low_tick:
        high_tick = low_tick + step
    return low_tick, high_tick, step


def _date_ticks(points):
    """The first date, the last, and the one nearest the middle if it has room: more
    would overlap on a phone (every date is in the table under the chart)."""
    first, last = points[0], points[-1]
    if len(points) == 1 or first.x == last.x:
        return [DateTick(first.x, first.day, "middle")]
    ticks = [DateTick(first.x, first.day, "start")]
    centre = (first.x + last.x) / 2
    middle = min(points, key=lambda point: abs(point.x - centre))
    if min(middle.x - first.x, last.x - middle.x) >= DATE_LABEL_ROOM:
        ticks.append(DateTick(middle.x, middle.day, "middle"))
    ticks.append(DateTick(last.x, last.day, "end"))
    return ticks


def _reference_lines(references, to_y):
    lines = [
        ReferenceLine(kind=kind, y=to_y(value), value=value, label_y=to_y(value) - 5)
        for kind, value in references
        if value is not None
    ]
    if len(lines) == 2 and abs(lines[0].y - lines[1].y) < LABEL_GAP:
        # Close lines: the lower one's label goes under it, so both stay readable.
        lower = max(lines, key=lambda line: line.y)
        lower.label_y = lower.y + 14
    return lines


def line_chart(measurements, *, baseline=None, target=None):
    """A ``LineChart`` of ``measurements`` ((date, value) pairs, in date order), with the
    ``baseline`` and ``target`` as reference lines when they are given."""
    measurements = list(measurements)
    if not measurements:
        return None
    references = [("baseline", baseline), ("target", target)]
    values = [value for _day, value in measurements]
    values += [value for _kind, value in references if value is not None]
    low, high, step = _value_scale(values)
    chart = LineChart(points=[], value_ticks=[], date_ticks=[])
    plot_height = chart.bottom - chart.top
    plot_width = chart.right - chart.left

    def to_y(value):
        return round(chart.bottom - float((value - low) / (high - low)) * plot_height, 1)

    first, last = measurements[0][0], measurements[-1][0]
    days = (last - first).days

    def to_x(day):
        if days == 0:
            return round(chart.left + plot_width / 2, 1)
        return round(chart.left + (day - first).days / days * plot_width, 1)

    chart.points = [ChartPoint(to_x(day), to_y(value), day, value) for day, value in measurements]
    tick = low
    while tick <= high:
        chart.value_ticks.append(ValueTick(to_y(tick), tick))
        tick += step
    chart.date_ticks = _date_ticks(chart.points)
    chart.references = _reference_lines(references, to_y)
    return chart

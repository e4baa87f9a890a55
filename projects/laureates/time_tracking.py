"""The time a team gives, month by month, against the time its members planned to give.

Works on rows already loaded (a period, its team members, their commitments and
declarations), so that a page or an export runs the same queries whatever their number.
A member plans ``TimeCommitment.planned_days_per_week`` if staff set one for the period,
else the period's own ``days_per_week``.
"""

import datetime
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone

from projects.laureates.models.follow_up import first_of_month, month_bounds, working_days

# Below this share of the planned days, a month is flagged: the agent was not released.
SHORTFALL_RATIO = Decimal("0.75")
ONE_DECIMAL = Decimal("0.1")


def declarable_months(period, today=None):
    """The months of ``period`` a team may declare time for: from its start to its end,
    and never a month still to come."""
    today = today or timezone.localdate()
    month = first_of_month(period.starts_on)
    # Up to the planned end while the period is open: when it runs late, staff move
    # the planned end (in the admin) and the months follow.
    end = first_of_month(min(period.ends_on, today))
    months = []
    while month <= end:
        months.append(month)
        month = (month.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    return months


def planned_per_week(period, member, commitments):
    """``commitments`` maps a member's pk to their ``TimeCommitment`` in ``period``."""
    commitment = commitments.get(member.pk)
    return commitment.planned_days_per_week if commitment else period.days_per_week


def expected_days(period, per_week, month, today=None):
    """The days ``per_week`` amounts to in ``month``: its working days within the period
    (and not after ``today``), a fifth of ``per_week`` each."""
    today = today or timezone.localdate()
    first, last = month_bounds(month)
    start = max(first, period.starts_on)
    end = min(last, period.ends_on, today)
    days = Decimal(working_days(start, end)) * per_week / 5
    return days.quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)


@dataclass
class MemberMonth:
    member: object
    planned: Decimal
    given: Decimal | None
    comment: str = ""

    @property
    def is_short(self):
        return (
            self.given is not None
            and self.planned > 0
            and self.given < self.planned * SHORTFALL_RATIO
        )


@dataclass
class MonthRow:
    month: object
    cells: list = field(default_factory=list)

    @property
    def planned(self):
        return sum((cell.planned for cell in self.cells), Decimal(0))

    @property
    def given(self):
        return sum((cell.given or 0 for cell in self.cells), Decimal(0))

    @property
    def missing(self):
        """Members who have not declared this month yet."""
        return [cell.member for cell in self.cells if cell.given is None]


def month_rows(period, months, members, commitments, declarations, today=None):
    """One ``MonthRow`` per month of ``months``, a cell per member of ``members``.

    ``declarations`` are the period's ``TimeDeclaration`` rows.
    """
    given = {(d.member_id, d.month): d for d in declarations}
    rows = []
    for month in months:
        row = MonthRow(month)
        for member in members:
            declaration = given.get((member.pk, month))
            row.cells.append(
                MemberMonth(
                    member=member,
                    planned=expected_days(
                        period, planned_per_week(period, member, commitments), month, today
                    ),
                    given=declaration.days_given if declaration else None,
                    comment=declaration.comment if declaration else "",
                )
            )
        rows.append(row)
    return rows


@dataclass
class TimeSummary:
    planned: Decimal
    given: Decimal
    undeclared_months: int

    @property
    def ratio(self):
        """The share of planned days given, as a percentage (``None`` before any plan)."""
        if not self.planned:
            return None
        return int((self.given * 100 / self.planned).quantize(Decimal(1), ROUND_HALF_UP))

    @property
    def is_short(self):
        return self.planned > 0 and self.given < self.planned * SHORTFALL_RATIO


def summarise(rows):
    """Totals of ``month_rows``: what was planned to date, given, and months undeclared."""
    return TimeSummary(
        planned=sum((row.planned for row in rows), Decimal(0)),
        given=sum((row.given for row in rows), Decimal(0)),
        undeclared_months=sum(1 for row in rows if row.missing),
    )

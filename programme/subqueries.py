"""Scalar subqueries used across the apps."""

from django.db.models import Count, Subquery, Value


def latest(queryset, field):
    """The greatest ``field`` of ``queryset``, as a subquery."""
    return Subquery(queryset.order_by(f"-{field}").values(field)[:1])


def count(queryset):
    """The number of rows of ``queryset`` (which may use ``OuterRef``), as a subquery.

    Without a GROUP BY the aggregate always yields one row, 0 for no rows.
    """
    return Subquery(
        queryset.order_by().annotate(one=Value(1)).values("one").annotate(n=Count("*")).values("n")
    )

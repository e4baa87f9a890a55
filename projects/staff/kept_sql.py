"""The dashboard's aggregate queries compiled once per process and run afresh, and its
counts per edition (``grouped``) made of them.

Building a queryset and compiling it to SQL costs more CPU than the database's answer for
the dashboard's small GROUP BY queries; their SQL depends only on the code and on the
editions shown, so it is kept per name, key (the editions shown) and database, as
``distinct_counts`` keeps its statement. Only for rows of plain values (primary keys,
codes, counts), which the database gives as Python needs them: nothing to convert.
"""

from collections import Counter, defaultdict

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import F

KEPT = 256  # statements kept, then started over
_statements = {}


def rows(name, key, queryset):
    """The rows of ``queryset()`` (a ``values_list`` queryset), as tuples; its SQL built
    the first time only for ``(name, key)``."""
    full_key = (name, key, connection.vendor, connection.settings_dict["NAME"])
    statement = _statements.get(full_key)
    if statement is None:
        try:
            statement = queryset().query.sql_with_params()
        except EmptyResultSet:  # a filter no row can match (no edition yet)
            return []
        if len(_statements) >= KEPT:
            _statements.clear()
        _statements[full_key] = statement
    with connection.cursor() as cursor:
        cursor.execute(*statement)
        return cursor.fetchall()


def of(editions, path):
    """The filter of rows to ``editions`` (None: every edition)."""
    return {} if editions is None else {f"{path}__in": [edition.pk for edition in editions]}


def key(editions):
    return None if editions is None else tuple(edition.pk for edition in editions)


def grouped(name, source, edition_path, editions, **aggregates):
    """``{edition pk: Counter of aggregates}`` from one GROUP BY query of ``source()`` over
    ``editions`` (None: all), its SQL kept under ``name``; 0 when absent."""
    names = list(aggregates)

    def grouped_rows():
        return (
            source()
            .order_by()
            .filter(**of(editions, edition_path))
            .values(edition_pk=F(edition_path))
            .annotate(**aggregates)
            .values_list("edition_pk", *names)
        )

    grouped = defaultdict(Counter)
    for edition_pk, *values in rows(name, key(editions), grouped_rows):
        grouped[edition_pk].update(dict(zip(names, values, strict=True)))
    return grouped

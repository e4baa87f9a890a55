"""The dashboard's distinct counts (people, departments, projects) per edition and since
the first edition: one statement for every measure, counted in the database.

The statement depends only on the measures (fixed in the code) and on the editions shown
(their primary keys; the cumulated figures count every edition up to the last one shown),
so it is built once per set of editions and database and kept in this process: building
the ten querysets and compiling them was most of the CPU of the objectives table, and its
figures are still counted afresh on every request.
"""

from collections import Counter

from django.db import connection
from django.db.models import F
from django.db.models.functions import Lower

KEPT = 64  # statements kept (one per set of editions shown), then started over
_statements = {}


def _measure(rows, edition_path, value):
    """``rows`` as (edition pk, edition number, counted value), the empty values left out."""
    rows = (
        rows.order_by()
        .annotate(
            edition_key=F(edition_path),
            edition_number=F(f"{edition_path}__number"),
            counted=value,
        )
        .filter(counted__isnull=False)
    )
    if isinstance(value, Lower):
        rows = rows.exclude(counted="")
    return rows


def _values(rows):
    return rows.values_list("edition_key", "edition_number", "counted")


def _statement(measures, editions):
    """The SQL and parameters of one query for every measure (``_measure``): rows of
    (measure index, 0, edition pk, distinct values) for the editions shown, and (measure
    index, 1, edition number, distinct values seen first in that edition) up to the
    last edition shown, those seen first before the first edition shown counted with it
    (so that a few recent editions cost as little as one, whatever came before)."""
    pks = [edition.pk for edition in editions]
    numbers = [edition.number for edition in editions]
    parts, params = [], []
    for index, rows in enumerate(measures):
        own_sql, own_params = _values(rows.filter(edition_key__in=pks)).query.sql_with_params()
        seen_sql, seen_params = _values(
            rows.filter(edition_number__lte=max(numbers))
        ).query.sql_with_params()
        parts.append(
            f"SELECT {index}, 0, edition_key, COUNT(DISTINCT counted) "
            f"FROM ({own_sql}) own_{index} GROUP BY edition_key"
        )
        parts.append(
            f"SELECT {index}, 1, CASE WHEN first_number < %s THEN %s ELSE first_number END, "
            f"COUNT(*) FROM (SELECT counted, MIN(edition_number) AS first_number "
            f"FROM ({seen_sql}) seen_{index} GROUP BY counted) first_{index} "
            f"GROUP BY CASE WHEN first_number < %s THEN %s ELSE first_number END"
        )
        earliest = min(numbers)
        params += [*own_params, earliest, earliest, *seen_params, earliest, earliest]
    return " UNION ALL ".join(parts), tuple(params)


def distinct_counts(editions, measures):
    """For each measure ``(rows function, edition path, counted value)``: ``{edition pk:
    distinct values}`` for ``editions`` and ``{edition number: distinct values seen first
    in that edition}`` (for the earliest of ``editions``: seen first in it or before), in
    one query. ``editions``: the most recent ones, or all of them."""
    key = (connection.vendor, connection.settings_dict["NAME"], tuple(e.pk for e in editions))
    if key not in _statements:
        if len(_statements) >= KEPT:
            _statements.clear()
        _statements[key] = _statement(
            [_measure(rows(), path, value) for rows, path, value in measures], editions
        )
    sql, params = _statements[key]
    own, firsts = [Counter() for _m in measures], [Counter() for _m in measures]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for index, seen_first, group, count in cursor.fetchall():
            (firsts if seen_first else own)[index][group] = count
    return list(zip(own, firsts, strict=True))

"""The dashboard's distinct counts (people, departments, projects) per edition and since
the first edition: one statement for every measure, counted in the database.

The statement depends only on the measures (fixed in the code) and on the editions shown
(their primary keys), so it is built once per set of editions and database and kept in
this process: building the ten querysets and compiling them was most of the CPU of the
objectives table, and its figures are still counted afresh on every request.
"""

from collections import Counter

from django.db import connection
from django.db.models import F
from django.db.models.functions import Lower

KEPT = 64  # statements kept (one per set of editions shown), then started over
_statements = {}


def _measure(rows, edition_path, value, editions):
    """``rows`` as (edition pk, edition number, counted value), the empty values left out,
    in the editions shown only."""
    rows = (
        rows.order_by()
        .annotate(
            edition_key=F(edition_path),
            edition_number=F(f"{edition_path}__number"),
            counted=value,
        )
        .filter(edition_key__in=[edition.pk for edition in editions], counted__isnull=False)
    )
    if isinstance(value, Lower):
        rows = rows.exclude(counted="")
    return rows.values_list("edition_key", "edition_number", "counted")


def _statement(measures):
    """The SQL and parameters of one query for every measure (``_measure``): rows of
    (measure index, 0, edition pk, distinct values) and (measure index, 1, edition number,
    distinct values seen first in that edition)."""
    parts, params = [], []
    for index, rows in enumerate(measures):
        sql, sql_params = rows.query.sql_with_params()
        parts.append(
            f"SELECT {index}, 0, edition_key, COUNT(DISTINCT counted) "
            f"FROM ({sql}) own_{index} GROUP BY edition_key"
        )
        parts.append(
            f"SELECT {index}, 1, first_number, COUNT(*) FROM (SELECT counted, "
            f"MIN(edition_number) AS first_number FROM ({sql}) seen_{index} GROUP BY counted) "
            f"first_{index} GROUP BY first_number"
        )
        params += [*sql_params, *sql_params]
    return " UNION ALL ".join(parts), tuple(params)


def distinct_counts(editions, measures):
    """For each measure ``(rows function, edition path, counted value)``: ``{edition pk:
    distinct values}`` and ``{edition number: distinct values seen first in that edition}``
    in ``editions``, in one query."""
    key = (connection.vendor, connection.settings_dict["NAME"], tuple(e.pk for e in editions))
    if key not in _statements:
        if len(_statements) >= KEPT:
            _statements.clear()
        _statements[key] = _statement(
            [_measure(rows(), path, value, editions) for rows, path, value in measures]
        )
    sql, params = _statements[key]
    own, firsts = [Counter() for _m in measures], [Counter() for _m in measures]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for index, seen_first, group, count in cursor.fetchall():
            (firsts if seen_first else own)[index][group] = count
    return list(zip(own, firsts, strict=True))

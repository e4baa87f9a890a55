"""Text compared as people type it: without accents or case, on either database.

``Unaccent`` is PostgreSQL's ``unaccent()`` (its extension is created by a migration of
``projects``); on SQLite the same name is a Python function registered on each new
connection (``register_sqlite_functions``), so « mellifere » finds « mellifères » on both.
``matching`` narrows a queryset to the rows holding every word typed, that way.
"""

import unicodedata

from django.db.models import Func, Q
from django.db.models.functions import Lower


def strip_accents(text):
    """``text`` without its combining accents: « Énergétique » → « Energetique »."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


class Unaccent(Func):
    function = "UNACCENT"


def register_sqlite_functions(sender, connection, **kwargs):  # noqa: ARG001 (a signal)
    """On a new SQLite connection, define ``UNACCENT`` (deterministic, so SQLite may
    use it anywhere an expression goes)."""
    if connection.vendor == "sqlite":
        connection.connection.create_function(
            "UNACCENT",
            1,
            lambda value: None if value is None else strip_accents(value),
            deterministic=True,
        )


def matching(queryset, fields, text):
    """``queryset`` narrowed to the rows where every word of ``text`` appears in one of
    ``fields``, without regard to accents or case. ``fields`` must not cross a
    many-valued relation (a row would come back once per match). Blank ``text``: none."""
    words = strip_accents(text).lower().split()
    if not words:
        return queryset.none()
    queryset = queryset.annotate(
        **{f"plain_{index}": Lower(Unaccent(name)) for index, name in enumerate(fields)}
    )
    for word in words:
        queryset = queryset.filter(
            Q.create(
                [(f"plain_{index}__contains", word) for index in range(len(fields))],
                connector=Q.OR,
            )
        )
    return queryset

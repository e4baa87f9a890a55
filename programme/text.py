"""Text compared as people type it: without accents or case, on either database.

``Unaccent`` is PostgreSQL's ``unaccent()`` (its extension is created by a migration of
``projects``); on SQLite the same name is a Python function registered on each new
connection (``register_sqlite_functions``), so « mellifere » finds « mellifères » on both.
"""

import unicodedata

from django.db.models import Func


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

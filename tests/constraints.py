"""Which constraint the database names when it refuses a row, on SQLite and PostgreSQL."""

import re
from contextlib import contextmanager

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.models import UniqueConstraint


def violates(model, name):
    """The pattern for ``pytest.raises(IntegrityError, match=...)`` when the database
    refuses a row by ``model``'s constraint ``name``.

    PostgreSQL names every constraint it enforces; SQLite names a check constraint and a
    unique index on expressions, but for a unique constraint on fields it lists their
    columns instead.
    """
    constraint = {constraint.name: constraint for constraint in model._meta.constraints}[name]
    on_fields = isinstance(constraint, UniqueConstraint) and constraint.fields
    if connection.vendor == "sqlite" and on_fields:
        table = model._meta.db_table
        columns = ", ".join(
            f"{table}.{model._meta.get_field(field).column}" for field in constraint.fields
        )
        return rf"^UNIQUE constraint failed: {re.escape(columns)}$"
    return rf"\b{re.escape(name)}\b"


@contextmanager
def refused_by_the_database(model, name):
    """The block must fail on ``model``'s constraint ``name``; it runs in a savepoint, so
    the test goes on in a usable transaction."""
    with pytest.raises(IntegrityError, match=violates(model, name)), transaction.atomic():
        yield

from django.conf import settings
from django.db import models


class HttpsURLField(models.URLField):
    """A URL field whose forms assume https:// when the scheme is left out.

    Django 6.0 makes https the default; saying it now keeps every form (admin included)
    free of the RemovedInDjango60Warning. On Django 6 this class can go.
    """

    def formfield(self, **kwargs):
        return super().formfield(**{"assume_scheme": "https", **kwargs})


def done_by(verbose_name, *, later=False, **options):
    """The account that did something to a row: never deleted while a row names it
    (``PROTECT``), not read back from the account (``related_name="+"``). ``later``: a
    step the row may not have reached, set by the services only (empty until then, not
    editable)."""
    if later:
        options.update(null=True, blank=True, editable=False)
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=verbose_name,
        on_delete=models.PROTECT,
        related_name="+",
        **options,
    )


def valid_choice(field, choices, *, name, blank=False, message=None):
    """The check that ``field`` holds one of ``choices`` (or nothing, with ``blank``),
    saying ``message`` when it does not (Django's default message without one)."""
    values = [*choices.values, ""] if blank else choices.values
    return models.CheckConstraint(
        condition=models.Q(**{f"{field}__in": values}), name=name, violation_error_message=message
    )


def part_of(parent, verbose_name, related_name):
    """The link of a row to the row it is part of: deleted with it (``CASCADE``), read
    back from it as ``related_name``."""
    return models.ForeignKey(
        parent, verbose_name=verbose_name, on_delete=models.CASCADE, related_name=related_name
    )

from django.db import models


class HttpsURLField(models.URLField):
    """A URL field whose forms assume https:// when the scheme is left out.

    Django 6.0 makes https the default; saying it now keeps every form (admin included)
    free of the RemovedInDjango60Warning. On Django 6 this class can go.
    """

    def formfield(self, **kwargs):
        return super().formfield(**{"assume_scheme": "https", **kwargs})

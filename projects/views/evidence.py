"""What a laureate proves: time given, impact indicators and measurements, phase report.

(Being written: see issue 8.)
"""

from django.http import HttpResponse


def time_declaration(request, pk):
    return HttpResponse("TODO")


def indicator_form(request, pk, indicator_pk=None):
    return HttpResponse("TODO")


def measurement_add(request, pk, indicator_pk):
    return HttpResponse("TODO")


def report(request, pk):
    return HttpResponse("TODO")

"""Following a laureate: the coach's list, the follow-up page, coaching log, milestones.

(Being written: see issue 8.)
"""

from django.http import HttpResponse


def coaching_list(request):
    return HttpResponse("TODO")


def overview(request, pk):
    return HttpResponse("TODO")


def coaching_form(request, pk, entry_pk=None):
    return HttpResponse("TODO")


def milestone_form(request, pk, milestone_pk=None):
    return HttpResponse("TODO")

"""Telling teams the screening decisions of staff: like the jury's, they wait until staff
publish them, call by call, and may be corrected until then."""

from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from editions.models import Call
from programme import audit
from programme.actions import verb
from projects.models import Application, ApplicationTransition
from projects.publication import publish_history

PUBLISH_SCREENING = verb("call.publish_screening", _("Décisions de présélection publiées"))


def screening_to_publish(call):
    """The applications of ``call`` whose last move is a staff screening decision (or its
    correction) the team has not been told of, with their history loaded."""
    return (
        Application.objects.filter(call=call)
        .untold_screening()
        .prefetch_related(
            Prefetch("transitions", queryset=ApplicationTransition.objects.select_related("actor"))
        )
        .order_by("title", "pk")
    )


def publish_screening(call, *, actor, at=None, notify=True):
    """Tell each team of ``call`` the screening decision staff took on its application.

    Side effects, in order:
    1. locks the call, then the applications waiting for publication;
    2. stamps each one's last move as published, with its audit entry
       (``publish_history``); a decision corrected before publication is never told,
       only its correction is;
    3. writes the call's audit entry naming the applications told;
    4. after commit, queues one e-mail per application, with its outcome
       (``notify=False`` when replaying past events).

    Returns how many applications were told. Publishing twice publishes nothing more.
    """
    at = at or timezone.now()
    with transaction.atomic():
        locked = Call.objects.select_for_update().get(pk=call.pk)
        waiting = screening_to_publish(locked)
        list(Application.objects.select_for_update().filter(pk__in=waiting.values("pk")))
        applications = list(waiting)
        for application in applications:
            publish_history(application.last_transition(), actor=actor, at=at, notify=notify)
        if applications:
            audit.record(
                locked,
                PUBLISH_SCREENING,
                actor=actor,
                changes={"applications": [None, [str(a) for a in applications]]},
                at=at,
            )
    return len(applications)

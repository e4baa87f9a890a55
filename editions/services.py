"""Setting up an edition: the rows of its phase settings, and its call's dates."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from editions.models import Call, Edition, EditionPhase
from editions.phases import PERIOD_PHASES
from programme import audit
from programme.actions import verb

ADD_DEFAULT_PHASES = verb(
    "edition.add_default_phases", _("Phases créées avec leurs valeurs par défaut")
)


MOVE_CLOSING = verb("call.move_closing", _("Clôture de l'appel déplacée"))


def save_call(call, *, actor, warnings=()):
    """Save ``call`` as staff changed it; record a moved closing with its confirmations.

    Side effects, in order:
    1. saves the call (inside one transaction);
    2. if its closing moved, writes one audit entry with the closing before and after,
       and as reason the warnings staff confirmed (a closing in the past, before a
       submission: ``Call.closing_change_warnings``).
    """
    with transaction.atomic():
        before = None
        if call.pk is not None:
            before = (
                Call.objects.select_for_update()
                .filter(pk=call.pk)
                .values_list("closes_at", flat=True)
                .first()
            )
        call.save()
        if before is not None and before != call.closes_at:
            audit.record(
                call,
                MOVE_CLOSING,
                actor=actor,
                changes={
                    "closes_at": [
                        timezone.localtime(before).isoformat(),
                        timezone.localtime(call.closes_at).isoformat(),
                    ]
                },
                reason=" ".join(str(warning) for warning in warnings),
            )
    return call


def add_default_phases(edition, *, actor):
    """Give ``edition`` a settings row for each period phase it has none for.

    Called when an edition is created (the admin, the demo, the factories) so staff find
    every phase to adjust. Side effects, in order:
    1. locks the edition row;
    2. creates the missing rows with their kind's defaults (``editions.phases``);
    3. writes one audit entry naming the phases added, if any.
    Returns the rows created.
    """
    with transaction.atomic():
        locked = Edition.objects.select_for_update().get(pk=edition.pk)
        present = set(locked.phases.values_list("phase", flat=True))
        missing = [
            EditionPhase.default(locked, phase) for phase in PERIOD_PHASES if phase not in present
        ]
        if not missing:
            return []
        created = EditionPhase.objects.bulk_create(missing)
        audit.record(
            locked,
            ADD_DEFAULT_PHASES,
            actor=actor,
            changes={"phases": [sorted(present), sorted(present | {row.phase for row in created})]},
        )
    return created

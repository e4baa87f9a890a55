"""Setting up an edition: the rows of its phase settings, its call's dates, and the
next season prepared from the last one."""

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from editions.models import Call, Edition, EditionPhase, RequiredDocument
from editions.phases import PERIOD_PHASES
from programme import audit
from programme.actions import verb
from programme.lifecycles import ActionRefused

ADD_DEFAULT_PHASES = verb(
    "edition.add_default_phases", _("Phases créées avec leurs valeurs par défaut")
)


MOVE_CLOSING = verb("call.move_closing", _("Clôture de l'appel déplacée"))
PREPARE_NEXT_SEASON = verb(
    "edition.prepare_next_season", _("Saison suivante préparée à partir d'une édition")
)
# What a copy never takes from its source: its identity, its parent and its publication
# (a new season is prepared unpublished, the fields' default, on new dates staff give).
# ``created_at`` and ``updated_at`` are copied and overwritten as the copy is saved.
NOT_COPIED = {"id", "edition", "call", "is_published"}


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


def _copy(obj, **values):
    """An unsaved copy of ``obj``: every concrete field but ``NOT_COPIED``, then ``values``.

    Field by field from the model, so a field added later is copied without a change here.
    """
    fields = {
        field.attname: getattr(obj, field.attname)
        for field in obj._meta.concrete_fields
        if field.name not in NOT_COPIED
    }
    return type(obj)(**{**fields, **values})


def next_season_refusals(*, slug, opens_at, closes_at):
    """Why a next season cannot be prepared with these values: French sentences."""
    refusals = []
    if Edition.objects.filter(slug=slug).exists():
        refusals.append(
            gettext("Une édition porte déjà l'identifiant d'URL « %(slug)s ».") % {"slug": slug}
        )
    if closes_at <= opens_at:
        refusals.append(gettext("La clôture de l'appel doit venir après son ouverture."))
    return refusals


def prepare_next_season(edition, *, actor, name, slug, year, call_title, opens_at, closes_at):
    """Prepare the edition after ``edition``: its settings, call, phases and coaches copied,
    on the new name, address, year and call dates given, unpublished. Returns it.

    Side effects, in order:
    1. locks ``edition``; raises ``ActionRefused`` if ``slug`` is taken or the call would
       close before it opens (``next_season_refusals``);
    2. creates the edition, numbered after the programme's last one, with every setting
       of ``edition`` (``_copy``) and its coaches;
    3. creates its phase settings from those of ``edition`` (defaults where it had none);
    4. creates its call from that of ``edition`` (offer, eligibility, rules, team sizes)
       with the new title and dates, and copies of the documents it asks for;
    5. writes one audit entry on the new edition naming ``edition`` as its source.
    """
    with transaction.atomic():
        source = Edition.objects.select_for_update().get(pk=edition.pk)
        refusals = next_season_refusals(slug=slug, opens_at=opens_at, closes_at=closes_at)
        if refusals:
            raise ActionRefused(refusals)
        last = Edition.objects.filter(programme=source.programme_id).aggregate(Max("number"))
        season = _copy(
            source,
            number=last["number__max"] + 1,
            name=name,
            slug=slug,
            year=year,
        )
        try:
            # Another season may take the slug between the check and the save.
            with transaction.atomic():
                season.save()
        except IntegrityError as clash:
            raise ActionRefused(
                next_season_refusals(slug=slug, opens_at=opens_at, closes_at=closes_at)
            ) from clash
        season.coaches.set(source.coaches.all())
        EditionPhase.objects.bulk_create(
            _copy(row, edition=season) for row in source.phase_settings
        )
        source_call = Call.objects.filter(edition=source).first()
        if source_call is None:
            call = Call(edition=season, title=call_title, opens_at=opens_at, closes_at=closes_at)
        else:
            call = _copy(
                source_call,
                edition=season,
                title=call_title,
                opens_at=opens_at,
                closes_at=closes_at,
            )
        call.save()
        if source_call is not None:
            RequiredDocument.objects.bulk_create(
                _copy(document, call=call) for document in source_call.required_documents.all()
            )
        audit.record(
            season,
            PREPARE_NEXT_SEASON,
            actor=actor,
            changes={"source": [None, {"id": source.pk, "name": source.name}]},
            reason=gettext("Préparée à partir de l'édition « %(source)s ».")
            % {"source": source.name},
        )
    return season

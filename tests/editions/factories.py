import datetime

import factory
from django.utils import timezone

from editions.models import Call, Edition, EditionPhase
from editions.phases import PERIOD_PHASES
from tests.programme.factories import ProgrammeFactory


def paris(*args):
    return timezone.make_aware(datetime.datetime(*args), timezone.get_default_timezone())


# When a call made by ``CallFactory`` opens and closes, and the step to either side.
OPENS_AT = paris(2021, 12, 1, 9, 0)
CLOSES_AT = paris(2022, 1, 31, 23, 59, 59)
ONE_SECOND = datetime.timedelta(seconds=1)


class EditionFactory(factory.django.DjangoModelFactory):
    """An edition with a row per period phase, at its kind's defaults.

    ``phases={Phase.PRE_INCUBATION: {"months": 4}}`` changes some of them;
    ``without_phases=True`` leaves it without rows (its pages then show the defaults).
    """

    class Meta:
        model = Edition
        skip_postgeneration_save = True

    programme = factory.SubFactory(ProgrammeFactory)
    number = factory.Sequence(lambda n: n + 1)
    name = factory.LazyAttribute(lambda edition: f"Saison {edition.number}")
    year = factory.LazyAttribute(lambda edition: 2020 + edition.number)
    slug = factory.LazyAttribute(lambda edition: f"saison-{edition.number}")
    is_published = True

    class Params:
        without_phases = factory.Trait(phases=False)

    @factory.post_generation
    def phases(edition, create, extracted, **kwargs):
        if not create or extracted is False:
            return
        rows = []
        for phase in PERIOD_PHASES:
            row = EditionPhase.default(edition, phase)
            for field, value in (extracted or {}).get(phase, {}).items():
                setattr(row, field, value)
            rows.append(row)
        EditionPhase.objects.bulk_create(rows)


class CallFactory(factory.django.DjangoModelFactory):
    """A call that opened on 1 December 2021 and closes on 31 January 2022 at 23:59:59;
    ``open_now=True`` makes it open at the time of the test."""

    class Meta:
        model = Call

    edition = factory.SubFactory(EditionFactory)
    title = factory.LazyAttribute(lambda call: f"Appel — {call.edition.name}")
    opens_at = OPENS_AT
    closes_at = CLOSES_AT
    is_published = True

    class Params:
        # Open at the time of the test: it opened ten days ago and closes in ten days.
        open_now = factory.Trait(
            opens_at=factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=10)),
            closes_at=factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=10)),
        )

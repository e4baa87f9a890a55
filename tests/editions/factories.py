import datetime

import factory
from django.utils import timezone

from editions.models import Call, Edition
from tests.programme.factories import ProgrammeFactory


def paris(*args):
    return timezone.make_aware(datetime.datetime(*args), timezone.get_default_timezone())


class EditionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Edition

    programme = factory.SubFactory(ProgrammeFactory)
    number = factory.Sequence(lambda n: n + 1)
    name = factory.LazyAttribute(lambda edition: f"Saison {edition.number}")
    year = factory.LazyAttribute(lambda edition: 2020 + edition.number)
    slug = factory.LazyAttribute(lambda edition: f"saison-{edition.number}")
    is_published = True


class CallFactory(factory.django.DjangoModelFactory):
    """A call that opened on 1 December 2021 and closes on 31 January 2022 at 23:59:59."""

    class Meta:
        model = Call

    edition = factory.SubFactory(EditionFactory)
    title = factory.LazyAttribute(lambda call: f"Appel — {call.edition.name}")
    opens_at = paris(2021, 12, 1, 9, 0)
    closes_at = paris(2022, 1, 31, 23, 59, 59)
    is_published = True

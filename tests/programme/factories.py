import datetime
from zoneinfo import ZoneInfo

import factory

from programme.enums import NewsStatus, SignInStep
from programme.models import (
    NewsItem,
    Objective,
    Organisation,
    Programme,
    SignInCooloff,
    SignInRecord,
    Theme,
    User,
)
from programme.roles import sync_staff_group
from programme.services import move_news_item

PARIS = ZoneInfo("Europe/Paris")
NEWS_PUBLISHED_AT = datetime.datetime(2022, 3, 28, 10, 0, tzinfo=PARIS)
NEWS_ARCHIVED_AT = datetime.datetime(2023, 3, 28, 10, 0, tzinfo=PARIS)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"personne{n}@exemple.test")
    first_name = factory.Sequence(lambda n: f"Prénom{n}")
    last_name = factory.Sequence(lambda n: f"Nom{n}")
    password = factory.django.Password("mot-de-passe-de-test")

    class Params:
        # Joined and last signed in during edition 2's call (the retention counts from it).
        signed_in_2022 = factory.Trait(
            date_joined=datetime.datetime(2022, 1, 10, 9, 0, tzinfo=PARIS),
            last_login=datetime.datetime(2022, 1, 15, 18, 0, tzinfo=PARIS),
        )
        innovation_staff = factory.Trait(
            is_staff=True,
            staff_group=factory.PostGeneration(
                lambda user, create, extracted, **kwargs: user.groups.add(sync_staff_group())
            ),
        )


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme
        django_get_or_create = ["slug"]

    name = "Appel à innovateur territorial"
    slug = "programme-de-test"
    authority_name = "Communauté urbaine de test"


class ObjectiveFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Objective

    programme = factory.SubFactory(ProgrammeFactory)
    position = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Objectif {n}")


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisation {n}")
    kind = "department"

    class Params:
        department = factory.Trait(kind="department")
        school = factory.Trait(kind="school")
        local_actor = factory.Trait(kind="local_actor")
        incubator = factory.Trait(kind="incubator")


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme

    name = factory.Sequence(lambda n: f"Thématique {n}")
    slug = factory.Sequence(lambda n: f"thematique-{n}")


def _move_news(target, default_at):
    """A post-generation step moving the item by the service; ``to_…=<datetime>`` sets when."""

    def move(item, create, extracted, **kwargs):
        at = extracted if isinstance(extracted, datetime.datetime) else default_at
        move_news_item(item, target, actor=None, at=at)

    return factory.PostGeneration(move)


class NewsItemFactory(factory.django.DjangoModelFactory):
    """A draft; ``published=True`` and ``archived=True`` move it through the service."""

    class Meta:
        model = NewsItem
        skip_postgeneration_save = True

    programme = factory.SubFactory(ProgrammeFactory)
    title = factory.Sequence(lambda n: f"Actualité {n}")
    slug = factory.Sequence(lambda n: f"actualite-{n}")
    body = "Texte de l'actualité."

    class Params:
        published = factory.Trait(to_published=_move_news(NewsStatus.PUBLISHED, NEWS_PUBLISHED_AT))
        archived = factory.Trait(
            published=True, to_archived=_move_news(NewsStatus.ARCHIVED, NEWS_ARCHIVED_AT)
        )


class SignInRecordFactory(factory.django.DjangoModelFactory):
    """A staff member's failed password from a documentation address."""

    class Meta:
        model = SignInRecord

    user = factory.SubFactory(UserFactory, innovation_staff=True)
    ip_address = factory.Sequence(lambda n: f"192.0.2.{n % 250 + 1}")
    step = SignInStep.PASSWORD
    succeeded = False


class SignInCooloffFactory(factory.django.DjangoModelFactory):
    """Five wrong passwords for one account from one address: it waits a minute."""

    class Meta:
        model = SignInCooloff

    scope = SignInStep.PASSWORD
    account = factory.Sequence(lambda n: f"cible{n}@exemple.test")
    ip_address = factory.Sequence(lambda n: f"198.51.100.{n % 250 + 1}")
    failures = 5
    last_failure_at = factory.LazyFunction(lambda: datetime.datetime.now(datetime.UTC))
    blocked_until = factory.LazyAttribute(
        lambda row: row.last_failure_at + datetime.timedelta(minutes=1)
    )

import pytest
from django.core.exceptions import ValidationError

from programme.enums import NewsStatus
from programme.lifecycles import MoveRefused
from programme.models import NewsItem, User, contrast_ratio
from programme.services import move_news_item
from tests.constraints import refused_by_the_database
from tests.editions.factories import paris
from tests.programme.factories import NewsItemFactory, ProgrammeFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_user_is_created_with_a_lower_case_email_as_login():
    user = User.objects.create_user("Camille.Morel@Exemple.TEST", "mot-de-passe-solide")

    assert user.email == "camille.morel@exemple.test"
    assert user.check_password("mot-de-passe-solide")


def test_two_users_whose_emails_differ_only_by_case_are_refused_by_the_database():
    UserFactory(email="camille@exemple.test")

    with refused_by_the_database(User, "user_email_case_insensitive_unique"):
        User.objects.create(email="Camille@exemple.test")


def test_contrast_ratio_of_black_on_white_is_21():
    assert round(contrast_ratio("#000000", "#FFFFFF"), 1) == 21.0


def test_programme_colour_too_pale_for_white_text_is_refused_with_a_french_message():
    programme = ProgrammeFactory.build(primary_colour="#7FB3E0")

    with pytest.raises(ValidationError) as error:
        programme.full_clean()

    assert error.value.message_dict["primary_colour"] == [
        "Cette couleur n'offre pas un contraste suffisant avec le blanc (4,5:1 minimum, RGAA)."
    ]


def test_published_news_without_a_date_is_refused_by_the_database():
    item = NewsItemFactory()

    with refused_by_the_database(NewsItem, "news_published_has_date"):
        NewsItem.objects.filter(pk=item.pk).update(status=NewsStatus.PUBLISHED)


def test_news_archived_then_republished_keeps_its_first_publication_date():
    staff = UserFactory(innovation_staff=True)
    item = NewsItemFactory()
    move_news_item(item, NewsStatus.PUBLISHED, actor=staff, at=paris(2022, 3, 28, 10, 0))
    move_news_item(item, NewsStatus.ARCHIVED, actor=staff, at=paris(2023, 3, 28, 10, 0))

    move_news_item(item, NewsStatus.PUBLISHED, actor=staff, at=paris(2023, 4, 1, 10, 0))

    item.refresh_from_db()
    assert (item.status, item.published_at, item.archived_at) == (
        NewsStatus.PUBLISHED,
        paris(2022, 3, 28, 10, 0),
        None,
    )
    assert list(NewsItem.objects.public()) == [item]


def test_draft_news_cannot_be_archived_and_is_not_public():
    item = NewsItemFactory()

    with pytest.raises(MoveRefused) as refused:
        move_news_item(item, NewsStatus.ARCHIVED, actor=UserFactory())

    assert refused.value.reasons == [
        "Une actualité « Brouillon » ne peut pas devenir « Archivée »."
    ]
    assert list(NewsItem.objects.public()) == []

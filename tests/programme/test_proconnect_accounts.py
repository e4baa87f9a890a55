"""Which account ProConnect's claims sign in to (``programme.accounts``), the claims being
given as the provider's userinfo would give them. The flow itself, against a real
provider, is in ``test_proconnect.py``."""

import pytest

from programme.accounts import (
    LINK_PROCONNECT,
    UNLINK_PROCONNECT,
    account_for_proconnect,
    unlink_proconnect,
)
from programme.lifecycles import ActionRefused
from programme.models import AuditEntry, ProConnectIdentity, User
from programme.retention import erase_account
from tests.programme.factories import UserFactory

pytestmark = pytest.mark.django_db

TEST_ISSUER = "https://fca.integ01.dev-agentconnect.fr/api/v2"
PRODUCTION_ISSUER = "https://auth.agentconnect.gouv.fr/api/v2"
CLAIMS = {
    "sub": "sub-agent",
    "email": "Agent.Public@Ville.example.fr",
    "email_verified": True,
    "given_name": "Alix",
    "usual_name": "Public",
}


def test_an_address_is_matched_whatever_its_case_and_keeps_the_names_it_has():
    existing = UserFactory(email="agent.public@ville.example.fr", first_name="Alexandra")

    user = account_for_proconnect(CLAIMS, issuer=TEST_ISSUER)

    existing.refresh_from_db()
    assert (user, existing.first_name) == (existing, "Alexandra")


def test_an_account_linked_in_test_is_linked_again_by_its_address_in_production():
    user = account_for_proconnect(CLAIMS, issuer=TEST_ISSUER)

    again = account_for_proconnect({**CLAIMS, "sub": "sub-de-production"}, issuer=PRODUCTION_ISSUER)

    assert again == user
    assert sorted(ProConnectIdentity.objects.values_list("issuer", "subject")) == [
        (PRODUCTION_ISSUER, "sub-de-production"),
        (TEST_ISSUER, "sub-agent"),
    ]
    assert AuditEntry.objects.filter(action=LINK_PROCONNECT, actor=user).count() == 2


def test_an_address_missing_from_the_claims_is_refused():
    with pytest.raises(ActionRefused, match="n'a pas transmis votre adresse e-mail"):
        account_for_proconnect({**CLAIMS, "email": ""}, issuer=TEST_ISSUER)

    assert User.objects.count() == 0


def test_claims_without_a_subject_are_refused():
    with pytest.raises(ActionRefused, match="n'a pas transmis votre identifiant"):
        account_for_proconnect({**CLAIMS, "sub": ""}, issuer=TEST_ISSUER)


def test_a_deactivated_account_is_refused_even_by_its_linked_subject():
    user = account_for_proconnect(CLAIMS, issuer=TEST_ISSUER)
    User.objects.filter(pk=user.pk).update(is_active=False)

    with pytest.raises(ActionRefused, match="Ce compte est désactivé"):
        account_for_proconnect(CLAIMS, issuer=TEST_ISSUER)


def test_a_refused_link_creates_no_account_and_writes_no_entry():
    linked = UserFactory(email="agent.public@ville.example.fr")
    ProConnectIdentity.objects.create(user=linked, issuer=TEST_ISSUER, subject="sub-ancien")

    with pytest.raises(ActionRefused, match="déjà relié à une autre identité ProConnect"):
        account_for_proconnect(CLAIMS, issuer=TEST_ISSUER)

    assert (User.objects.count(), AuditEntry.objects.count()) == (1, 0)


def test_an_erased_account_takes_its_link_with_it():
    user = account_for_proconnect(CLAIMS, issuer=TEST_ISSUER)

    erase_account(user, actor=None)

    assert ProConnectIdentity.objects.filter(user_id=user.pk).count() == 0
    assert account_for_proconnect(CLAIMS, issuer=TEST_ISSUER).pk != user.pk


def test_after_unlinking_the_new_identity_of_the_agent_links_the_account_by_its_address():
    user = account_for_proconnect(CLAIMS, issuer=TEST_ISSUER)
    staff = UserFactory(innovation_staff=True)

    unlinked = unlink_proconnect(user, actor=staff)
    again = account_for_proconnect({**CLAIMS, "sub": "sub-nouvelle-identite"}, issuer=TEST_ISSUER)

    assert (unlinked, again) == (1, user)
    assert list(ProConnectIdentity.objects.values_list("subject", flat=True)) == [
        "sub-nouvelle-identite"
    ]
    entry = AuditEntry.objects.get(action=UNLINK_PROCONNECT)
    assert (entry.actor, entry.changes) == (staff, {"proconnect": [[TEST_ISSUER], None]})


def test_unlinking_an_account_without_identity_changes_nothing():
    user = UserFactory()

    assert unlink_proconnect(user, actor=user) == 0
    assert AuditEntry.objects.count() == 0


def test_the_user_admin_shows_the_link_and_its_action_unlinks_it(admin_client):
    user = account_for_proconnect(CLAIMS, issuer=TEST_ISSUER)
    page = admin_client.get(f"/admin/programme/user/{user.pk}/change/")

    admin_client.post(
        "/admin/programme/user/",
        {"action": "unlink_proconnect", "_selected_action": [user.pk]},
    )

    assert TEST_ISSUER in page.content.decode()
    assert ProConnectIdentity.objects.filter(user=user).count() == 0
    assert AuditEntry.objects.filter(action=UNLINK_PROCONNECT, object_id=str(user.pk)).exists()

import pytest

from tests.roles import build_world


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # Hashing is slow on purpose; the tests do not test the hasher.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def world(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return build_world()


@pytest.fixture
def client_as(client, world):
    """``client_as(role)``: the test client signed in as the world's person of that role."""

    def sign_in(role):
        user = world.users[role]
        if user is not None:
            client.force_login(user)
        return client

    return sign_in

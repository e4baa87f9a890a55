import pytest

from tests.roles import make_role_user


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # Hashing is slow on purpose; the tests do not test the hasher.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def client_as(client):
    """``client_as(role)``: the test client signed in as a fresh user of that role."""

    def sign_in(role):
        user = make_role_user(role)
        if user is not None:
            client.force_login(user)
        return client

    return sign_in

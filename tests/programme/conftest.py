import time
from types import SimpleNamespace

import django_ratelimit.core
import pytest
from django.contrib.auth.signals import user_logged_in
from django.core.cache import cache


@pytest.fixture
def fresh_rate_limits(monkeypatch):
    """Rate-limit counters start at zero, in a time window that cannot end mid-test."""
    cache.clear()
    frozen = time.time()
    monkeypatch.setattr(django_ratelimit.core, "time", SimpleNamespace(time=lambda: frozen))
    yield
    cache.clear()


@pytest.fixture
def sign_ins():
    """The users signed in (Django's ``user_logged_in`` signal), in order."""
    calls = []

    def record(sender, request, user, **kwargs):
        calls.append(user)

    user_logged_in.connect(record, dispatch_uid="tests-sign-ins")
    yield calls
    user_logged_in.disconnect(dispatch_uid="tests-sign-ins")

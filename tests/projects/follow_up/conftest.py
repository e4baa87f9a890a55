"""The follow-up pages' people and projects: a coach, the project they coach, and another
project whose follow-up must not leak."""

import pytest

from tests.programme.factories import UserFactory
from tests.projects.factories import (
    CoachingEntryFactory,
    ProjectFactory,
)


@pytest.fixture
def coach():
    return UserFactory(first_name="Camille", last_name="Coach")


@pytest.fixture
def project(coach):
    project = ProjectFactory(application__title="Ruches de l'estuaire")
    project.periods.get().coaches.add(coach)
    return project


@pytest.fixture
def other_project():
    """A project someone else coaches, with a session that must not leak."""
    other = ProjectFactory(application__title="Projet d'une autre équipe")
    CoachingEntryFactory(period=other.periods.get(), topics="Sujet confidentiel")
    return other

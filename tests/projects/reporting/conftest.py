"""A laureate in pre-incubation, its indicator and its team signed in, for the tests of
the evidence pages (time given, indicators and measurements, the end-of-phase report)."""

import pytest

from tests.programme.factories import UserFactory
from tests.projects.factories import ImpactIndicatorFactory, ProjectFactory
from tests.projects.reporting.helpers import SECRET


@pytest.fixture
def project():
    """In pre-incubation from 15 March to 15 June 2022, with a coach; its lead is the
    only team member."""
    project = ProjectFactory(application__title="Ruches de l'estuaire")
    project.coach = UserFactory(first_name="Camille", last_name="Coach")
    project.period = project.periods.get()
    project.period.coaches.add(project.coach)
    project.lead = project.application.team_members.get()
    return project


@pytest.fixture
def indicator(project):
    return ImpactIndicatorFactory(project=project, name="Ruches suivies", method=SECRET)


@pytest.fixture
def team(client, project):
    client.force_login(project.application.created_by)
    return client

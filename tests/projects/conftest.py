"""What the team's page tests share: a draft of the open call and its lead signed in."""

import pytest

from tests.projects.factories import ApplicationFactory


@pytest.fixture
def draft(open_call):
    return ApplicationFactory(call=open_call, title="Ruches de l'estuaire")


@pytest.fixture
def lead_client(client, draft):
    client.force_login(draft.created_by)
    return client

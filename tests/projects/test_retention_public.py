"""After the retention schedule, a published laureate's page names nobody who did not
agree to be named, and, once the team is anonymised, nobody at all."""

import datetime

import pytest

from programme.retention import apply_retention
from tests.programme.factories import PARIS, ProgrammeFactory
from tests.projects.factories import ProjectFactory, TeamMemberFactory
from tests.public_crawling import crawl, readable, sitemap_paths

pytestmark = pytest.mark.django_db

CONSENTING, DISCREET = "Chantal Publique", "Olivier Discret"
# Five years and a day after the project's run ended (15 September 2022).
AT = datetime.datetime(2027, 9, 17, 3, 0, tzinfo=PARIS)
CONSENT_AT = datetime.datetime(2022, 1, 10, 9, 0, tzinfo=PARIS)


@pytest.fixture
def ended_laureate(media_root):
    ProgrammeFactory()
    project = ProjectFactory(reintegrated=True, is_published=True)
    application = project.application
    application.team_members.update(public_name_consent=False)
    for name, consent in ((CONSENTING, True), (DISCREET, False)):
        first_name, last_name = name.split()
        TeamMemberFactory(
            application=application,
            first_name=first_name,
            last_name=last_name,
            email=f"{last_name.lower()}@exemple.test",
            public_name_consent=consent,
            public_name_consent_at=CONSENT_AT if consent else None,
        )
    return project


def names_on_public_pages(client, project):
    start = sitemap_paths(client) | {"/", "/en/", f"/laureats/{project.slug}/"}
    start |= {"/donnees/laureats.csv", "/donnees/laureats.json", "/actualites/flux.atom"}
    pages = crawl(client, start)
    assert f"/laureats/{project.slug}/" in pages
    return {
        name: sorted(path for path, response in pages.items() if name in readable(response))
        for name in (CONSENTING, DISCREET)
    }


def test_before_the_retention_only_the_consenting_member_is_named(client, ended_laureate):
    found = names_on_public_pages(client, ended_laureate)

    assert found[DISCREET] == []
    assert f"/laureats/{ended_laureate.slug}/" in found[CONSENTING]


def test_after_the_retention_no_member_of_the_ended_laureate_is_named_anywhere(
    client, ended_laureate
):
    apply_retention(at=AT)

    found = names_on_public_pages(client, ended_laureate)

    assert found == {CONSENTING: [], DISCREET: []}
    page = client.get(f"/laureats/{ended_laureate.slug}/").content.decode()
    assert ended_laureate.title in page
    assert "Une équipe de 3 agents." in page

"""What the jury's tests share: a session sitting in deliberation with every role, and a
folder of their own for the stored minutes."""

import pytest

from jury import ranking
from jury.enums import MemberRole, SessionStatus
from jury.services import move_session
from tests.editions.factories import paris
from tests.jury.factories import SelectionItemFactory, SessionFactory, convene_present

STARTS_AT = paris(2022, 3, 15, 14, 0)


@pytest.fixture
def sitting(staff):
    """A session of 15 March 2022 in deliberation on two pitches: a president, a
    substitute chair (vice-president), two members and a secretary, all present."""
    session = SessionFactory(starts_at=STARTS_AT, quorum=3)
    people = convene_present(
        session,
        {
            "president": MemberRole.PRESIDENT,
            "vice": MemberRole.ELECTED_OFFICIAL,
            "member": MemberRole.ELECTED_OFFICIAL,
            "other": MemberRole.QUALIFIED_PERSON,
            "secretary": MemberRole.SECRETARY,
        },
    )
    session.substitute_chair = people["vice"]
    session.save()
    pitches = [SelectionItemFactory(session=session) for _index in range(2)]
    move_session(session, SessionStatus.SCORING, actor=staff)
    move_session(session, SessionStatus.DELIBERATION, actor=staff)
    return session, people, pitches


@pytest.fixture(autouse=True)
def _stored_minutes_in_a_folder_of_the_test(settings, tmp_path):
    """Reading closed minutes stores their PDF (``store_minutes_pdf``): in the test's
    folder, never in the checkout's ``media/``."""
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture(autouse=True)
def _ranking_aggregates_compiled_afresh():
    """Each test compiles the ranking's aggregates (``jury.ranking.compiled``) itself, so
    that it reads the queries of the code it runs, never SQL an earlier test left in the
    process's cache (a mutation run forks its mutants from a process that ran them)."""
    ranking._compile.cache_clear()

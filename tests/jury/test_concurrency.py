"""Members scoring at the same moment lose nothing (needs real row locks)."""

import threading

import pytest
from django.db import connection

from jury.models import Score
from jury.services import record_score
from tests.jury.factories import (
    CriterionFactory,
    SessionFactory,
)

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="SQLite has no row locks; CI runs this test on PostgreSQL.",
    ),
]


def test_members_scoring_the_same_item_at_once_lose_nothing():
    session = SessionFactory(pitches=1, convened=4, scoring=True)
    item = session.items.get()
    criteria = [CriterionFactory(session=session) for _ in range(3)]
    members = [convocation.member for convocation in session.convocations.all()]
    barrier = threading.Barrier(len(members))
    errors = []

    def score_all(member, value):
        try:
            barrier.wait()
            for criterion in criteria:
                record_score(item, member=member, criterion=criterion, value=value)
        except Exception as error:  # the test asserts there was none
            errors.append(error)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=score_all, args=(member, index + 1))
        for index, member in enumerate(members)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert Score.objects.filter(item=item).count() == 12
    assert sorted(set(Score.objects.values_list("member_id", "value"))) == sorted(
        (member.pk, index + 1) for index, member in enumerate(members)
    )

"""Taking people's names and addresses out of the audit log (``audit.erase``), and the two
tools it shares with the other copies: ``mentioning`` finds the rows whose text holds a
value, ``scrubber`` replaces a value wherever it stands. Read by exact value."""

import pytest

from programme import audit
from programme.models import AuditEntry
from programme.retention import anonymous_email
from tests.programme.factories import NewsItemFactory, UserFactory

pytestmark = pytest.mark.django_db
ERASED = audit.ERASED


def logged(title="Actualité", **fields):
    """The entry of a news item's publication."""
    return audit.record(NewsItemFactory(title=title), "news.publish", actor=None, **fields)


def test_mentioning_finds_the_rows_whose_changes_hold_one_of_the_values_accented_or_not():
    zoe = logged(changes={"author": ["Lettre de Zoé.", ""]})
    anatole = logged(changes={"author": ["", "Anatole"]})
    logged(changes={"author": ["Zoè", "Chloé"]})

    found = audit.mentioning(AuditEntry.objects.all(), "changes", ["Zoé", "Anatole"])

    assert sorted(entry.pk for entry in found) == sorted([zoe.pk, anatole.pk])
    assert list(audit.mentioning(AuditEntry.objects.all(), "changes", [])) == []


def test_a_scrubber_erases_each_value_as_a_whole_word_in_any_case_through_nested_data():
    scrub = audit.scrubber(["Zoé", "zoe@exemple.fr"])

    data = {"Zoé": ["ZOÉ a écrit", {"à": "Zoe@Exemple.fr"}], "Zoéline": ["Zoéline", None]}

    assert scrub(data) == {
        ERASED: [f"{ERASED} a écrit", {"à": ERASED}],
        "Zoéline": ["Zoéline", None],
    }


def test_a_scrubber_erases_the_longest_of_two_values_starting_alike_whole():
    scrub = audit.scrubber(["jeanne", "Jeanne Lefèvre"])

    assert scrub("Jeanne Lefèvre a déposé.") == f"{ERASED} a déposé."


def test_a_scrubber_given_only_blank_values_changes_nothing():
    scrub = audit.scrubber(["  ", "", None])

    assert scrub("Zoé, « Martin ».") == "Zoé, « Martin »."


def test_erasing_values_takes_them_out_of_every_entry_mentioning_them_and_counts_those():
    values = ["Zoé Martin", "zoe.martin@exemple.fr"]
    author = UserFactory(first_name="Zoé", last_name="Martin", email="zoe.martin@exemple.fr")
    in_label = audit.record(NewsItemFactory(title="Relue"), "news.publish", actor=author)
    in_object = logged(title="Portrait de Zoé Martin")
    in_reason = logged(reason="Demandé par Zoé Martin.")
    in_changes = logged(
        changes={
            "author": ["Zoé Martin <zoe.martin@exemple.fr>", ""],
            "summary": ["", "Appel de Zoé Martin, mardi."],
            "status": ["draft", "published"],
        }
    )
    # Found by its text, changed by nothing: « Martine » is another word.
    other_word = logged(reason="Demandé par Zoé Martine.")
    untouched = logged(title="Autre", reason="Relu.", changes={"status": ["draft", "published"]})

    count = audit.erase(values)

    for entry in (in_label, in_object, in_reason, in_changes, other_word, untouched):
        entry.refresh_from_db()
    assert count == 4
    assert in_label.actor_label == f"{ERASED} <{ERASED}>"
    assert in_object.object_repr == f"Portrait de {ERASED}"
    assert in_reason.reason == f"Demandé par {ERASED}."
    assert in_changes.changes == {
        "author": [f"{ERASED} <{ERASED}>", ""],
        "summary": ["", f"Appel de {ERASED}, mardi."],
        "status": ["draft", "published"],
    }
    assert other_word.reason == "Demandé par Zoé Martine."
    assert (untouched.object_repr, untouched.reason, untouched.changes) == (
        "Autre",
        "Relu.",
        {"status": ["draft", "published"]},
    )


def test_the_entries_of_an_anonymised_object_take_its_label_and_lose_its_fields_values():
    person = UserFactory(first_name="Zoé", last_name="Durand", email="zoe.durand@exemple.fr")
    # Logged under an earlier name, which no value of the erasure names.
    earlier = audit.record(
        person,
        "account.update",
        actor=None,
        changes={
            "last_name": ["Durand", "Martin"],
            "first_name": ["", "Zoé"],
            "job_title": [None, "Cheffe de projet"],
            "is_active": [False, True],
            "organisation": ["", "Mairie"],
        },
    )
    elsewhere = logged(changes={"last_name": ["Zoé Martin", "Inès"]})
    values = ["Zoé Martin", "zoe.martin@exemple.fr"]
    person.first_name = person.last_name = ""
    person.email = anonymous_email("compte", person.pk)
    person.save()

    count = audit.erase(
        values, objects=[person], fields=("last_name", "first_name", "job_title", "is_active")
    )

    earlier.refresh_from_db()
    elsewhere.refresh_from_db()
    assert count == 2
    assert earlier.object_repr == person.email
    assert earlier.changes == {
        "last_name": [ERASED, ERASED],
        "first_name": ["", ERASED],
        "job_title": [None, ERASED],
        "is_active": [False, ERASED],
        "organisation": ["", "Mairie"],
    }
    assert elsewhere.changes == {"last_name": [ERASED, "Inès"]}
    assert audit.erase(values, objects=[person], fields=("last_name",)) == 0


def test_an_objects_label_in_the_log_is_cut_to_300_characters():
    # The longest name an account holds: 150 + 1 + 150 characters.
    person = UserFactory(first_name="A" * 150, last_name="B" * 150)

    entry = audit.record(person, "account.update", actor=None)
    entry.refresh_from_db()
    recorded = entry.object_repr
    audit.erase([person.email], objects=[person])

    entry.refresh_from_db()
    assert recorded == entry.object_repr == str(person)[:300]
    assert len(recorded) == 300

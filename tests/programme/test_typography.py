"""French typography on the way out: narrow no-break spaces before « ; : ! ? » and inside
« », in the text of French pages only, never in what a form sends back."""

import pytest

from programme.typography import french_page, french_spaces
from tests.programme.factories import ProgrammeFactory

NNBSP = "\u202f"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Attention : date", f"Attention{NNBSP}: date"),
        ("un ; deux", f"un{NNBSP}; deux"),
        ("Bravo !", f"Bravo{NNBSP}!"),
        ("Pourquoi ?", f"Pourquoi{NNBSP}?"),
        ("« Tremplin »", f"«{NNBSP}Tremplin{NNBSP}»"),
        ("Intitulé\u00a0: X", f"Intitulé{NNBSP}: X"),
        ("deux   : espaces", f"deux{NNBSP}: espaces"),
        ("https://exemple.fr/a?b=1", "https://exemple.fr/a?b=1"),
        ("10:30", "10:30"),
        ("sans ponctuation", "sans ponctuation"),
        # One space between a guillemet and a colon: one unbreakable space, not two.
        ("le signe « : »", f"le signe «{NNBSP}:{NNBSP}»"),
        ("« ! » puis « ? »", f"«{NNBSP}!{NNBSP}» puis «{NNBSP}?{NNBSP}»"),
    ],
)
def test_french_spaces_make_the_space_before_high_punctuation_unbreakable(text, expected):
    assert french_spaces(text) == expected


def test_french_page_leaves_attributes_and_raw_elements_as_they_are():
    page = (
        '<p title="Note : un">Note : deux</p>'
        '<input name="t" value="Projet : trois">'
        "<textarea>Texte : quatre</textarea>"
        "<script>var a = b ? c : d;</script>"
        "<pre>e : f</pre><code>g ; h</code>"
        "<!-- commentaire : i -->"
        "<p>« cinq »</p>"
    )

    assert french_page(page) == (
        f'<p title="Note : un">Note{NNBSP}: deux</p>'
        '<input name="t" value="Projet : trois">'
        "<textarea>Texte : quatre</textarea>"
        "<script>var a = b ? c : d;</script>"
        "<pre>e : f</pre><code>g ; h</code>"
        "<!-- commentaire : i -->"
        f"<p>«{NNBSP}cinq{NNBSP}»</p>"
    )


def test_french_page_resumes_after_the_end_of_a_raw_element():
    page = "<TEXTAREA>a : b</TEXTAREA><p>c : d</p><Script>e ? f</SCRIPT>g !"

    assert french_page(page) == (
        f"<TEXTAREA>a : b</TEXTAREA><p>c{NNBSP}: d</p><Script>e ? f</SCRIPT>g{NNBSP}!"
    )


def test_french_page_leaves_a_raw_element_inside_another_whole():
    # The inner element ends first: the text after it is still the outer one's.
    page = "<pre>a : <code>b ; c</code> d ! e</pre>f ? <code>g : h</code> i : j"

    assert french_page(page) == (
        f"<pre>a : <code>b ; c</code> d ! e</pre>f{NNBSP}? <code>g : h</code> i{NNBSP}: j"
    )


@pytest.mark.django_db
def test_the_french_home_page_has_unbreakable_spaces_inside_guillemets(
    client, open_call, french_typography
):
    ProgrammeFactory()

    response = client.get("/")

    page = response.content.decode()
    assert f"«{NNBSP}{open_call.title}{NNBSP}»" in page
    assert f"« {open_call.title} »" not in page
    assert response["Content-Length"] == str(len(response.content))


@pytest.mark.django_db
def test_the_english_home_page_keeps_plain_spaces(client, open_call, french_typography):
    ProgrammeFactory()

    response = client.get("/en/")

    assert NNBSP not in response.content.decode()


@pytest.mark.django_db
def test_a_data_file_is_not_touched(client, french_typography):
    ProgrammeFactory()

    response = client.get("/donnees/laureats.csv")

    assert NNBSP not in response.content.decode()


@pytest.mark.django_db
def test_a_form_shows_the_value_it_will_send_back_unchanged(client_as, world, french_typography):
    draft = world.draft
    draft.title = "Projet : trois « mots »"
    draft.save(update_fields=["title"])

    response = client_as("applicant").get(f"/candidatures/{draft.pk}/modifier/")

    assert 'value="Projet : trois « mots »"' in response.content.decode().replace("&laquo;", "«")

"""The table of every URL pattern and the roles that may reach it.

A URL pattern without a row here fails the suite: adding a page means saying who may see
it, and the parametrised test below then checks each role against the table.
"""

import pytest
from django.conf import settings
from django.shortcuts import resolve_url
from django.urls import URLPattern, URLResolver, get_resolver

from projects.manager_links import manager_token
from tests.roles import ROLES

EVERYONE = set(ROLES)
SIGNED_IN = EVERYONE - {"anonymous"}
STAFF = {"staff"}

TEAM = {"applicant"}
JURY = {"jury_member"}
JURY_AND_STAFF = {"jury_member", "staff"}
TEAM_AND_STAFF = {"applicant", "staff"}
# Following a laureate: the applicant is also on the team of the world's laureate project,
# whose period the coach coaches.
COACH_AND_STAFF = {"coach", "staff"}
TEAM_AND_COACH = {"applicant", "coach"}
FOLLOWERS = {"applicant", "coach", "staff"}

# name → (roles that may reach it, path to request, method, status for those roles).
# A path may be a function of the world (tests/roles.py) for pages about an object.
# The logo answers 404 here because the test programme has none. The sign-in pages
# answer signed-in people too (to sign in as someone else); the link and password-reset
# pages without a valid token answer 200 with a page that offers a new link.
URL_TABLE = {
    "home": (EVERYONE, "/", "get", 200),
    "theme_css": (EVERYONE, "/theme.css", "get", 200),
    "logo": (EVERYONE, "/logo", "get", 404),
    "set_language": (EVERYONE, "/i18n/setlang/", "post", 302),
    "admin:*": (STAFF, "/admin/", "get", 200),
    "accounts:sign_in": (EVERYONE, "/connexion/", "get", 200),
    "accounts:sign_in_link": (EVERYONE, "/connexion/lien/", "get", 200),
    "accounts:password_login": (EVERYONE, "/connexion/mot-de-passe/", "get", 200),
    "accounts:password_reset": (EVERYONE, "/connexion/mot-de-passe/oubli/", "get", 200),
    "accounts:password_reset_done": (
        EVERYONE,
        "/connexion/mot-de-passe/oubli/envoye/",
        "get",
        200,
    ),
    "accounts:password_reset_confirm": (
        EVERYONE,
        "/connexion/mot-de-passe/nouveau/MQ/jeton-invalide/",
        "get",
        200,
    ),
    "accounts:password_reset_complete": (
        EVERYONE,
        "/connexion/mot-de-passe/nouveau/enregistre/",
        "get",
        200,
    ),
    "accounts:sign_out": (EVERYONE, "/deconnexion/", "post", 302),
    "accounts:account": (SIGNED_IN, "/compte/", "get", 200),
    "accounts:password_change": (SIGNED_IN, "/compte/mot-de-passe/", "get", 200),
    "editions:call": (EVERYONE, lambda w: f"/appels/{w.call.edition.slug}/", "get", 200),
    # Public pages (issue 6): the same for everyone, signed in or not.
    "healthz": (EVERYONE, "/healthz", "get", 200),
    "switch_language": (EVERYONE, "/langue/en/?next=/", "get", 302),
    "sitemap": (EVERYONE, "/sitemap.xml", "get", 200),
    "news:list": (EVERYONE, "/actualites/", "get", 200),
    "news:detail": (EVERYONE, lambda w: f"/actualites/{w.news.slug}/", "get", 200),
    "news:feed": (EVERYONE, "/actualites/flux.atom", "get", 200),
    "legal:accessibility": (EVERYONE, "/accessibilite/", "get", 200),
    "legal:notice": (EVERYONE, "/mentions-legales/", "get", 200),
    "legal:personal_data": (EVERYONE, "/donnees-personnelles/", "get", 200),
    "public:editions": (EVERYONE, "/editions/", "get", 200),
    "public:edition": (EVERYONE, lambda w: f"/editions/{w.call.edition.slug}/", "get", 200),
    "public:laureates": (EVERYONE, "/laureats/", "get", 200),
    "public:laureate": (EVERYONE, lambda w: f"/laureats/{w.project.slug}/", "get", 200),
    "public:open_data": (EVERYONE, "/donnees/", "get", 200),
    "open_data:laureates_csv": (EVERYONE, "/donnees/laureats.csv", "get", 200),
    "open_data:laureates_json": (EVERYONE, "/donnees/laureats.json", "get", 200),
    "open_data:laureates_schema": (EVERYONE, "/donnees/laureats.schema.json", "get", 200),
    "open_data:indicators_csv": (EVERYONE, "/donnees/indicateurs.csv", "get", 200),
    "open_data:indicators_json": (EVERYONE, "/donnees/indicateurs.json", "get", 200),
    "open_data:indicators_schema": (EVERYONE, "/donnees/indicateurs.schema.json", "get", 200),
    "projects:team_space": (SIGNED_IN, "/mon-espace/", "get", 200),
    "projects:application_start": (
        SIGNED_IN,
        lambda w: f"/appels/{w.call.edition.slug}/candidater/",
        "get",
        200,
    ),
    "projects:application_detail": (
        TEAM_AND_STAFF,
        lambda w: f"/candidatures/{w.draft.pk}/",
        "get",
        200,
    ),
    "projects:application_edit": (
        TEAM,
        lambda w: f"/candidatures/{w.draft.pk}/modifier/",
        "get",
        200,
    ),
    "projects:application_submit": (
        TEAM,
        lambda w: f"/candidatures/{w.draft.pk}/deposer/",
        "get",
        200,
    ),
    "projects:application_withdraw": (
        set(),  # a draft cannot be withdrawn; the team withdraws a submitted application
        lambda w: f"/candidatures/{w.draft.pk}/retirer/",
        "get",
        200,
    ),
    "projects:member_add": (
        TEAM,
        lambda w: f"/candidatures/{w.draft.pk}/equipe/ajouter/",
        "get",
        200,
    ),
    "projects:member_edit": (
        TEAM,
        lambda w: f"/candidatures/{w.draft.pk}/equipe/{w.member.pk}/",
        "get",
        200,
    ),
    "projects:member_remove": (
        TEAM,
        lambda w: f"/candidatures/{w.draft.pk}/equipe/{w.member.pk}/retirer/",
        "post",
        302,
    ),
    "projects:application_attachments": (
        TEAM,
        lambda w: f"/candidatures/{w.draft.pk}/pieces/",
        "get",
        200,
    ),
    "projects:attachment_remove": (
        TEAM,
        lambda w: f"/candidatures/{w.draft.pk}/pieces/{w.attachment.pk}/supprimer/",
        "post",
        302,
    ),
    "projects:attachment": (
        TEAM_AND_STAFF,
        lambda w: f"/pieces-jointes/{w.attachment.pk}/",
        "get",
        200,
    ),
    "jury:sessions": (SIGNED_IN, "/jury/", "get", 200),
    "jury:session": (JURY_AND_STAFF, lambda w: f"/jury/seances/{w.session.pk}/", "get", 200),
    "jury:item": (
        JURY_AND_STAFF,
        lambda w: f"/jury/seances/{w.session.pk}/points/{w.review.pk}/",
        "get",
        200,
    ),
    "jury:conflict": (
        JURY,  # staff are not convened: they have nothing to withdraw from
        lambda w: f"/jury/seances/{w.session.pk}/points/{w.review.pk}/deport/",
        "post",
        302,
    ),
    "jury:document": (
        JURY_AND_STAFF,
        lambda w: (
            f"/jury/seances/{w.session.pk}/points/{w.review.pk}/pieces/{w.review_attachment.pk}/"
        ),
        "get",
        200,
    ),
    "jury:deliberation": (
        JURY_AND_STAFF,
        lambda w: f"/jury/seances/{w.session.pk}/deliberation/",
        "get",
        200,
    ),
    "jury:attendance": (
        JURY_AND_STAFF,
        lambda w: f"/jury/seances/{w.session.pk}/presence/",
        "post",
        302,
    ),
    "jury:decision": (
        JURY_AND_STAFF,
        lambda w: f"/jury/seances/{w.session.pk}/points/{w.review.pk}/decision/",
        "get",
        200,
    ),
    "jury:close": (JURY_AND_STAFF, lambda w: f"/jury/seances/{w.session.pk}/cloture/", "get", 200),
    "jury:export_scores": (
        JURY_AND_STAFF,
        lambda w: f"/jury/seances/{w.session.pk}/classement.csv",
        "get",
        200,
    ),
    "jury:minutes": (
        JURY_AND_STAFF,
        lambda w: f"/jury/seances/{w.closed_session.pk}/proces-verbal/",
        "get",
        200,
    ),
    "jury:minutes_document": (
        JURY_AND_STAFF,
        lambda w: f"/jury/seances/{w.closed_session.pk}/proces-verbal.html",
        "get",
        200,
    ),
    "projects:manager_agreement": (
        EVERYONE,
        lambda w: f"/accord-responsable/{manager_token(w.member)}/",
        "get",
        200,
    ),
    "projects:coaching_list": (COACH_AND_STAFF, "/accompagnement/", "get", 200),
    "projects:follow_up": (FOLLOWERS, lambda w: f"/suivi/{w.project.pk}/", "get", 200),
    "projects:coaching_add": (
        COACH_AND_STAFF,
        lambda w: f"/suivi/{w.project.pk}/seances/ajouter/",
        "get",
        200,
    ),
    "projects:coaching_edit": (
        COACH_AND_STAFF,
        lambda w: f"/suivi/{w.project.pk}/seances/{w.coaching_entry.pk}/",
        "get",
        200,
    ),
    "projects:milestone_add": (
        TEAM_AND_COACH,
        lambda w: f"/suivi/{w.project.pk}/jalons/ajouter/",
        "get",
        200,
    ),
    "projects:milestone_edit": (
        TEAM_AND_COACH,
        lambda w: f"/suivi/{w.project.pk}/jalons/{w.milestone.pk}/",
        "get",
        200,
    ),
    "projects:time_declaration": (
        FOLLOWERS,
        lambda w: f"/suivi/{w.project.pk}/temps/",
        "get",
        200,
    ),
    "projects:indicator_add": (
        TEAM_AND_COACH,
        lambda w: f"/suivi/{w.project.pk}/indicateurs/ajouter/",
        "get",
        200,
    ),
    "projects:indicator_edit": (
        TEAM_AND_COACH,
        lambda w: f"/suivi/{w.project.pk}/indicateurs/{w.indicator.pk}/",
        "get",
        200,
    ),
    "projects:measurement_add": (
        TEAM_AND_COACH,
        lambda w: f"/suivi/{w.project.pk}/indicateurs/{w.indicator.pk}/mesures/ajouter/",
        "get",
        200,
    ),
    "projects:report": (FOLLOWERS, lambda w: f"/suivi/{w.project.pk}/bilan/", "get", 200),
}


def named_patterns(resolver=None, namespace=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from named_patterns(entry, inner)
        elif isinstance(entry, URLPattern):
            yield f"{namespace}{entry.name}" if entry.name else f"{namespace}<unnamed {entry}>"


def table_key(name):
    return "admin:*" if name.startswith("admin:") else name


def test_every_url_pattern_has_a_row_in_the_table():
    missing = sorted({table_key(name) for name in named_patterns()} - set(URL_TABLE))

    assert missing == []


def test_every_row_of_the_table_is_a_real_url_pattern():
    stale = sorted(set(URL_TABLE) - {table_key(name) for name in named_patterns()})

    assert stale == []


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(URL_TABLE))
@pytest.mark.parametrize("role", ROLES)
def test_each_role_reaches_exactly_the_urls_the_table_gives_it(client_as, world, name, role):
    allowed, path, method, status = URL_TABLE[name]
    client = client_as(role)

    response = getattr(client, method)(path(world) if callable(path) else path)

    if role in allowed:
        assert response.status_code == status
        assert not _is_login_redirect(response)
    else:
        assert response.status_code in (403, 404) or _is_login_redirect(response)
        assert b"Candidature confidentielle" not in _body(response)


def _body(response):
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def _is_login_redirect(response):
    """A redirect to the admin's login page or to the site's sign-in page."""
    location = response.headers.get("Location", "")
    return response.status_code == 302 and (
        "login" in location or location.startswith(resolve_url(settings.LOGIN_URL) + "?")
    )

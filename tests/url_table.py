"""Every URL pattern of the site and the roles that may reach it (the admin's are in
``tests/admin_url_table.py``); ``tests/test_urls.py`` checks each role against it.

A row gives the roles that may reach the page, the path (a function of the world of
``tests/roles.py`` for pages about an object), the method, the status those roles get,
and for a POST the data sent and its effect: a function ``effect(world, user, client)``
saying whether what the request does happened. Allowed roles must see the effect,
refused roles must leave the world as it was.
"""

from typing import NamedTuple

from django.conf import settings

from jury.enums import Attendance, Averaging, SessionStatus
from jury.models import AgendaItem, ConflictOfInterest, Convocation
from programme.models import AuditEntry
from projects.applications.manager_links import manager_token
from projects.models import Attachment, TeamMember
from tests.roles import ROLES


class Row(NamedTuple):
    allowed: set
    path: object
    method: str = "get"
    status: object = 200  # or {role: status} for the allowed roles that differ from 200
    data: object = None
    effect: object = None


# The public pages whose address names no object, whatever the data.
PUBLIC_PAGES_WITHOUT_AN_OBJECT = (
    "/",
    "/en/",
    "/editions/",
    "/laureats/",
    "/actualites/",
    "/actualites/flux.atom",
    "/accessibilite/",
    "/mentions-legales/",
    "/donnees-personnelles/",
    "/donnees/",
    "/donnees/laureats.csv",
    "/donnees/laureats.json",
    "/donnees/laureats.schema.json",
    "/donnees/indicateurs.csv",
    "/donnees/indicateurs.json",
    "/donnees/indicateurs.schema.json",
    "/sitemap.xml",
)

EVERYONE = set(ROLES)
SIGNED_IN = EVERYONE - {"anonymous"}
STAFF = {"staff"}
# The applicant leads the world's draft and is on the team of its laureate project.
TEAM = {"applicant"}
TEAM_AND_STAFF = TEAM | STAFF
# Convened to both sessions; the withdrawn member withdrew from the open session's item.
CONVENED = {"jury_member", "president", "secretary", "withdrawn_member"}
SEEING_THE_ITEM = CONVENED - {"withdrawn_member"}
CHAIR = {"president", "secretary"}
# Following the laureate: its team, its coach and staff. The other coach has a coaching
# list of their own, without the world's project.
COACHES = {"coach", "other_coach"}
FOLLOWERS = {"applicant", "coach", "staff"}
KEEPERS = {"applicant", "coach"}
CONFLICT_REASON = "Je connais l'équipe."
REMOVAL_REASON = "La candidature a été retirée par l'équipe."
REOPEN_REASON = "Le jury a interrogé l'équipe."


def signed_out(world, user, client):
    return "_auth_user_id" not in client.session


def exported_self(world, user, client):
    return AuditEntry.objects.filter(action="person.export", actor=user).exists()


def language_is_english(world, user, client):
    cookie = client.cookies.get(settings.LANGUAGE_COOKIE_NAME)
    return cookie is not None and cookie.value == "en"


def member_removed(world, user, client):
    return not TeamMember.objects.filter(pk=world.member.pk).exists()


def attachment_removed(world, user, client):
    return not Attachment.objects.filter(pk=world.attachment.pk).exists()


def withdrew(world, user, client):
    return ConflictOfInterest.objects.filter(
        item=world.review, member__user=user, reason=CONFLICT_REASON
    ).exists()


def member_excused(world, user, client):
    convocation = Convocation.objects.get(session=world.session, member=world.jury["jury_member"])
    return convocation.attendance == Attendance.EXCUSED


def attendance_sheet(world):
    """Everyone present but the jury member, excused."""
    return {
        f"attendance_{member.pk}": Attendance.EXCUSED
        if role == "jury_member"
        else Attendance.PRESENT
        for role, member in world.jury.items()
    }


def deliberation_opened(world, user, client):
    world.scoring_session.refresh_from_db()
    return world.scoring_session.status == SessionStatus.DELIBERATION


def averaging_normalised(world, user, client):
    world.planned_session.refresh_from_db()
    return world.planned_session.averaging == Averaging.NORMALISED


def item_removed(world, user, client):
    return AgendaItem.objects.filter(
        pk=world.review.pk, removed_by=user, removal_reason=REMOVAL_REASON
    ).exists()


def scoring_reopened(world, user, client):
    return AgendaItem.objects.filter(
        pk=world.review.pk, scoring_reopened_at__isnull=False, scoring_reopen_reason=REOPEN_REASON
    ).exists()


def item(world):
    return f"/jury/seances/{world.session.pk}/points/{world.review.pk}/"


# The logo answers 404 here because the test programme has none. The sign-in pages
# answer signed-in people too (to sign in as someone else); the link and password-reset
# pages without a valid token answer 200 with a page that offers a new link.
URL_TABLE = {
    "home": Row(EVERYONE, "/"),
    "theme_css": Row(EVERYONE, "/theme.css"),
    "logo": Row(EVERYONE, "/logo", status=404),
    "set_language": Row(
        EVERYONE,
        "/i18n/setlang/",
        "post",
        302,
        data={"language": "en", "next": "/"},
        effect=language_is_english,
    ),
    "accounts:sign_in": Row(EVERYONE, "/connexion/"),
    "accounts:sign_in_link": Row(EVERYONE, "/connexion/lien/"),
    "accounts:password_login": Row(EVERYONE, "/connexion/mot-de-passe/"),
    "accounts:password_reset": Row(EVERYONE, "/connexion/mot-de-passe/oubli/"),
    "accounts:password_reset_done": Row(EVERYONE, "/connexion/mot-de-passe/oubli/envoye/"),
    "accounts:password_reset_confirm": Row(
        EVERYONE, "/connexion/mot-de-passe/nouveau/MQ/jeton-invalide/"
    ),
    "accounts:password_reset_complete": Row(
        EVERYONE, "/connexion/mot-de-passe/nouveau/enregistre/"
    ),
    "accounts:sign_out": Row(EVERYONE, "/deconnexion/", "post", 302, effect=signed_out),
    # ProConnect is off in the test settings: its pages answer 404 to everyone (the
    # tests/programme/test_proconnect*.py tests run them against a real provider).
    "accounts:proconnect_sign_in": Row(EVERYONE, "/connexion/proconnect/", "post", 404),
    "accounts:proconnect_callback": Row(
        EVERYONE, "/connexion/proconnect/retour/?state=x&code=y", status=404
    ),
    "accounts:proconnect_signed_out": Row(EVERYONE, "/deconnexion/proconnect/", status=404),
    "accounts:account": Row(SIGNED_IN, "/compte/"),
    # Staff and chairs (signed in with both factors) go on; the others, without a
    # device, to the enrolment, which staff and chairs (enrolled) are sent back from.
    "accounts:second_factor": Row(SIGNED_IN, "/connexion/second-facteur/", status=302),
    "accounts:second_factor_enrol": Row(
        SIGNED_IN,
        "/connexion/second-facteur/activer/",
        status=dict.fromkeys(STAFF | CHAIR | {"staff_without_permission"}, 302),
    ),
    "accounts:password_change": Row(SIGNED_IN, "/compte/mot-de-passe/"),
    "editions:call": Row(EVERYONE, lambda w: f"/appels/{w.call.edition.slug}/"),
    # Public pages (issue 6): the same for everyone, signed in or not.
    "healthz": Row(EVERYONE, "/healthz"),
    "switch_language": Row(EVERYONE, "/langue/en/?next=/", status=302),
    "sitemap": Row(EVERYONE, "/sitemap.xml"),
    "sitemap_section": Row(EVERYONE, "/sitemap-laureates.xml"),
    "news:list": Row(EVERYONE, "/actualites/"),
    "news:detail": Row(EVERYONE, lambda w: f"/actualites/{w.news.slug}/"),
    "news:feed": Row(EVERYONE, "/actualites/flux.atom"),
    "legal:accessibility": Row(EVERYONE, "/accessibilite/"),
    "legal:notice": Row(EVERYONE, "/mentions-legales/"),
    "legal:personal_data": Row(EVERYONE, "/donnees-personnelles/"),
    "public:editions": Row(EVERYONE, "/editions/"),
    "public:edition": Row(EVERYONE, lambda w: f"/editions/{w.call.edition.slug}/"),
    "public:laureates": Row(EVERYONE, "/laureats/"),
    "public:laureate": Row(EVERYONE, lambda w: f"/laureats/{w.project.slug}/"),
    "public:open_data": Row(EVERYONE, "/donnees/"),
    "open_data:laureates_csv": Row(EVERYONE, "/donnees/laureats.csv"),
    "open_data:laureates_json": Row(EVERYONE, "/donnees/laureats.json"),
    "open_data:laureates_schema": Row(EVERYONE, "/donnees/laureats.schema.json"),
    "open_data:indicators_csv": Row(EVERYONE, "/donnees/indicateurs.csv"),
    "open_data:indicators_json": Row(EVERYONE, "/donnees/indicateurs.json"),
    "open_data:indicators_schema": Row(EVERYONE, "/donnees/indicateurs.schema.json"),
    "projects:team_space": Row(SIGNED_IN, "/mon-espace/"),
    # Each signed-in person downloads their own data; it is logged.
    "projects:my_data": Row(SIGNED_IN, "/mon-espace/mes-donnees/", "post", effect=exported_self),
    "projects:application_start": Row(
        SIGNED_IN, lambda w: f"/appels/{w.call.edition.slug}/candidater/"
    ),
    "projects:application_detail": Row(TEAM_AND_STAFF, lambda w: f"/candidatures/{w.draft.pk}/"),
    "projects:application_edit": Row(TEAM, lambda w: f"/candidatures/{w.draft.pk}/modifier/"),
    "projects:application_submit": Row(TEAM, lambda w: f"/candidatures/{w.draft.pk}/deposer/"),
    "projects:application_withdraw": Row(
        set(),  # a draft cannot be withdrawn; the team withdraws a submitted application
        lambda w: f"/candidatures/{w.draft.pk}/retirer/",
    ),
    "projects:member_add": Row(TEAM, lambda w: f"/candidatures/{w.draft.pk}/equipe/ajouter/"),
    "projects:member_edit": Row(
        TEAM, lambda w: f"/candidatures/{w.draft.pk}/equipe/{w.member.pk}/"
    ),
    "projects:member_remove": Row(
        TEAM,
        lambda w: f"/candidatures/{w.draft.pk}/equipe/{w.member.pk}/retirer/",
        "post",
        302,
        effect=member_removed,
    ),
    "projects:application_attachments": Row(TEAM, lambda w: f"/candidatures/{w.draft.pk}/pieces/"),
    "projects:attachment_remove": Row(
        TEAM,
        lambda w: f"/candidatures/{w.draft.pk}/pieces/{w.attachment.pk}/supprimer/",
        "post",
        302,
        effect=attachment_removed,
    ),
    "projects:attachment": Row(TEAM_AND_STAFF, lambda w: f"/pieces-jointes/{w.attachment.pk}/"),
    "projects:decision_letter": Row(
        TEAM_AND_STAFF, lambda w: f"/lettres-de-decision/{w.letter.pk}/"
    ),
    "jury:sessions": Row(SIGNED_IN, "/jury/"),
    "jury:session": Row(CONVENED | STAFF, lambda w: f"/jury/seances/{w.session.pk}/"),
    "jury:item": Row(SEEING_THE_ITEM | STAFF, item),
    "jury:conflict": Row(
        SEEING_THE_ITEM,  # staff are not convened: they have nothing to withdraw from
        lambda w: f"{item(w)}deport/",
        "post",
        302,
        data={"reason": CONFLICT_REASON},
        effect=withdrew,
    ),
    "jury:document": Row(
        SEEING_THE_ITEM | STAFF, lambda w: f"{item(w)}pieces/{w.review_attachment.pk}/"
    ),
    "jury:deliberation": Row(
        CHAIR | STAFF, lambda w: f"/jury/seances/{w.session.pk}/deliberation/"
    ),
    "jury:attendance": Row(
        CHAIR | STAFF,
        lambda w: f"/jury/seances/{w.session.pk}/presence/",
        "post",
        302,
        data=attendance_sheet,
        effect=member_excused,
    ),
    "jury:step": Row(
        CHAIR | STAFF,
        lambda w: f"/jury/seances/{w.scoring_session.pk}/etapes/deliberation/",
        "post",
        302,
        effect=deliberation_opened,
    ),
    "jury:averaging": Row(
        CHAIR | STAFF,
        lambda w: f"/jury/seances/{w.planned_session.pk}/moyennes/",
        "post",
        302,
        data={"averaging": Averaging.NORMALISED},
        effect=averaging_normalised,
    ),
    "jury:remove_item": Row(
        CHAIR | STAFF,
        lambda w: f"{item(w)}retrait/",
        "post",
        302,
        data={"reason": REMOVAL_REASON},
        effect=item_removed,
    ),
    "jury:item_scoring": Row(
        CHAIR | STAFF,
        lambda w: f"{item(w)}notation/",
        "post",
        302,
        data={"action": "reopen", "reason": REOPEN_REASON},
        effect=scoring_reopened,
    ),
    "jury:decision": Row(CHAIR | STAFF, lambda w: f"{item(w)}decision/"),
    "jury:close": Row(CHAIR | STAFF, lambda w: f"/jury/seances/{w.session.pk}/cloture/"),
    "jury:export_scores": Row(
        CHAIR | STAFF, lambda w: f"/jury/seances/{w.session.pk}/classement.csv"
    ),
    "jury:scoring_sheet": Row(
        {"jury_member"} | CHAIR | STAFF,
        lambda w: (
            f"/jury/seances/{w.session.pk}/membres/{w.jury['jury_member'].pk}/"
            "grille-de-notation.pdf"
        ),
    ),
    "jury:sign_in_sheet": Row(
        CHAIR | STAFF, lambda w: f"/jury/seances/{w.session.pk}/emargement.pdf"
    ),
    "jury:minutes": Row(
        CONVENED | STAFF, lambda w: f"/jury/seances/{w.closed_session.pk}/proces-verbal/"
    ),
    "jury:minutes_document": Row(
        CONVENED | STAFF, lambda w: f"/jury/seances/{w.closed_session.pk}/proces-verbal.html"
    ),
    "jury:minutes_pdf": Row(
        CONVENED | STAFF, lambda w: f"/jury/seances/{w.closed_session.pk}/proces-verbal.pdf"
    ),
    "projects:manager_agreement": Row(
        EVERYONE, lambda w: f"/accord-responsable/{manager_token(w.member)}/"
    ),
    "projects:coaching_list": Row(COACHES | STAFF, "/accompagnement/"),
    "projects:follow_up": Row(FOLLOWERS, lambda w: f"/suivi/{w.project.pk}/"),
    "projects:coaching_add": Row(
        {"coach", "staff"}, lambda w: f"/suivi/{w.project.pk}/seances/ajouter/"
    ),
    "projects:coaching_edit": Row(
        {"coach", "staff"}, lambda w: f"/suivi/{w.project.pk}/seances/{w.coaching_entry.pk}/"
    ),
    "projects:milestone_add": Row(KEEPERS, lambda w: f"/suivi/{w.project.pk}/jalons/ajouter/"),
    "projects:milestone_edit": Row(
        KEEPERS, lambda w: f"/suivi/{w.project.pk}/jalons/{w.milestone.pk}/"
    ),
    "projects:time_declaration": Row(FOLLOWERS, lambda w: f"/suivi/{w.project.pk}/temps/"),
    "projects:indicator_add": Row(KEEPERS, lambda w: f"/suivi/{w.project.pk}/indicateurs/ajouter/"),
    "projects:indicator_edit": Row(
        KEEPERS, lambda w: f"/suivi/{w.project.pk}/indicateurs/{w.indicator.pk}/"
    ),
    "projects:measurement_add": Row(
        KEEPERS, lambda w: f"/suivi/{w.project.pk}/indicateurs/{w.indicator.pk}/mesures/ajouter/"
    ),
    "projects:report": Row(FOLLOWERS, lambda w: f"/suivi/{w.project.pk}/bilan/"),
}

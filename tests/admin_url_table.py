"""Every URL pattern of the admin and what staff get there; ``tests/test_urls.py`` checks
each role against it.

Innovation staff do their work in the admin: they are the only role allowed in (the
login page answers everyone, and sends those already allowed to the index). A model
registered in the admin without a line in ``ADMIN_MODELS``, or a screen added to the
admin without a row in ``ADMIN_VIEWS``, is a URL pattern without a row: the suite fails.

The object a model's pages are about is the first of that model in the admin world
(``admin_world`` in ``tests/conftest.py``: the world of ``tests/roles.py`` plus a task
result, a submitted application and a submitted report).
"""

from django.apps import apps
from django.contrib.contenttypes.models import ContentType

from editions.enums import Phase
from projects.enums import ApplicationStatus
from tests.roles import ROLES, UNVERIFIED_STAFF
from tests.url_table import STAFF, Row, signed_out

EVERYONE = set(ROLES) | {UNVERIFIED_STAFF}
# Django's admin lets in any active account with admin access (``is_staff``) and shows it
# what its permissions allow: an account given admin access and no permission (or only
# some, say the news) reaches the index, its own password pages and the shortcuts that
# send it on to a change page, where it is refused. It sees nothing of the programme.
ADMIN_ACCESS = STAFF | {"staff_without_permission"}
# Staff are in already: their login page sends them to the index; staff who has not
# passed the second factor yet, to its page (they sign out on the site, not the admin's
# logout, which lets out only those it let in).
IS_STAFF = {"staff": 302, "staff_without_permission": 302, UNVERIFIED_STAFF: 302}

# app_label_modelname → (status of the add page, status of the delete page) for staff.
# Records written by the services cannot be added or deleted by hand (403); nor can
# periods (opened by the lifecycle) nor projects (created by a selection). Groups are
# for superusers: the staff group holds no permission of ``auth`` (``None``: staff get
# a 403 on every page of the model).
ADMIN_MODELS = {
    "auth_group": None,
    "django_tasks_database_dbtaskresult": (403, 403),  # the outbox is read-only
    "programme_user": (200, 200),
    "programme_programme": (200, 200),
    "programme_organisation": (200, 200),
    "programme_theme": (200, 200),
    "programme_newsitem": (200, 200),
    "programme_auditentry": (403, 403),  # the audit log is read-only
    "programme_signinrecord": (403, 403),  # so is the log of sign-ins
    "programme_signincooloff": (403, 403),  # lifted by an action, never edited
    "editions_call": (200, 200),
    "editions_edition": (200, 200),
    "projects_phaseperiod": (403, 403),
    "projects_impactindicator": (200, 200),
    "projects_measurement": (403, 200),
    "projects_phasereport": (403, 403),
    "projects_application": (200, 200),
    "projects_project": (403, 200),
    "projects_applicationtransition": (403, 403),
    "projects_projecttransition": (403, 403),
    "jury_jurymember": (200, 200),
    "jury_session": (200, 200),
    "jury_agendaitem": (403, 403),
    "jury_decision": (403, 403),
    "jury_score": (403, 403),
    "jury_conflictofinterest": (403, 403),
}


def first(model_label):
    """The first object of the model ``app_label_modelname`` in the world."""
    model = apps.get_model(*split(model_label))
    return model._default_manager.order_by("pk").first()


def split(model_label):
    """``app_label``, ``model_name`` of ``app_label_modelname``."""
    for app_label in ("django_tasks_database", "auth", "programme", "editions", "projects", "jury"):
        if model_label.startswith(f"{app_label}_"):
            return app_label, model_label.removeprefix(f"{app_label}_")
    raise LookupError(model_label)


def _model_rows(model_label, statuses):
    allowed = STAFF if statuses else set()
    add_status, delete_status = statuses or (403, 403)
    base = "/admin/{}/{}/".format(*split(model_label))

    def on(suffix):
        return lambda w: f"{base}{first(model_label).pk}/{suffix}"

    return {
        f"admin:{model_label}_changelist": Row(allowed, base),
        f"admin:{model_label}_add": Row(allowed, f"{base}add/", status=add_status),
        f"admin:{model_label}_change": Row(allowed, on("change/")),
        f"admin:{model_label}_delete": Row(allowed, on("delete/"), status=delete_status),
        f"admin:{model_label}_history": Row(allowed, on("history/")),
        # The object's bare address sends staff on to its change page.
        f"admin:<unnamed {base.lstrip('/')}<path:object_id>/>": Row(
            ADMIN_ACCESS, on(""), status=302
        ),
    }


def _submitted_application(world):
    return world.admin_extras.submitted_application


ADMIN_VIEWS = {
    "admin:index": Row(ADMIN_ACCESS, "/admin/"),
    "admin:login": Row(EVERYONE, "/admin/login/", status=IS_STAFF),
    "admin:logout": Row(ADMIN_ACCESS, "/admin/logout/", "post", effect=signed_out),
    "admin:password_change": Row(ADMIN_ACCESS, "/admin/password_change/"),
    "admin:password_change_done": Row(ADMIN_ACCESS, "/admin/password_change/done/"),
    "admin:autocomplete": Row(
        STAFF, "/admin/autocomplete/?app_label=jury&model_name=jurymember&field_name=user"
    ),
    "admin:jsi18n": Row(ADMIN_ACCESS, "/admin/jsi18n/"),
    # None of the models has an address on the site: the shortcut answers 404 to staff.
    "admin:view_on_site": Row(
        STAFF,
        lambda w: f"/admin/r/{ContentType.objects.get_for_model(w.project).pk}/{w.project.pk}/",
        status=404,
    ),
    "admin:auth_user_password_change": Row(
        STAFF, lambda w: f"/admin/programme/user/{w.users['applicant'].pk}/password/"
    ),
    "admin:app_list": Row(STAFF, "/admin/projects/"),
    "admin:<unnamed admin/(?P<url>.*)$>": Row(STAFF, "/admin/nulle-part/", status=404),
}
# The staff's workflow screens, registered with ``register_view`` or a ``get_urls``.
WORKFLOW_SCREENS = {
    "admin:phase_board": Row(STAFF, "/admin/tableau-des-phases/"),
    "admin:exports": Row(STAFF, "/admin/exports/"),
    "admin:export_download": Row(STAFF, "/admin/exports/candidatures.csv"),
    "admin:jury_session_step": Row(
        STAFF, lambda w: f"/admin/jury/session/{w.session.pk}/etape/convoquer/"
    ),
    "admin:projects_application_timeline": Row(
        STAFF, lambda w: f"/admin/projects/application/{w.draft.pk}/historique/"
    ),
    "admin:projects_application_move": Row(
        STAFF,
        lambda w: (
            f"/admin/projects/application/{_submitted_application(w).pk}/changer/"
            f"{ApplicationStatus.INELIGIBLE}/"
        ),
    ),
    "admin:projects_application_publish_screening": Row(
        STAFF,
        lambda w: (
            f"/admin/projects/application/publier-preselection/{_submitted_application(w).call_id}/"
        ),
    ),
    "admin:projects_project_timeline": Row(
        STAFF, lambda w: f"/admin/projects/project/{w.project.pk}/historique/"
    ),
    "admin:projects_project_move": Row(
        STAFF, lambda w: f"/admin/projects/project/{w.project.pk}/changer/{Phase.ABANDONED}/"
    ),
    "admin:projects_milestone_status": Row(
        STAFF,
        lambda w: (
            f"/admin/projects/phaseperiod/{w.milestone.period_id}/jalons/{w.milestone.pk}/etat/"
        ),
    ),
    "admin:person_export": Row(
        STAFF, lambda w: f"/admin/personnes/{w.users['applicant'].pk}/export/"
    ),
    "admin:person_erase": Row(
        STAFF, lambda w: f"/admin/personnes/{w.users['applicant'].pk}/effacement/"
    ),
    "admin:search": Row(STAFF, "/admin/recherche/?q=confidentiel"),
    "admin:editions_calendar": Row(STAFF, "/admin/calendrier/"),
    "admin:editions_calendar_ics": Row(STAFF, "/admin/calendrier.ics"),
    "admin:editions_edition_next_season": Row(
        STAFF, lambda w: f"/admin/editions/edition/{w.draft.call.edition_id}/saison-suivante/"
    ),
    "admin:projects_phasereport_reopen": Row(
        STAFF,
        lambda w: (
            f"/admin/projects/phasereport/{w.admin_extras.submitted_report.pk}/rendre-a-l-equipe/"
        ),
    ),
    "admin:mail_templates": Row(STAFF, "/admin/modeles-de-mails/"),
    "admin:mail_template": Row(
        STAFF, "/admin/modeles-de-mails/projects/email/application_submitted/"
    ),
    "admin:mailings": Row(STAFF, "/admin/envois-groupes/"),
    "admin:mailing_new": Row(STAFF, "/admin/envois-groupes/nouveau/"),
    "admin:mailing": Row(STAFF, lambda w: f"/admin/envois-groupes/{w.admin_extras.mailing.pk}/"),
}

ADMIN_TABLE = {
    **{
        name: row
        for model_label, statuses in ADMIN_MODELS.items()
        for name, row in _model_rows(model_label, statuses).items()
    },
    **ADMIN_VIEWS,
    **WORKFLOW_SCREENS,
}

# Every admin page is checked for the roles the admin treats differently (nobody, a
# person without admin access, one with admin access and no permission, staff). The other
# roles hold no admin access either: they are checked on a sample of pages (the index,
# every workflow screen, and the pages of the objects they deal with on the site), which
# keeps tests/test_urls.py to about a minute.
# Staff without the second factor is refused on every page but the login (which sends
# them to the second factor).
ROLES_ON_EVERY_ADMIN_PAGE = (
    "anonymous",
    "applicant",
    "staff_without_permission",
    "staff",
    UNVERIFIED_STAFF,
)
ADMIN_SAMPLE = {
    "admin:index",
    "admin:login",
    *WORKFLOW_SCREENS,
    "admin:jury_session_change",
    "admin:jury_score_changelist",
    "admin:jury_decision_change",
    "admin:jury_conflictofinterest_change",
    "admin:projects_application_change",
    "admin:projects_project_change",
    "admin:projects_impactindicator_change",
    "admin:projects_phasereport_change",
}

"""The lifecycle of an application, as a table of named moves (``programme.lifecycles``),
with the guards that refuse a move.

Pure module: no ORM import, no I/O; the guards read the objects they are given.
``projects.applications.services.lifecycle`` is the only code that moves an application
and asks this table first. The README's diagram is drawn from it.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from programme.enums import DecisionSource
from programme.lifecycles import Lifecycle, Move
from projects.enums import ApplicationStatus

TEAM = DecisionSource.TEAM
STAFF = DecisionSource.STAFF
JURY = DecisionSource.JURY
DECIDERS = frozenset({STAFF, JURY})


# Guards of the application's moves. Each takes the application and the time of the move.
def call_accepts_submissions(application, *, at, **context):
    return application.call.submission_refusals(at)


def team_is_complete(application, **context):
    return application.team_refusals()


def application_is_complete(application, **context):
    return application.content_refusals()


def call_is_closed(application, *, at, **context):
    if application.call.is_closed(at):
        return []
    return [_("L'appel est encore ouvert : les candidatures s'examinent après sa clôture.")]


def managers_agreed(application, **context):
    waiting = application.members_waiting_for_manager()
    if not waiting:
        return []
    return [
        _("Accord du ou de la responsable en attente pour : %(names)s.")
        % {"names": ", ".join(member.full_name for member in waiting)}
    ]


S = ApplicationStatus
SCREENED = (call_is_closed,)
APPLICATION_LIFECYCLE = Lifecycle(
    name="application",
    states=ApplicationStatus,
    initial=S.DRAFT,
    moves=(
        Move(
            "submit",
            S.DRAFT,
            S.SUBMITTED,
            gettext_lazy("Déposer"),
            frozenset({TEAM}),
            guards=(call_accepts_submissions, application_is_complete, team_is_complete),
        ),
        Move("withdraw", S.SUBMITTED, S.WITHDRAWN, gettext_lazy("Retirer"), frozenset({TEAM})),
        Move(
            "declare_ineligible",
            S.SUBMITTED,
            S.INELIGIBLE,
            gettext_lazy("Déclarer non recevable"),
            frozenset({STAFF}),
            reason_from=DECIDERS,
            guards=SCREENED,
        ),
        Move(
            "not_shortlist",
            S.SUBMITTED,
            S.NOT_SHORTLISTED,
            gettext_lazy("Ne pas présélectionner"),
            DECIDERS,
            reason_from=DECIDERS,
            guards=SCREENED,
        ),
        Move(
            "shortlist",
            S.SUBMITTED,
            S.SHORTLISTED,
            gettext_lazy("Présélectionner"),
            DECIDERS,
            reason_from=DECIDERS,
            guards=(*SCREENED, managers_agreed),
        ),
        Move("withdraw", S.SHORTLISTED, S.WITHDRAWN, gettext_lazy("Retirer"), frozenset({TEAM})),
        Move(
            "select",
            S.SHORTLISTED,
            S.SELECTED,
            gettext_lazy("Retenir comme lauréate"),
            DECIDERS,
            reason_from=DECIDERS,
        ),
        Move(
            "not_select",
            S.SHORTLISTED,
            S.NOT_SELECTED,
            gettext_lazy("Ne pas retenir"),
            DECIDERS,
            reason_from=DECIDERS,
        ),
    ),
)

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


def screening_is_untold(application, **context):
    """A screening decision is corrected only while the team has not been told of it."""
    last = application.last_transition()
    if last is None or last.published_at is not None:
        return [
            _("Cette décision a déjà été publiée à l'équipe : elle ne peut plus être corrigée.")
        ]
    if last.decided_by != STAFF:
        return [_("Cette décision est celle du jury : elle se corrige en séance.")]
    return []


S = ApplicationStatus
SCREENED = (call_is_closed,)
SCREENING_OUTCOMES = {
    S.INELIGIBLE: ("correct_to_ineligible", gettext_lazy("Corriger : non recevable")),
    S.NOT_SHORTLISTED: (
        "correct_to_not_shortlisted",
        gettext_lazy("Corriger : non présélectionnée"),
    ),
    S.SHORTLISTED: ("correct_to_shortlisted", gettext_lazy("Corriger : présélectionnée")),
}
# Staff screening decisions wait, like the jury's, until staff publish the call's batch;
# until then a correction moves between the screening outcomes (with a reason).
CORRECTIONS = tuple(
    Move(
        name,
        source,
        target,
        label,
        frozenset({STAFF}),
        reason_from=frozenset({STAFF}),
        guards=(screening_is_untold,),
    )
    for source in SCREENING_OUTCOMES
    for target, (name, label) in SCREENING_OUTCOMES.items()
    if source != target
)
CORRECTION_MOVES = frozenset(move.name for move in CORRECTIONS)
SCREENING_MOVES = frozenset({"declare_ineligible", "not_shortlist", "shortlist"}) | CORRECTION_MOVES


def waits_for_publication(move, decided_by):
    """Whether the team learns of ``move`` only when staff publish it: every decision of
    the jury, and the screening decisions of staff."""
    return decided_by == JURY or (decided_by == STAFF and move.name in SCREENING_MOVES)


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
        *CORRECTIONS,
    ),
)

"""Who a mailing reaches, and the placeholders its text may hold.

Teams are chosen by what they were told (``Application.team_status``): a decision staff
have not published yet is not revealed by a mailing to « the laureates ».
"""

from django.conf import settings
from django.db.models import OuterRef, Subquery
from django.utils.translation import gettext_lazy as _

from programme import mail_events
from programme.mail_events import Placeholder
from projects.enums import ApplicationStatus, MemberRole
from projects.mail_events import PROJECT
from projects.models import Application, ApplicationTransition

GROUPS = {
    "all": (_("Toutes les équipes candidates"), None),
    "shortlisted": (
        _("Les équipes présélectionnées (lauréates ou non)"),
        (ApplicationStatus.SHORTLISTED, ApplicationStatus.SELECTED, ApplicationStatus.NOT_SELECTED),
    ),
    "laureates": (_("Les équipes lauréates"), (ApplicationStatus.SELECTED,)),
}
STATUS_PREFIX = "status:"


def audience_choices():
    """The choices of the mailing's form: the groups, then each status told."""
    choices = [(key, label) for key, (label, _statuses) in GROUPS.items()]
    choices += [
        (
            f"{STATUS_PREFIX}{status.value}",
            _("Candidatures : %(status)s") % {"status": status.label},
        )
        for status in ApplicationStatus
        if status != ApplicationStatus.DRAFT
    ]
    return choices


def audience_label(audience):
    return dict(audience_choices()).get(audience, audience)


def _statuses(audience):
    if audience in GROUPS:
        return GROUPS[audience][1]
    status = audience.removeprefix(STATUS_PREFIX)
    if audience.startswith(STATUS_PREFIX) and status in ApplicationStatus.values:
        return (status,)
    raise LookupError(audience)


def applications(edition, audience):
    """The applications of ``edition`` in ``audience``, by what their team was told,
    with their call; raises ``LookupError`` for an unknown audience."""
    statuses = _statuses(audience)
    told = ApplicationTransition.objects.filter(
        application=OuterRef("pk"), published_at__isnull=False
    ).order_by("-at", "-pk")
    queryset = (
        Application.objects.for_edition(edition)
        .annotate(told_status=Subquery(told.values("to_status")[:1]))
        .exclude(told_status=None)
        .exclude(told_status=ApplicationStatus.DRAFT)
    )
    if statuses is not None:
        queryset = queryset.filter(told_status__in=statuses)
    return queryset.select_related("call__edition").order_by("title", "pk")


def recipients(applications):
    """``(application, member)`` for each member of each team, the lead first."""
    members = []
    for application in applications.prefetch_related("team_members"):
        team = sorted(
            application.team_members.all(), key=lambda m: (m.role != MemberRole.LEAD, m.pk)
        )
        seen = set()
        for member in team:
            if member.email and member.email.lower() not in seen:
                seen.add(member.email.lower())
                members.append((application, member))
    return members


def context(application, member):
    return {"application": application, "member": member, "site_url": settings.SITE_URL}


PLACEHOLDERS = (
    Placeholder(
        "membre",
        _("Le nom du ou de la destinataire"),
        "Camille Martin",
        lambda c: c["member"].full_name,
    ),
    PROJECT,
    Placeholder(
        "appel",
        _("Le titre de l'appel à candidatures"),
        "Appel à innovateurs territoriaux 2027",
        lambda c: c["application"].call.title,
    ),
    Placeholder(
        "edition",
        _("Le nom de l'édition"),
        "Saison 3",
        lambda c: c["application"].call.edition.name,
    ),
    Placeholder(
        "site", _("L'adresse du site"), "https://tremplin.exemple.fr", lambda c: c["site_url"]
    ),
)


def values(application, member):
    return mail_events.placeholder_values(PLACEHOLDERS, context(application, member))


def render(subject, body, application, member):
    """``(subject, body)`` of a checked text for ``member`` of ``application``."""
    found = values(application, member)
    return (
        mail_events.one_line(mail_events.render(subject, found)),
        mail_events.render(body, found),
    )

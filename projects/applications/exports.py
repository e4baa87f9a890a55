"""The applications as a table staff export (the exports page, the screening list):
``(header, rows)`` with French headers, read in one query however many rows there are.

Rows are read as plain values (``values()``), the team's make-up and the attachments
counted in SQL, the labels translated once per export rather than once per row.
"""

from django.db.models import OuterRef, Subquery
from django.utils.translation import gettext_lazy as _

from programme.exports import choice_labels, local_datetime, table
from programme.subqueries import count
from projects.enums import ApplicationStatus, MemberKind, MemberRole
from projects.models import Application, TeamMember


def _lead_name(row):
    return f"{row['lead_first_name'] or ''} {row['lead_last_name'] or ''}".strip()


def application_columns():
    statuses = choice_labels(ApplicationStatus)
    return [
        (_("identifiant"), lambda a: a["pk"]),
        (_("édition"), lambda a: a["call__edition__name"]),
        (_("titre"), lambda a: a["title"]),
        (_("thématique"), lambda a: a["theme__name"] or ""),
        (_("statut"), lambda a: statuses[a["status"]]),
        (_("déposée le"), lambda a: local_datetime(a["submitted_at"])),
        (_("porteur ou porteuse"), _lead_name),
        (_("e-mail du porteur ou de la porteuse"), lambda a: a["lead_email"] or ""),
        (_("membres"), lambda a: a["member_count"]),
        (_("agents"), lambda a: a["agent_count"]),
        (_("étudiants"), lambda a: a["student_count"]),
        (_("acteurs du territoire"), lambda a: a["local_actor_count"]),
        (_("accords en attente"), lambda a: a["pending_agreements"]),
        (_("pièces jointes"), lambda a: a["attachment_count"]),
        (_("problème à résoudre"), lambda a: a["problem"]),
        (_("qui en souffre"), lambda a: a["target_users"]),
        (_("idée proposée"), lambda a: a["proposed_solution"]),
        (_("impact attendu"), lambda a: a["expected_impact"]),
    ]


def applications_table(edition=None, applications=None):
    """Every application of ``edition`` (of every edition for ``None``; or those of
    ``applications``, a selection) with its team's make-up, oldest edition first."""
    applications = Application.objects.all() if applications is None else applications
    if edition is not None:
        applications = applications.for_edition(edition)
    members = TeamMember.objects.filter(application=OuterRef("pk"))
    agents = members.filter(kind=MemberKind.AGENT)
    lead = members.filter(role=MemberRole.LEAD).order_by("last_name", "first_name", "pk")
    rows = (
        applications.order_by("call__edition__number", "pk")
        .with_team_counts()
        .annotate(
            agent_count=count(agents),
            student_count=count(members.filter(kind=MemberKind.STUDENT)),
            local_actor_count=count(members.filter(kind=MemberKind.LOCAL_ACTOR)),
            lead_first_name=Subquery(lead.values("first_name")[:1]),
            lead_last_name=Subquery(lead.values("last_name")[:1]),
            lead_email=Subquery(lead.values("email")[:1]),
        )
        .values(
            *("pk", "call__edition__name", "title", "theme__name", "status", "submitted_at"),
            *("problem", "target_users", "proposed_solution", "expected_impact"),
            *("member_count", "agent_count", "student_count", "local_actor_count"),
            *("pending_agreements", "attachment_count"),
            *("lead_first_name", "lead_last_name", "lead_email"),
        )
    )
    return table(application_columns(), rows)

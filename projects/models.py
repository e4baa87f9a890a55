"""The models of the projects app, gathered from its domains (Django reads them here):
applications with their teams, files and history (``projects.applications.models``);
laureate projects with their periods, follow-up, reporting and history
(``projects.laureates.models``); mailings to teams (``projects.mailings.models``).

Status and phase fields are not editable (``editable=False``): they change only through
the lifecycle services, which write the history rows in the same transaction.
"""

from projects.applications.decision_letter import DecisionLetter
from projects.applications.models import (
    Application,
    ApplicationQuerySet,
    ApplicationTransition,
    Attachment,
    TeamMember,
    attachment_path,
)
from projects.history import Transition
from projects.laureates.models.follow_up import (
    CoachingEntry,
    Milestone,
    Resource,
    TimeCommitment,
    TimeDeclaration,
)
from projects.laureates.models.history import ProjectTransition, ProjectTransitionQuerySet
from projects.laureates.models.laureate import (
    PhasePeriod,
    PhasePeriodQuerySet,
    Project,
    ProjectQuerySet,
)
from projects.laureates.models.reporting import ImpactIndicator, Measurement, PhaseReport
from projects.mailings.models import Mailing, MailingDelivery

__all__ = [
    "Application",
    "ApplicationQuerySet",
    "ApplicationTransition",
    "Attachment",
    "CoachingEntry",
    "DecisionLetter",
    "ImpactIndicator",
    "Mailing",
    "MailingDelivery",
    "Measurement",
    "Milestone",
    "PhasePeriod",
    "PhasePeriodQuerySet",
    "PhaseReport",
    "Project",
    "ProjectQuerySet",
    "ProjectTransition",
    "ProjectTransitionQuerySet",
    "Resource",
    "TeamMember",
    "TimeCommitment",
    "TimeDeclaration",
    "Transition",
    "attachment_path",
]

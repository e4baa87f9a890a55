"""Applications, their teams and files; laureate projects, their phase periods; histories.

Status and phase fields are not editable (``editable=False``): they change only through
``projects.services``, which writes the history rows in the same transaction.
"""

from projects.models.application import (
    Application,
    ApplicationQuerySet,
    Attachment,
    TeamMember,
    attachment_path,
)
from projects.models.follow_up import (
    CoachingEntry,
    Milestone,
    Resource,
    TimeCommitment,
    TimeDeclaration,
)
from projects.models.history import (
    ApplicationTransition,
    ProjectTransition,
    ProjectTransitionQuerySet,
    Transition,
)
from projects.models.impact import ImpactIndicator, Measurement, PhaseReport
from projects.models.laureate import (
    PhasePeriod,
    PhasePeriodQuerySet,
    Project,
    ProjectQuerySet,
)

__all__ = [
    "Application",
    "ApplicationQuerySet",
    "ApplicationTransition",
    "Attachment",
    "CoachingEntry",
    "ImpactIndicator",
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

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
from projects.models.history import (
    ApplicationTransition,
    ProjectTransition,
    ProjectTransitionQuerySet,
    Transition,
)
from projects.models.laureate import (
    ImpactIndicator,
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
    "ImpactIndicator",
    "PhasePeriod",
    "PhasePeriodQuerySet",
    "Project",
    "ProjectQuerySet",
    "ProjectTransition",
    "ProjectTransitionQuerySet",
    "TeamMember",
    "Transition",
    "attachment_path",
]

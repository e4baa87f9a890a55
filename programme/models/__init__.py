"""Programme-wide models: people, the programme and its branding, organisations, themes,
news, and the audit log."""

from programme.models.audit import AuditEntry
from programme.models.identities import ProConnectIdentity
from programme.models.news import NewsItem, NewsItemQuerySet
from programme.models.people import User, UserManager
from programme.models.programme import (
    Objective,
    Organisation,
    Programme,
    ProgrammeQuerySet,
    Theme,
    contrast_ratio,
    hex_colour_validator,
)

__all__ = [
    "AuditEntry",
    "NewsItem",
    "NewsItemQuerySet",
    "Objective",
    "Organisation",
    "ProConnectIdentity",
    "Programme",
    "ProgrammeQuerySet",
    "Theme",
    "User",
    "UserManager",
    "contrast_ratio",
    "hex_colour_validator",
]

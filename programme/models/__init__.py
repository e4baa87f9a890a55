"""Programme-wide models: people, the programme and its branding, organisations, themes,
news, the audit log, sign-in records, and mail texts written by staff."""

from programme.models.audit import AuditEntry
from programme.models.identities import ProConnectIdentity
from programme.models.mail import MailTemplate
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
from programme.models.sign_in import SignInCooloff, SignInRecord

__all__ = [
    "AuditEntry",
    "MailTemplate",
    "NewsItem",
    "NewsItemQuerySet",
    "Objective",
    "Organisation",
    "ProConnectIdentity",
    "Programme",
    "ProgrammeQuerySet",
    "SignInCooloff",
    "SignInRecord",
    "Theme",
    "User",
    "UserManager",
    "contrast_ratio",
    "hex_colour_validator",
]

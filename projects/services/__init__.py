"""The workflows of the projects app. Each mutating function takes the acting user as the
keyword-only ``actor``, runs in a transaction, and writes its audit entry.

- ``lifecycle``: the only code that moves an application or a project;
- ``team``: drafts, team members, the line manager's agreement, attachments.
"""

from projects.services.lifecycle import (
    application_refusals,
    create_laureate_project,
    move_application,
    move_project,
    project_refusals,
)
from projects.services.publication import publish_history

__all__ = [
    "application_refusals",
    "create_laureate_project",
    "move_application",
    "move_project",
    "project_refusals",
    "publish_history",
]

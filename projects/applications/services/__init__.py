"""The workflows of applications. Each mutating function takes the acting user as the
keyword-only ``actor``, runs in a transaction and writes its audit entry.

- ``lifecycle``: the only code that moves an application (``move_application``);
- ``team``: drafts, team members, the line manager's agreement, attachments.
"""

from projects.applications.services.lifecycle import application_refusals, move_application

__all__ = ["application_refusals", "move_application"]

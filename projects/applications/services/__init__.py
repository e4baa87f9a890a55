"""The workflows of applications. Each mutating function takes the acting user as the
keyword-only ``actor``, runs in a transaction and writes its audit entry.

- ``lifecycle``: the only code that moves an application (``move_application``);
- ``screening``: telling teams the screening decisions of staff (``publish_screening``);
- ``team``: drafts, team members, the line manager's agreement, attachments.
"""

from projects.applications.services.lifecycle import application_refusals, move_application
from projects.applications.services.screening import publish_screening, screening_to_publish

__all__ = ["application_refusals", "move_application", "publish_screening", "screening_to_publish"]

"""The workflows of laureates. Each mutating function takes the acting user as the
keyword-only ``actor``, runs in a transaction and writes its audit entry.

- ``lifecycle``: the only code that creates a project and moves it between phases;
- ``follow_up``: milestones, measurements, time declarations, phase reports.
"""

from projects.laureates.services.lifecycle import (
    create_laureate_project,
    move_project,
    project_refusals,
)

__all__ = ["create_laureate_project", "move_project", "project_refusals"]

"""The admin of laureates. Importing the package registers its model admins: projects,
the follow-up (periods, coaching, milestones, time), reporting (measurements, reports)."""

from projects.laureates.admin import follow_up, projects, reporting, timeline

__all__ = ["follow_up", "projects", "reporting", "timeline"]

"""The admin of applications. Importing the package registers its model admins and its
screening actions."""

from projects.applications.admin import applications, screening, timeline

__all__ = ["applications", "screening", "timeline"]

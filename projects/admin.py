"""The admin of the projects app, one module per domain; each registers on import.

- ``projects.applications.admin``: applications, their screening and their timeline;
- ``projects.laureates.admin``: projects, their follow-up, reporting and timeline;
- ``projects.staff.admin``: the dashboard panel, the phase board and the exports page.
"""

from projects.applications import admin as applications_admin
from projects.laureates import admin as laureates_admin
from projects.staff import admin as staff_admin

__all__ = ["applications_admin", "laureates_admin", "staff_admin"]

"""The signed-in pages of the projects app, under the ``projects`` namespace: the
applicants' (``projects.applications.urls``) and the follow-up of laureates
(``projects.laureates.urls``). Public pages are in ``projects.public.urls``."""

from projects.applications.urls import urlpatterns as application_patterns
from projects.laureates.urls import urlpatterns as laureate_patterns

app_name = "projects"

urlpatterns = [*application_patterns, *laureate_patterns]

"""The bench's side of Django: which pages to load on the generated data, the session
cookies of the people who see the signed-in ones, and query counts per request.

Imported by ``tests.bench.run`` once the production environment is set: importing it
starts Django with those settings, on the bench's database.
"""

import dataclasses
import secrets

import django

django.setup()

from django.conf import settings  # noqa: E402 (Django must be set up first)
from django.contrib.sessions.models import Session as StoredSession  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from demo import story  # noqa: E402
from editions.models import Edition  # noqa: E402
from jury.enums import MemberRole, SessionStatus  # noqa: E402
from jury.models import Score, Session  # noqa: E402
from programme.models import User  # noqa: E402
from projects.models import Application, Measurement, Project  # noqa: E402
from tests.second_factor import force_login_with_second_factor  # noqa: E402


@dataclasses.dataclass(frozen=True)
class Page:
    name: str
    path: str
    user: str | None = None  # the key of a signed-in person; None for anonymous
    public: bool = False  # an anonymous public page: measured on a miss and on a hit


class World:
    def __init__(self, *, users, pages):
        self.users = users
        self.pages = pages
        self.clients = {}
        self.cookies = {}
        for key, user in users.items():
            client = Client(HTTP_HOST="127.0.0.1")
            force_login_with_second_factor(client, user)
            self.clients[key] = client
            value = client.cookies[settings.SESSION_COOKIE_NAME].value
            self.cookies[key] = f"{settings.SESSION_COOKIE_NAME}={value}"

    @classmethod
    def build(cls, *, scale):
        users = {
            "staff": User.objects.get(email=story.STAFF[1]),
            "chair": User.objects.get(email=story.JURY[0][1]),
            "applicant": User.objects.get(email=story.APPLICANT),
        }
        session = Session.objects.filter(status=SessionStatus.DELIBERATION).latest("pk")
        laureate = Project.objects.filter(is_published=True).order_by("pk").first()
        open_edition = Edition.objects.order_by("-number").first()
        jury = f"/jury/seances/{session.pk}"
        # An export holds one edition: the first, a whole past edition at every scale
        # (the default, the latest edition, is the call open today with its drafts).
        edition = "edition=saison-1"
        pages = [
            Page("/healthz", "/healthz"),
            Page("/", "/", public=True),
            Page("/laureats/", "/laureats/", public=True),
            Page("a laureate page", f"/laureats/{laureate.slug}/", public=True),
            Page("/editions/<slug>/", "/editions/saison-1/", public=True),
            Page("/donnees/laureats.csv", "/donnees/laureats.csv", public=True),
            Page("/donnees/laureats.json", "/donnees/laureats.json", public=True),
            Page("/sitemap.xml", "/sitemap.xml", public=True),
            Page("application form", f"/appels/{open_edition.slug}/candidater/", "applicant"),
            Page("session page", f"{jury}/", "chair"),
            Page("deliberation", f"{jury}/deliberation/", "chair"),
            Page("ranking export (CSV)", f"{jury}/classement.csv", "chair"),
            Page("/admin/ (dashboard)", "/admin/", "staff"),
            Page("screening list", "/admin/projects/application/", "staff"),
            Page("phase board", "/admin/tableau-des-phases/", "staff"),
            Page("export candidatures.csv", f"/admin/exports/candidatures.csv?{edition}", "staff"),
            Page(
                "export candidatures.xlsx", f"/admin/exports/candidatures.xlsx?{edition}", "staff"
            ),
            Page("export projets.csv", f"/admin/exports/projets.csv?{edition}", "staff"),
            Page("export indicateurs.csv", f"/admin/exports/indicateurs.csv?{edition}", "staff"),
        ]
        world = cls(users=users, pages=pages)
        world.session = session
        return world

    def queries(self, page, *, miss):
        """Queries of one request: a miss (a new query string) or a hit (the URL again,
        after one request that may have filled a cache)."""
        client = self.clients[page.user] if page.user else Client(HTTP_HOST="127.0.0.1")
        path = page.path
        if miss:
            path += ("&" if "?" in path else "?") + f"bench-miss={secrets.token_hex(4)}"
        else:
            client.get(path)
        with CaptureQueriesContext(connection) as captured:
            client.get(path)
        return len(captured)

    def sizes(self):
        items = self.session.items.count()
        voters = self.session.convocations.exclude(member__role=MemberRole.SECRETARY).count()
        criteria = self.session.criteria.count()
        return {
            "applications": Application.objects.count(),
            "published laureates": Project.objects.filter(is_published=True).count(),
            "measurements": Measurement.objects.count(),
            "marks": Score.objects.count(),
            "session in deliberation": f"{items} items x {voters} voters x {criteria} criteria",
        }

    def sign_out(self):
        keys = [cookie.split("=", 1)[1] for cookie in self.cookies.values()]
        StoredSession.objects.filter(session_key__in=keys).delete()
